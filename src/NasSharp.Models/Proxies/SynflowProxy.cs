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
        var bias = network.Bias.abs().to(float64);
        var ones = torch.ones([1, images.shape[1], images.shape[2], images.shape[3]], float64);
        int convs = network.Convolutions.Count;
        return Score([.. network.Convolutions, network.Stem, network.Classifier],
            w => network.Target.Forward(ones, network.Cell, [.. w.Take(convs)], w[convs], w[convs + 1], bias, WithoutBatchNorm));
    }

    /// <summary>
    /// Synflow of any network: <paramref name="forward"/> maps the weights' absolute values (double, tracking
    /// gradients) to its output on the all-ones input; the score is <c>Σ |θ ⊙ ∂(Σ output)/∂θ|</c> over <paramref name="weights"/>.
    /// </summary>
    public static double Score(IReadOnlyList<Tensor> weights, Func<IReadOnlyList<Tensor>, Tensor> forward)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(forward);
        using var scope = NewDisposeScope();
        var positive = weights.Select(w => w.detach().abs().to(float64).requires_grad_(true)).ToArray();
        forward(positive).sum().backward();
        double score = 0;
        foreach (var w in positive)
            // A weight off every input→output path gets no gradient: it contributes nothing.
            if (w.grad is { } g) score += w.mul(g).abs_().sum().item<double>();
        return score;
    }
}
