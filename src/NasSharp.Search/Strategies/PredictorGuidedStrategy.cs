namespace NasSharp.Search.Strategies;

/// <summary>
/// What the predictor-guided strategies share: random architectures until the first fit, then batches of
/// architectures ranked by a predictor (or an ensemble), measured best first, one batch after another. The predictor
/// lives for the whole run, so a warm-started kind continues from its previous fit.
/// </summary>
/// <typeparam name="TPredictor">A predictor, or an ensemble for strategies that need a spread.</typeparam>
public abstract class PredictorGuidedStrategy<TPredictor> : SearchStrategy where TPredictor : IArchitecturePredictor
{
    private readonly Lazy<TPredictor> predictor;
    private readonly Queue<string> proposals = new();
    private int fits;

    /// <summary>Creates the shared state; <paramref name="create"/> makes the run's predictor when it is first fitted.</summary>
    protected PredictorGuidedStrategy(StrategyContext context, Func<TPredictor> create) : base(context) => predictor = new(create);

    /// <summary>Random architectures measured before the first batch.</summary>
    protected abstract int InitialRandom { get; }

    /// <summary>
    /// The next architectures to measure, best first, not yet proposed; empty when the strategy has nothing to add (the
    /// run then continues with random architectures).
    /// </summary>
    protected abstract IReadOnlyList<string> NextBatch();

    /// <summary>The run's predictor, fitted on every observation (fitness as the target) with the next fit's seed.</summary>
    protected TPredictor Refit()
    {
        FitOnObservations(predictor.Value, fits++);
        return predictor.Value;
    }

    /// <summary>The <paramref name="count"/> candidates with the highest <paramref name="scores"/>, best first (ties: candidate order).</summary>
    protected static IReadOnlyList<string> Top(IReadOnlyList<string> candidates, IReadOnlyList<double> scores, int count) =>
        [.. Ranking.Descending(scores).Take(count).Select(i => candidates[i])];

    /// <inheritdoc/>
    protected sealed override string? Propose()
    {
        if (Observations.Count < InitialRandom) return SampleNew();
        for (int batch = 0; batch < 2; batch++)
        {
            while (proposals.TryDequeue(out string? next))
                if (!IsProposed(next)) return next;
            if (batch == 0)
                foreach (string arch in NextBatch()) proposals.Enqueue(arch);
        }
        return SampleNew();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && predictor.IsValueCreated) predictor.Value.Dispose();
    }
}
