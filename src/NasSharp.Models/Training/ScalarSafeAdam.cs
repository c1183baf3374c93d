namespace NasSharp.Training;

/// <summary>
/// Adam (Kingma &amp; Ba; PyTorch's update with L2 weight decay, without AMSGrad) written out so that every native
/// Scalar it uses stays referenced until disposed. <c>optim.Adam</c> turns its hyper-parameters into temporary Scalars
/// on every step, and the finalizer that frees them can run while the native operation still reads them: runs crashed
/// inside <c>Adam.step</c> with "Unknown scalar type" and "Expected false to be true … toFloat" (docs/DECISIONS.md).
/// The learning rate is a property so that a schedule computed in C# (<see cref="LearningRateSchedules"/>) can set it.
/// </summary>
public sealed class ScalarSafeAdam : IDisposable
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
    private readonly TorchSharp.Modules.Parameter[] parameters;
    private readonly Tensor?[] firstMoments;
    private readonly Tensor?[] secondMoments;
    private readonly Scalar beta1 = Beta1.ToScalar(), beta2 = Beta2.ToScalar();
    private readonly Scalar oneMinusBeta1 = (1 - Beta1).ToScalar(), oneMinusBeta2 = (1 - Beta2).ToScalar(), epsilon = Epsilon.ToScalar();
    private readonly Scalar? weightDecay;
    private int steps;

    /// <summary>
    /// Adam over <paramref name="parameters"/> at <paramref name="learningRate"/> (β = 0.9, 0.999; ε = 1e-8) with L2
    /// <paramref name="weightDecay"/> added to the gradient, as <c>torch.optim.Adam(weight_decay)</c>.
    /// </summary>
    public ScalarSafeAdam(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate, double weightDecay = 0)
    {
        if (!(weightDecay >= 0)) throw new ArgumentException($"Weight decay must be non-negative, got {weightDecay}.", nameof(weightDecay));
        this.parameters = [.. parameters];
        firstMoments = new Tensor?[this.parameters.Length];
        secondMoments = new Tensor?[this.parameters.Length];
        LearningRate = learningRate;
        if (weightDecay != 0) this.weightDecay = weightDecay.ToScalar();
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
        steps++;
        double correction1 = 1 - Math.Pow(Beta1, steps), correction2 = 1 - Math.Pow(Beta2, steps);
        using var stepSize = (-LearningRate / correction1).ToScalar();
        using var rootCorrection2 = Math.Sqrt(correction2).ToScalar();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (int i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].grad is not { } rawGrad) continue;
            // L2 decay as torch's Adam: g ← g + λ·θ, before the moments.
            var grad = weightDecay is null ? rawGrad : rawGrad.add(parameters[i], weightDecay);
            var m = firstMoments[i] ??= zeros_like(parameters[i]).DetachFromDisposeScope();
            var v = secondMoments[i] ??= zeros_like(parameters[i]).DetachFromDisposeScope();
            m.mul_(beta1).add_(grad, oneMinusBeta1);
            v.mul_(beta2).addcmul_(grad, grad, oneMinusBeta2);
            // PyTorch's order: denom = √v / √(1 − β₂ᵗ) + ε, then p −= lr / (1 − β₁ᵗ) · m / denom.
            parameters[i].addcdiv_(m, v.sqrt().div_(rootCorrection2).add_(epsilon, TorchConstants.One), stepSize);
        }
    }

    /// <summary>Frees the moments and the Scalars.</summary>
    public void Dispose()
    {
        foreach (var t in firstMoments.Concat(secondMoments)) t?.Dispose();
        foreach (var s in new[] { beta1, beta2, oneMinusBeta1, oneMinusBeta2, epsilon }) s.Dispose();
        weightDecay?.Dispose();
    }
}
