using NasSharp.HyperNetworks;

namespace NasSharp.Proxies;

/// <summary>
/// The first NASWOT score (Mellor et al., arXiv v1, 2020), the one in the NB201 table's <c>naswot_v1_score_cifar10</c>
/// column: the Jacobian of the summed logits with respect to each input image, flattened; the correlation matrix Σ of
/// those rows over the batch; score <c>−Σᵢ [log(λᵢ + k) + 1/(λᵢ + k)]</c> over Σ's eigenvalues, k = 1e-5. The network
/// is in training mode (BatchNorm with batch statistics), which is how the table's column was made: this variant ranks
/// like the column at Spearman 0.95 (51 NB201 cells), the evaluation-mode one (BatchNorm the identity, as one version
/// of the reference script has it) at 0.67 (207 cells; docs/DECISIONS.md). The reference's network has one output;
/// the sum of ours is one random linear read-out of the same pooled features.
/// </summary>
public sealed class JacobianCovarianceProxy : IZeroCostProxy
{
    /// <summary>The reference's k, which keeps the logarithm finite on a singular Σ.</summary>
    public const double K = 1e-5;

    /// <inheritdoc/>
    public string Name => "jacov";

    /// <inheritdoc/>
    public string Description => "NASWOT v1 (Mellor et al. 2020, arXiv v1): eigenvalue score of the input-Jacobian correlations, the NB201 table's naswot column";

    /// <inheritdoc/>
    public double Score(ProxyNetwork network, Tensor images)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(images);
        using var scope = NewDisposeScope();
        var input = images.detach().clone().requires_grad_(true);
        var output = network.Forward(input, ForwardOptions.Training).sum();
        // A network whose output ignores its input (no input→output path) has no Jacobian: every correlation is undefined.
        if (!output.requires_grad) return double.NaN;
        output.backward();
        return Score(input.grad!.reshape(images.shape[0], -1).to(float64));
    }

    /// <summary>The score of Jacobian rows <paramref name="jacobians"/> <c>[B, D]</c>; NaN when a row is constant.</summary>
    public static double Score(Tensor jacobians)
    {
        ArgumentNullException.ThrowIfNull(jacobians);
        using var scope = NewDisposeScope();
        var centred = jacobians.sub(jacobians.mean([1], keepdim: true));
        var norms = centred.norm(1, keepdim: true);
        var correlations = centred.div(norms).matmul(centred.div(norms).t());
        if (!correlations.isfinite().all().item<bool>()) return double.NaN;
        using var k = K.ToScalar();
        var shifted = linalg.eigvalsh(correlations).add(k, TorchConstants.One);
        return -shifted.log().add(shifted.reciprocal(), TorchConstants.One).sum().item<double>();
    }
}
