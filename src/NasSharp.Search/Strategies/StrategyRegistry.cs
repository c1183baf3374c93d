namespace NasSharp.Search.Strategies;

/// <summary>The search strategies, by name.</summary>
public static class StrategyRegistry
{
    /// <summary>Every strategy.</summary>
    public static IReadOnlyList<StrategyInfo> All { get; } =
    [
        new(RandomSearch.Id, "random search, each architecture once", false, (c, _) => new RandomSearch(c)),
        new(RegularizedEvolution.Id, "regularized evolution (Real et al. 2019): population 30, tournament 10", false,
            (c, s) => new RegularizedEvolution(c, s.Evolution)),
        new(LocalSearch.Id, "local search: 10 random starts, then the best one-edit neighbour, random restart at a local optimum", false,
            (c, s) => new LocalSearch(c, s.LocalSearch)),
        new(PredictorGuidedEvolution.Id, "predictor-guided evolution (NPENAS): refit every 10 queries, rank mutations of the best 5, query the top 10, the incumbent's neighbours first", true,
            (c, s) => new PredictorGuidedEvolution(c, s.PredictorGuided)),
        new(Bananas.Id, "BANANAS: an ensemble of 3 predictors, Thompson sampling over mutations of the best 5, refit every 10", true,
            (c, s) => new Bananas(c, s.Bananas)),
        new(HyperNasProtocol.Id, "the HyperNAS protocol (App. C.1): train on 156 random, evolve on predictions, query the best predicted", true,
            (c, s) => new HyperNasProtocol(c, s.HyperNas)),
        new(MpNasProtocol.Id, "the MP-NAS protocol (§4.4): adapt to the queries so far every 5, query the best predicted of 10,000 random", true,
            (c, s) => new MpNasProtocol(c, s.MpNas)),
    ];

    /// <summary>Names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(s => s.Name)];

    /// <summary>The strategy called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static StrategyInfo Get(string name) =>
        All.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"Unknown strategy '{name}'; valid: {string.Join(", ", Names)}.", nameof(name));
}
