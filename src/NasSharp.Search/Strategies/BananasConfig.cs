namespace NasSharp.Search.Strategies;

/// <summary>How BANANAS turns an ensemble's mean and spread into a choice (SEARCH.md §4).</summary>
public enum Acquisition
{
    /// <summary>Independent Thompson sampling: one draw from N(mean, spread²) per candidate; the top draws win (BANANAS's default).</summary>
    Thompson,

    /// <summary>Upper confidence bound: mean + β · spread.</summary>
    Ucb,
}

/// <summary>BANANAS-style search (White et al. 2021; naszilla's and NASLib's defaults, SEARCH.md §4).</summary>
/// <param name="Loop">Initial queries, refit interval (k = 10), parents and candidates, as predictor-guided evolution.</param>
/// <param name="EnsembleSize">Predictors in the ensemble (3; naszilla uses 5, at 5/3 the cost).</param>
/// <param name="Acquisition">Thompson sampling (default) or UCB.</param>
/// <param name="Beta">UCB's exploration weight β.</param>
public sealed record BananasConfig(PredictorGuidedConfig Loop, int EnsembleSize = 3, Acquisition Acquisition = Acquisition.Thompson, double Beta = 0.5)
{
    /// <summary>The defaults.</summary>
    public BananasConfig() : this(new PredictorGuidedConfig()) { }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first out-of-range field.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Loop);
        Loop.Validate();
        if (EnsembleSize < 2) throw new ArgumentException($"An ensemble needs at least 2 members to have a spread, got {EnsembleSize}.");
        if (!(Beta >= 0) || !double.IsFinite(Beta)) throw new ArgumentException($"UCB's beta must be a finite number >= 0, got {Beta}.");
    }
}
