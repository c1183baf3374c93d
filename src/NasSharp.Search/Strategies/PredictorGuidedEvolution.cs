namespace NasSharp.Search.Strategies;

/// <summary>
/// Predictor-guided evolution (NPENAS, Wei et al. 2020): after a few random queries, repeatedly fit the predictor on
/// everything measured, make candidates by mutating the best, rank them by prediction and measure the top k.
/// </summary>
public sealed class PredictorGuidedEvolution : PredictorGuidedStrategy<IArchitecturePredictor>
{
    /// <summary>Registry name.</summary>
    public const string Id = "npenas";

    private readonly PredictorGuidedConfig config;

    /// <summary>Creates the strategy.</summary>
    public PredictorGuidedEvolution(StrategyContext context, PredictorGuidedConfig config) : base(context, context.RequirePredictor(Id))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        this.config = config;
    }

    /// <inheritdoc/>
    public override string Name => Id;

    /// <inheritdoc/>
    protected override int InitialRandom => config.InitialRandom;

    /// <inheritdoc/>
    protected override IReadOnlyList<string> NextBatch()
    {
        var candidates = CandidatesNear([.. TopObservations(config.Parents).Select(o => o.Arch)], config.Candidates, config.RandomCandidatesIn(Domain));
        if (candidates.Count == 0) return [];
        double[] predicted = Refit().Predict(candidates);
        if (!config.BestNeighbourhoodFirst) return Top(candidates, predicted, config.RefitEvery);
        var local = Domain.Neighbours(Best!.Arch).Select(Domain.Key).ToHashSet(StringComparer.Ordinal);
        return [.. Enumerable.Range(0, candidates.Count)
            .OrderByDescending(i => local.Contains(Domain.Key(candidates[i]))).ThenByDescending(i => predicted[i])
            .Take(config.RefitEvery).Select(i => candidates[i])];
    }
}
