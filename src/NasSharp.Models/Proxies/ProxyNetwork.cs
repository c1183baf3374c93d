using NasSharp.Graphs;
using NasSharp.HyperNetworks;

namespace NasSharp.Proxies;

/// <summary>
/// One architecture's target network (<see cref="ITargetNetwork"/>, the code HyperNAS runs) with its own randomly
/// initialised weights, as PyTorch initialises a freshly built network (<see cref="TargetNetworkWeights.PyTorchDefault"/>);
/// BatchNorm has no parameters to draw (weight 1, bias 0). Same seed, same weights.
/// </summary>
public sealed class ProxyNetwork : IDisposable
{
    private readonly TargetNetworkWeights weights;

    private ProxyNetwork(ITargetNetwork target, CellGraph cell, TargetNetworkWeights weights) => (Target, Cell, this.weights) = (target, cell, weights);

    /// <summary>The network layout.</summary>
    public ITargetNetwork Target { get; }

    /// <summary>The architecture's ops-on-nodes cell graph.</summary>
    public CellGraph Cell { get; }

    /// <summary>Convolution weights in <see cref="ITargetNetwork.Weights"/> order.</summary>
    public IReadOnlyList<Tensor> Convolutions => weights.Convolutions;

    /// <summary>Stem convolution weight <c>[C, 3, 3, 3]</c>.</summary>
    public Tensor Stem => weights.Stem;

    /// <summary>Classifier weight <c>[classes, final channels]</c>.</summary>
    public Tensor Classifier => weights.Classifier;

    /// <summary>Classifier bias <c>[classes]</c>.</summary>
    public Tensor Bias => weights.Bias;

    /// <summary>Builds <paramref name="cell"/>'s network on <paramref name="target"/> with weights drawn from <paramref name="seed"/>.</summary>
    public static ProxyNetwork Create(ITargetNetwork target, CellGraph cell, ulong seed) =>
        new(target, cell, TargetNetworkWeights.PyTorchDefault(target, cell, seed));

    /// <summary>Logits <c>[B, classes]</c> of <paramref name="images"/> with these weights.</summary>
    public Tensor Forward(Tensor images, ForwardOptions options) =>
        Target.Forward(images, Cell, weights.Convolutions, Stem, Classifier, Bias, options);

    /// <inheritdoc/>
    public void Dispose() => weights.Dispose();
}
