using NasSharp.Features;

namespace NasSharp.Meta;

/// <summary>
/// The few-shot feature ridge (<see cref="FeatureRidgePredictor"/>): which features it reads and the penalties its
/// leave-one-out cross-validation chooses from.
/// </summary>
/// <param name="Featurizer">
/// The features; null means the space's graph features (<see cref="GraphFeatures.For"/>). A cost task passes the
/// device prior and cost columns here (<see cref="Evaluation.FewShot.CostFeatures"/>).
/// </param>
public sealed record FeatureRidgeConfig(IArchitectureFeaturizer? Featurizer = null)
{
    /// <summary>
    /// Penalties λ tried, in units of the standardised support set (features and values z-scored over the K support
    /// cells, so λ = K would weigh the penalty like the data). The grid was fixed before any test device was scored
    /// and the choice between it and a fixed λ was made on validation devices (docs/DECISIONS.md, "Issue 15: few-shot").
    /// </summary>
    public IReadOnlyList<double> Penalties { get; init; } = [0.3, 1, 3, 10, 30];

    /// <summary>
    /// A feature the fit shrinks towards instead of towards zero: the values' least-squares slope on this feature
    /// alone is fitted without penalty and the ridge fits what it leaves, so a strong penalty falls back to this
    /// feature's ranking (e.g. FLOPs for a latency) rather than to a constant. Null (default): a plain ridge.
    /// </summary>
    public string? Anchor { get; init; }

    /// <summary>
    /// Fit the logarithm of the values' magnitude instead of the values (a cost oriented as −latency is fitted as
    /// −log latency) and predict back in the values' units. Latencies of one network on different devices are close
    /// to proportional, so they are linear in each other's logarithms, which is how the cost columns enter
    /// (<see cref="Evaluation.FewShot.CostFeatures"/>). The values must all have one sign; a zero (a phone's
    /// integer milliseconds) is floored at half the smallest non-zero magnitude. Off by default.
    /// </summary>
    public bool LogMagnitude { get; init; }

    /// <summary>
    /// Fit only the features most correlated with the values (largest |Pearson r| over the fitted cells, the anchor
    /// always kept), screened again in every cross-validation fold; null (default) reads every feature. Among tens of
    /// device columns a few near copies of the target device carry the ranking, and the rest dilute a ridge fitted
    /// on 5–10 cells.
    /// </summary>
    public int? Screen { get; init; }

    /// <summary>Refuses an empty grid or a penalty that is not a positive finite number.</summary>
    /// <exception cref="ArgumentException">The first bad penalty.</exception>
    public void Validate()
    {
        if (Screen is < 1) throw new ArgumentException($"The feature ridge screens at least one feature, got {Screen}.");
        if (Penalties is null || Penalties.Count == 0) throw new ArgumentException("The feature ridge needs at least one penalty λ to choose from.");
        foreach (double p in Penalties)
            if (!(p > 0) || !double.IsFinite(p)) throw new ArgumentException($"A ridge penalty must be a positive finite number, got {p}.");
    }
}
