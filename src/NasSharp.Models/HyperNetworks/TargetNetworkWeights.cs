using NasSharp.Graphs;

namespace NasSharp.HyperNetworks;

/// <summary>
/// One architecture's own weights for a target network (<see cref="ITargetNetwork"/>), as <see cref="ITargetNetwork.Forward"/>
/// takes them. <see cref="PyTorchDefault"/> draws them as PyTorch initialises a freshly built network; the zero-cost
/// proxies score such an untrained network and the built-in trainer starts from one, so both share this one initialisation.
/// </summary>
public sealed class TargetNetworkWeights : IDisposable
{
    private readonly Tensor[] convs;

    private TargetNetworkWeights(Tensor[] convs, Tensor stem, Tensor classifier, Tensor bias) =>
        (this.convs, Stem, Classifier, Bias) = (convs, stem, classifier, bias);

    /// <summary>Convolution weights in <see cref="ITargetNetwork.Weights"/> order.</summary>
    public IReadOnlyList<Tensor> Convolutions => convs;

    /// <summary>Stem convolution weight <c>[C, 3, 3, 3]</c>.</summary>
    public Tensor Stem { get; }

    /// <summary>Classifier weight <c>[classes, final channels]</c>.</summary>
    public Tensor Classifier { get; }

    /// <summary>Classifier bias <c>[classes]</c>.</summary>
    public Tensor Bias { get; }

    /// <summary>Every tensor: the convolutions, then stem, classifier and bias.</summary>
    public IEnumerable<Tensor> All => convs.Append(Stem).Append(Classifier).Append(Bias);

    /// <summary>
    /// <paramref name="cell"/>'s weights on <paramref name="target"/> drawn from <paramref name="seed"/> as PyTorch
    /// initialises them: every convolution weight and the classifier weight uniform in ±1/√fan-in
    /// (<c>kaiming_uniform_</c> with a = √5), the classifier bias likewise. Same seed, same weights.
    /// </summary>
    public static TargetNetworkWeights PyTorchDefault(ITargetNetwork target, CellGraph cell, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(cell);
        using var generator = new Generator(seed);
        var convs = target.Weights(cell).Select(w => Uniform([w.Out, w.In, w.Kernel, w.Kernel], w.In * w.Kernel * w.Kernel, generator)).ToArray();
        var stem = Uniform([target.StemChannels, 3, 3, 3], 3 * 3 * 3, generator);
        var classifier = Uniform([target.Classes, target.FinalChannels], target.FinalChannels, generator);
        var bias = Uniform([target.Classes], target.FinalChannels, generator);
        return new TargetNetworkWeights(convs, stem, classifier, bias);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var t in All) t.Dispose();
    }

    private static Tensor Uniform(long[] shape, long fanIn, Generator generator)
    {
        using var scope = NewDisposeScope();
        using var width = (2.0 / Math.Sqrt(fanIn)).ToScalar();
        using var shift = (1.0 / Math.Sqrt(fanIn)).ToScalar();
        return rand(shape, generator: generator).mul_(width).sub_(shift).DetachFromDisposeScope();
    }
}
