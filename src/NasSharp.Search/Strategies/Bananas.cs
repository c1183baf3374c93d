namespace NasSharp.Search.Strategies;

/// <summary>
/// BANANAS-style Bayesian optimisation (White et al. 2021): the loop of predictor-guided evolution, but an ensemble
/// scores the candidates and an acquisition function (Thompson sampling or UCB) trades its mean against its spread.
/// </summary>
public sealed class Bananas : PredictorGuidedStrategy<IUncertainPredictor>
{
    /// <summary>Registry name.</summary>
    public const string Id = "bananas";

    private readonly BananasConfig config;

    /// <summary>Creates the strategy.</summary>
    public Bananas(StrategyContext context, BananasConfig config) : base(context, EnsembleOf(context, config))
    {
        this.config = config;
    }

    /// <inheritdoc/>
    public override string Name => Id;

    /// <inheritdoc/>
    protected override int InitialRandom => config.Loop.InitialRandom;

    /// <inheritdoc/>
    protected override IReadOnlyList<string> NextBatch()
    {
        var loop = config.Loop;
        var candidates = CandidatesNear([.. TopObservations(loop.Parents).Select(o => o.Arch)], loop.Candidates, loop.RandomCandidatesIn(Domain));
        if (candidates.Count == 0) return [];
        var (mean, spread) = Refit().PredictWithSpread(candidates);
        var score = new double[candidates.Count];
        for (int i = 0; i < score.Length; i++)
            score[i] = config.Acquisition == Acquisition.Ucb ? mean[i] + config.Beta * spread[i] : mean[i] + spread[i] * StandardNormal();
        return Top(candidates, score, loop.RefitEvery);
    }

    private static Func<IUncertainPredictor> EnsembleOf(StrategyContext context, BananasConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var create = context.RequireEnsemble(Id);
        return () => create(config.EnsembleSize);
    }

    // Box–Muller on the strategy's own generator, so draws replay with the seed.
    private double StandardNormal() =>
        Math.Sqrt(-2 * Math.Log(1 - Random.NextDouble())) * Math.Cos(2 * Math.PI * Random.NextDouble());
}
