namespace NasSharp.HyperNetworks;

/// <summary>
/// Learned BatchNorm for a target network trained for real (<see cref="ForwardOptions.Layers"/>), as NB201 trains its
/// networks: every BatchNorm call of a forward pass, in order, is one layer with an affine weight (starting at 1) and
/// bias (0) and running statistics (mean 0, variance 1, momentum 0.1, ε 1e-5, PyTorch's <c>BatchNorm2d</c>). A layer is
/// created at the first pass that reaches it, so the network code needs no list of its BatchNorms; every later pass
/// must make the same calls (<see cref="Begin"/> starts one, <see cref="End"/> checks it).
/// </summary>
public sealed class BatchNormLayers : IDisposable
{
    private const double Momentum = 0.1, Epsilon = 1e-5;
    private readonly List<(Tensor Weight, Tensor Bias, Tensor Mean, Tensor Variance)> layers = [];
    private int next = -1;
    private bool frozen;

    /// <summary>True: normalise with the batch's statistics and update the running ones (training); false: use the running ones (evaluation).</summary>
    public bool Training { get; set; } = true;

    /// <summary>The learned weights and biases, layer by layer.</summary>
    public IEnumerable<Tensor> Parameters => layers.SelectMany(l => new[] { l.Weight, l.Bias });

    /// <summary>Layers created so far.</summary>
    public int Count => layers.Count;

    /// <summary>Starts a forward pass: its BatchNorm calls map to the layers from the first.</summary>
    public void Begin() => next = 0;

    /// <summary>Ends a forward pass; after the first, every pass must have used every layer.</summary>
    /// <exception cref="InvalidOperationException">The pass made another number of BatchNorm calls than the first.</exception>
    public void End()
    {
        if (next != layers.Count)
            throw new InvalidOperationException($"A forward pass made {next} BatchNorm calls; the network's first pass made {layers.Count}.");
        frozen = true;
        next = -1;
    }

    /// <summary>The next layer's BatchNorm of <paramref name="x"/> <c>[B, C, H, W]</c>.</summary>
    /// <exception cref="InvalidOperationException">Called outside <see cref="Begin"/>/<see cref="End"/>, or with other channels than the layer has.</exception>
    public Tensor Apply(Tensor x)
    {
        if (next < 0) throw new InvalidOperationException("BatchNormLayers.Apply outside a forward pass: call Begin first.");
        long channels = x.shape[1];
        if (next == layers.Count)
        {
            if (frozen) throw new InvalidOperationException($"A forward pass made more BatchNorm calls than the first ({layers.Count}).");
            layers.Add((ones(channels).requires_grad_(true).DetachFromDisposeScope(), zeros(channels).requires_grad_(true).DetachFromDisposeScope(),
                zeros(channels).DetachFromDisposeScope(), ones(channels).DetachFromDisposeScope()));
        }
        var (weight, bias, mean, variance) = layers[next++];
        if (weight.shape[0] != channels)
            throw new InvalidOperationException($"BatchNorm layer {next - 1} has {weight.shape[0]} channels; the pass gave it {channels}.");
        return F.batch_norm(x, mean, variance, weight, bias, Training, Momentum, Epsilon);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var (w, b, m, v) in layers)
        {
            w.Dispose();
            b.Dispose();
            m.Dispose();
            v.Dispose();
        }
        layers.Clear();
    }
}
