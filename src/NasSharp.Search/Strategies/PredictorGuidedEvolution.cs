namespace NasSharp.Search.Strategies;

/// <summary>
/// Predictor-guided evolution (NPENAS, Wei et al. 2020): after a few random queries, repeatedly fit the predictor on
/// everything measured, make candidates by mutating the best, rank them by prediction and measure the top k.
/// </summary>
public sealed class PredictorGuidedEvolution : SearchStrategy
{
    /// <summary>Registry name.</summary>
    public const string Id = "npenas";

    private readonly PredictorGuidedConfig config;
    private readonly Lazy<IArchitecturePredictor> predictor;
    private readonly Queue<string> proposals = new();
    private int fits;

    /// <summary>Creates the strategy.</summary>
    public PredictorGuidedEvolution(StrategyContext context, PredictorGuidedConfig config) : base(context)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        this.config = config;
        predictor = new(context.RequirePredictor(Id));
    }

    /// <inheritdoc/>
    public override string Name => Id;

    /// <inheritdoc/>
    protected override string? Propose()
    {
        if (Observations.Count < config.InitialRandom) return SampleNew();
        while (proposals.TryDequeue(out string? next))
            if (!IsProposed(next)) return next;
        var candidates = CandidatesNear([.. TopObservations(config.Parents).Select(o => o.Arch)], config.Candidates);
        if (candidates.Count == 0) return SampleNew();
        FitOnObservations(predictor.Value, fits++);
        double[] predicted = predictor.Value.Predict(candidates);
        foreach (int i in Ranking.Descending(predicted).Take(config.RefitEvery)) proposals.Enqueue(candidates[i]);
        return proposals.Dequeue();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && predictor.IsValueCreated) predictor.Value.Dispose();
    }
}
