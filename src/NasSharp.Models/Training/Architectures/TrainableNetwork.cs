using NasSharp.Graphs;
using NasSharp.HyperNetworks;

namespace NasSharp.Training.Architectures;

/// <summary>
/// One architecture's target network (<see cref="ITargetNetwork"/>) with weights of its own that training updates: the
/// PyTorch-default initialisation the zero-cost proxies also start from (<see cref="TargetNetworkWeights.PyTorchDefault"/>),
/// made leaf tensors that require gradients, plus learned BatchNorm layers (<see cref="BatchNormLayers"/>).
/// </summary>
public sealed class TrainableNetwork : IDisposable
{
    private readonly TargetNetworkWeights weights;
    private readonly BatchNormLayers norms = new();
    private readonly ForwardOptions options;

    private TrainableNetwork(ITargetNetwork target, CellGraph cell, TargetNetworkWeights weights)
    {
        Target = target;
        Cell = cell;
        this.weights = weights;
        options = new ForwardOptions { Layers = norms };
    }

    /// <summary>The network layout.</summary>
    public ITargetNetwork Target { get; }

    /// <summary>The architecture's ops-on-nodes cell graph.</summary>
    public CellGraph Cell { get; }

    /// <summary>Every trainable tensor: convolutions, stem, classifier, bias, then the BatchNorm weights and biases.</summary>
    public IReadOnlyList<Tensor> Parameters => [.. weights.All, .. norms.Parameters];

    /// <summary>Number of trainable values.</summary>
    public long ParameterCount => Parameters.Sum(p => p.numel());

    /// <summary>
    /// Builds <paramref name="cell"/>'s network on <paramref name="target"/> with weights drawn from <paramref name="seed"/>,
    /// for images of side <paramref name="imageSide"/> (one evaluation-mode pass creates the BatchNorm layers without
    /// touching their running statistics).
    /// </summary>
    public static TrainableNetwork Create(ITargetNetwork target, CellGraph cell, ulong seed, int imageSide)
    {
        var weights = TargetNetworkWeights.PyTorchDefault(target, cell, seed);
        foreach (var w in weights.All) w.requires_grad_(true);
        var network = new TrainableNetwork(target, cell, weights);
        using (var scope = NewDisposeScope())
        using (no_grad())
            network.Forward(zeros(2, 3, imageSide, imageSide), training: false);
        return network;
    }

    /// <summary>
    /// Logits <c>[B, classes]</c> of <paramref name="images"/> <c>[B, 3, S, S]</c>; <paramref name="training"/> selects
    /// batch statistics (updating the running ones) or the running statistics in every BatchNorm.
    /// </summary>
    public Tensor Forward(Tensor images, bool training)
    {
        norms.Training = training;
        norms.Begin();
        var logits = Target.Forward(images, Cell, weights.Convolutions, weights.Stem, weights.Classifier, weights.Bias, options);
        norms.End();
        return logits;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        weights.Dispose();
        norms.Dispose();
    }
}
