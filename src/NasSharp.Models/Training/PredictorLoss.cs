namespace NasSharp.Training;

/// <summary>
/// The loss of <see cref="LossConfig"/> between a batch's predictions and normalised targets, for every trainer of the
/// network predictors. It holds its constants as native Scalars for its whole life (docs/DECISIONS.md, "No implicit
/// native Scalars"), so make one per fit and dispose it after.
/// </summary>
public sealed class PredictorLoss : IDisposable
{
    private readonly LossConfig config;
    private readonly Scalar mseWeight;
    private readonly Scalar margin;

    /// <summary>The loss of <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException">A bad configuration.</exception>
    public PredictorLoss(LossConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        this.config = config;
        mseWeight = config.MseWeight.ToScalar();
        margin = config.Margin.ToScalar();
    }

    /// <summary>
    /// The scalar loss of <paramref name="predictions"/> <c>[B]</c> against <paramref name="targets"/> <c>[B]</c>
    /// (same dtype and device). A ranking term averages over the ordered pairs (i, j) with y_i &gt; y_j; a batch without
    /// such a pair contributes 0 to it.
    /// </summary>
    public Tensor Compute(Tensor predictions, Tensor targets)
    {
        if (config.Kind == LossKind.Mse) return F.mse_loss(predictions, targets);
        using var scope = NewDisposeScope();
        // d_ij = s_i − s_j; the pair counts where y_i > y_j, i.e. where the prediction should have s_i above s_j.
        var difference = predictions.unsqueeze(1) - predictions.unsqueeze(0);
        var pairs = targets.unsqueeze(1).gt(targets.unsqueeze(0)).to_type(predictions.dtype);
        var perPair = config.Kind == LossKind.Pairwise
            ? Softplus(difference.neg())                               // RankNet: log(1 + exp(−(s_i − s_j)))
            : difference.neg().add(margin, TorchConstants.One).relu(); // GATES: max(0, m − (s_i − s_j))
        var ranking = (perPair * pairs).sum() / pairs.sum().clamp_min(TorchConstants.One);
        var loss = config.MseWeight > 0 ? ranking.add(F.mse_loss(predictions, targets), mseWeight) : ranking;
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>log(1 + exp(z)) without overflow: max(z, 0) + log(1 + exp(−|z|)).</summary>
    private static Tensor Softplus(Tensor z) => z.relu().add(z.abs().neg().exp().log1p(), TorchConstants.One);

    /// <inheritdoc/>
    public void Dispose()
    {
        mseWeight.Dispose();
        margin.Dispose();
    }
}
