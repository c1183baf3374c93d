namespace NasSharp.Training;

/// <summary>
/// SGD with momentum, optional Nesterov momentum and L2 weight decay (PyTorch's <c>optim.SGD</c> update with dampening
/// 0), written out for the reason <see cref="ScalarSafeAdam"/> is: every native Scalar it uses stays referenced until
/// disposed. Optimises any leaf tensors that require gradients. The learning rate is a property, so a schedule computed
/// in C# (<see cref="LearningRateSchedules"/>) sets it.
/// </summary>
public sealed class ScalarSafeSgd : IDisposable
{
    private readonly Tensor[] parameters;
    private readonly Tensor?[] buffers;
    private readonly Scalar momentum;
    private readonly Scalar? weightDecay;
    private readonly bool nesterov;

    /// <summary>
    /// SGD over <paramref name="parameters"/> at <paramref name="learningRate"/>: g ← ∇ + λθ; b ← μb + g (b = g at the
    /// first step); with Nesterov g ← g + μb, else g ← b; θ ← θ − η·g.
    /// </summary>
    /// <exception cref="ArgumentException">A negative momentum or weight decay, or Nesterov without momentum.</exception>
    public ScalarSafeSgd(IEnumerable<Tensor> parameters, double learningRate, double momentum, double weightDecay, bool nesterov)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(momentum >= 0)) throw new ArgumentException($"Momentum must be non-negative, got {momentum}.", nameof(momentum));
        if (!(weightDecay >= 0)) throw new ArgumentException($"Weight decay must be non-negative, got {weightDecay}.", nameof(weightDecay));
        if (nesterov && momentum == 0) throw new ArgumentException("Nesterov momentum needs a momentum above 0.", nameof(nesterov));
        this.parameters = [.. parameters];
        buffers = new Tensor?[this.parameters.Length];
        LearningRate = learningRate;
        this.momentum = momentum.ToScalar();
        if (weightDecay != 0) this.weightDecay = weightDecay.ToScalar();
        this.nesterov = nesterov;
    }

    /// <summary>The learning rate of the next <see cref="Step"/>.</summary>
    public double LearningRate { get; set; }

    /// <summary>Clears the parameters' gradients.</summary>
    public void ZeroGrad()
    {
        using var scope = NewDisposeScope();
        foreach (var p in parameters) p.grad?.zero_();
    }

    /// <summary>One update from the parameters' current gradients; parameters without a gradient are left alone.</summary>
    public void Step()
    {
        using var step = (-LearningRate).ToScalar();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (int i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].grad is not { } rawGrad) continue;
            var grad = weightDecay is null ? rawGrad : rawGrad.add(parameters[i], weightDecay);
            if (buffers[i] is not { } buffer)
                buffer = buffers[i] = grad.detach().clone().DetachFromDisposeScope();
            else
                buffer.mul_(momentum).add_(grad, TorchConstants.One);
            var direction = nesterov ? grad.add(buffer, momentum) : buffer;
            parameters[i].add_(direction, step);
        }
    }

    /// <summary>Frees the momentum buffers and the Scalars.</summary>
    public void Dispose()
    {
        foreach (var b in buffers) b?.Dispose();
        momentum.Dispose();
        weightDecay?.Dispose();
    }
}
