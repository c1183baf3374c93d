namespace NasSharp.Search.Strategies;

/// <summary>
/// BANANAS-style Bayesian optimisation (White et al. 2021): the loop of predictor-guided evolution, but an ensemble
/// scores the candidates and an acquisition function (Thompson sampling or UCB) trades its mean against its spread.
/// </summary>
public sealed class Bananas : SearchStrategy
{
    /// <summary>Registry name.</summary>
    public const string Id = "bananas";

    private readonly BananasConfig config;
    private readonly Lazy<IUncertainPredictor> ensemble;
    private readonly Queue<string> proposals = new();
    private int fits;

    /// <summary>Creates the strategy.</summary>
    public Bananas(StrategyContext context, BananasConfig config) : base(context)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        this.config = config;
        var create = context.RequireEnsemble(Id);
        ensemble = new(() => create(config.EnsembleSize));
    }

    /// <inheritdoc/>
    public override string Name => Id;

    /// <inheritdoc/>
    protected override string? Propose()
    {
        var loop = config.Loop;
        if (Observations.Count < loop.InitialRandom) return SampleNew();
        while (proposals.TryDequeue(out string? next))
            if (!IsProposed(next)) return next;
        var candidates = CandidatesNear([.. TopObservations(loop.Parents).Select(o => o.Arch)], loop.Candidates);
        if (candidates.Count == 0) return SampleNew();
        FitOnObservations(ensemble.Value, fits++);
        var (mean, spread) = ensemble.Value.PredictWithSpread(candidates);
        var score = new double[candidates.Count];
        for (int i = 0; i < score.Length; i++)
            score[i] = config.Acquisition == Acquisition.Ucb ? mean[i] + config.Beta * spread[i] : mean[i] + spread[i] * StandardNormal();
        foreach (int i in Ranking.Descending(score).Take(loop.RefitEvery)) proposals.Enqueue(candidates[i]);
        return proposals.Dequeue();
    }

    // Box–Muller on the strategy's own generator, so draws replay with the seed.
    private double StandardNormal() =>
        Math.Sqrt(-2 * Math.Log(1 - Random.NextDouble())) * Math.Cos(2 * Math.PI * Random.NextDouble());

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && ensemble.IsValueCreated) ensemble.Value.Dispose();
    }
}
