namespace NasSharp.Search.Strategies;

/// <summary>Every strategy's settings, each with the literature's defaults (SEARCH.md §4, docs/DECISIONS.md).</summary>
/// <param name="Evolution">Regularized evolution.</param>
/// <param name="LocalSearch">Local search.</param>
/// <param name="PredictorGuided">Predictor-guided evolution (NPENAS).</param>
/// <param name="Bananas">BANANAS.</param>
/// <param name="HyperNas">The HyperNAS protocol.</param>
/// <param name="MpNas">The MP-NAS protocol.</param>
public sealed record StrategySettings(RegularizedEvolutionConfig Evolution, LocalSearchConfig LocalSearch, PredictorGuidedConfig PredictorGuided,
    BananasConfig Bananas, HyperNasProtocolConfig HyperNas, MpNasProtocolConfig MpNas)
{
    /// <summary>
    /// The defaults; NPENAS measures the incumbent's neighbourhood first, chosen on held-out seeds and the search
    /// metric only (docs/DECISIONS.md).
    /// </summary>
    public StrategySettings() : this(new(), new(), new PredictorGuidedConfig(BestNeighbourhoodFirst: true), new(), new(), new()) { }
}
