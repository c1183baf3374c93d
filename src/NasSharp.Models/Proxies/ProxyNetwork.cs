using NasSharp.Graphs;
using NasSharp.HyperNetworks;

namespace NasSharp.Proxies;

/// <summary>
/// One architecture's target network (<see cref="ITargetNetwork"/>, the code HyperNAS runs) with its own randomly
/// initialised weights, as PyTorch initialises a freshly built network: every convolution weight and the classifier
/// weight uniform in ±1/√fan-in (<c>kaiming_uniform_</c> with a = √5), the classifier bias likewise; BatchNorm has no
/// parameters to draw (weight 1, bias 0). Same seed, same weights.
/// </summary>
public sealed class ProxyNetwork : IDisposable
{
    private readonly Tensor[] convs;

    private ProxyNetwork(ITargetNetwork target, CellGraph cell, Tensor[] convs, Tensor stem, Tensor classifier, Tensor bias)
    {
        Target = target;
        Cell = cell;
        this.convs = convs;
        Stem = stem;
        Classifier = classifier;
        Bias = bias;
    }

    /// <summary>The network layout.</summary>
    public ITargetNetwork Target { get; }

    /// <summary>The architecture's ops-on-nodes cell graph.</summary>
    public CellGraph Cell { get; }

    /// <summary>Convolution weights in <see cref="ITargetNetwork.Weights"/> order.</summary>
    public IReadOnlyList<Tensor> Convolutions => convs;

    /// <summary>Stem convolution weight <c>[C, 3, 3, 3]</c>.</summary>
    public Tensor Stem { get; }

    /// <summary>Classifier weight <c>[classes, final channels]</c>.</summary>
    public Tensor Classifier { get; }

    /// <summary>Classifier bias <c>[classes]</c>.</summary>
    public Tensor Bias { get; }

    /// <summary>Builds <paramref name="cell"/>'s network on <paramref name="target"/> with weights drawn from <paramref name="seed"/>.</summary>
    public static ProxyNetwork Create(ITargetNetwork target, CellGraph cell, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(cell);
        using var generator = new Generator(seed);
        var convs = target.Weights(cell).Select(w => Uniform([w.Out, w.In, w.Kernel, w.Kernel], w.In * w.Kernel * w.Kernel, generator)).ToArray();
        var stem = Uniform([target.StemChannels, 3, 3, 3], 3 * 3 * 3, generator);
        var classifier = Uniform([target.Classes, target.FinalChannels], target.FinalChannels, generator);
        var bias = Uniform([target.Classes], target.FinalChannels, generator);
        return new ProxyNetwork(target, cell, convs, stem, classifier, bias);
    }

    /// <summary>Logits <c>[B, classes]</c> of <paramref name="images"/> with these weights.</summary>
    public Tensor Forward(Tensor images, ForwardOptions options) => Target.Forward(images, Cell, convs, Stem, Classifier, Bias, options);

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var c in convs) c.Dispose();
        Stem.Dispose();
        Classifier.Dispose();
        Bias.Dispose();
    }

    private static Tensor Uniform(long[] shape, long fanIn, Generator generator)
    {
        using var scope = NewDisposeScope();
        using var width = (2.0 / Math.Sqrt(fanIn)).ToScalar();
        using var shift = (1.0 / Math.Sqrt(fanIn)).ToScalar();
        return rand(shape, generator: generator).mul_(width).sub_(shift).DetachFromDisposeScope();
    }
}
