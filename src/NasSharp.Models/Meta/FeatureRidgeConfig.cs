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

    /// <summary>Refuses an empty grid or a penalty that is not a positive finite number.</summary>
    /// <exception cref="ArgumentException">The first bad penalty.</exception>
    public void Validate()
    {
        if (Penalties is null || Penalties.Count == 0) throw new ArgumentException("The feature ridge needs at least one penalty λ to choose from.");
        foreach (double p in Penalties)
            if (!(p > 0) || !double.IsFinite(p)) throw new ArgumentException($"A ridge penalty must be a positive finite number, got {p}.");
    }
}
