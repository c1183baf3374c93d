using NasSharp.HyperNetworks;

namespace NasSharp.Proxies;

/// <summary>
/// Synflow (Tanaka et al. 2020, "Pruning neural networks without any data by iteratively conserving synaptic flow"),
/// as the zero-cost proxy studies compute it (Abdelfattah et al. 2021): in double precision, every weight replaced by
/// its absolute value, BatchNorm removed, one all-ones input image, <c>L = Σ logits</c>; the score is
/// <c>Σ |θ ⊙ ∂L/∂θ|</c> over the convolution and classifier weights (biases enter the forward pass as |b| but are not
/// scored). The images are used only for their side.
/// </summary>
public sealed class SynflowProxy : IZeroCostProxy
{
    private static readonly ForwardOptions WithoutBatchNorm = new() { BatchStatistics = false };

    /// <inheritdoc/>
    public string Name => "synflow";

    /// <inheritdoc/>
    public string Description => "synflow (Tanaka et al. 2020): sum of |weight x gradient| of the summed logits, |weights|, all-ones input, no BN, double";

    /// <inheritdoc/>
    public double Score(ProxyNetwork network, Tensor images)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(images);
        using var scope = NewDisposeScope();
        var convs = network.Convolutions.Select(Scored).ToArray();
        var stem = Scored(network.Stem);
        var classifier = Scored(network.Classifier);
        var bias = network.Bias.abs().to(float64);
        var ones = torch.ones([1, images.shape[1], images.shape[2], images.shape[3]], float64);
        network.Target.Forward(ones, network.Cell, convs, stem, classifier, bias, WithoutBatchNorm).sum().backward();
        double score = 0;
        foreach (var w in convs.Append(stem).Append(classifier))
            // A weight off every input→output path gets no gradient: it contributes nothing.
            if (w.grad is { } g) score += w.mul(g).abs_().sum().item<double>();
        return score;
    }

    private static Tensor Scored(Tensor weight) => weight.abs().to(float64).requires_grad_(true);
}
