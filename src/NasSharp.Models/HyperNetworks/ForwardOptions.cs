namespace NasSharp.HyperNetworks;

/// <summary>
/// How a target network's forward pass treats BatchNorm and what it shows a caller. The default is the pass HyperNAS
/// trains with; the zero-cost proxies (<c>NasSharp.Proxies</c>) run the same network code with other settings rather
/// than a second copy of it.
/// </summary>
public sealed record ForwardOptions
{
    /// <summary>HyperNAS's pass: BatchNorm with batch statistics, nothing observed.</summary>
    public static ForwardOptions Training { get; } = new();

    /// <summary>
    /// True (default): every BatchNorm normalises with the batch's statistics (a network in training mode). False: every
    /// BatchNorm is left out, which is what a freshly initialised BatchNorm in evaluation mode computes up to the factor
    /// 1/√(1 + 1e-5) (running mean 0, variance 1, weight 1, bias 0), and what synflow's reference does (it removes BN).
    /// </summary>
    public bool BatchStatistics { get; init; } = true;

    /// <summary>
    /// Learned BatchNorm layers (a network trained for real, <c>NasSharp.Training.Architectures</c>); when set they
    /// replace the parameter-free BatchNorm and <see cref="BatchStatistics"/> is ignored. Null (default): none.
    /// </summary>
    public BatchNormLayers? Layers { get; init; }

    /// <summary>Called with the input of every ReLU, in forward order; null observes nothing.</summary>
    public Action<Tensor>? ReluInput { get; init; }

    /// <summary>ReLU of <paramref name="x"/>, shown to <see cref="ReluInput"/> first.</summary>
    public Tensor Relu(Tensor x)
    {
        ReluInput?.Invoke(x);
        return F.relu(x);
    }

    /// <summary>
    /// The next of <see cref="Layers"/> when set; else BatchNorm without learned parameters, or <paramref name="x"/> itself
    /// when <see cref="BatchStatistics"/> is false.
    /// </summary>
    public Tensor BatchNorm(Tensor x) =>
        Layers is { } layers ? layers.Apply(x) : BatchStatistics ? F.batch_norm(x, null, null, training: true) : x;
}
