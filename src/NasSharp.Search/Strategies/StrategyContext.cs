using NasSharp.SearchSpaces;

namespace NasSharp.Search.Strategies;

/// <summary>What a strategy is created with.</summary>
/// <param name="Domain">The architectures it may propose.</param>
/// <param name="Seed">Seed of all its random choices (and of the predictors it fits).</param>
/// <param name="Budget">Queries the run will make; protocols that plan around it (HyperNAS's training set) read it.</param>
/// <param name="CreatePredictor">
/// A new, unfitted predictor for predictor-guided strategies (null for the others): each call gives a fresh one.
/// </param>
/// <param name="CreateEnsemble">A new ensemble of the given number of members, for acquisition functions (BANANAS).</param>
public sealed record StrategyContext(SearchDomain Domain, int Seed, int Budget,
    Func<IArchitecturePredictor>? CreatePredictor = null, Func<int, IUncertainPredictor>? CreateEnsemble = null)
{
    /// <summary>The predictor factory, or an error naming the strategy that needs one.</summary>
    public Func<IArchitecturePredictor> RequirePredictor(string strategy) =>
        CreatePredictor ?? throw new ArgumentException($"Strategy '{strategy}' is guided by a predictor; choose one with --predictor.");

    /// <summary>The ensemble factory, or an error naming the strategy that needs one.</summary>
    public Func<int, IUncertainPredictor> RequireEnsemble(string strategy) =>
        CreateEnsemble ?? throw new ArgumentException($"Strategy '{strategy}' needs an ensemble of predictors; choose one with --predictor.");
}
