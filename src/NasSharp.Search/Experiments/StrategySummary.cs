namespace NasSharp.Search.Experiments;

/// <summary>One strategy's results in a search experiment.</summary>
/// <param name="Strategy">Strategy name.</param>
/// <param name="Predictor">Predictor kind, null for strategies without one.</param>
/// <param name="Budgets">The incumbent's report value at each reported budget.</param>
/// <param name="ReachedOptimum">Runs that measured the optimum (the best architecture by search metric).</param>
/// <param name="Runs">Runs.</param>
/// <param name="MedianQueriesToOptimum">Median queries to the optimum over the runs that reached it; null when none did.</param>
/// <param name="MeanCost">Mean over runs of the summed simulated cost of all queries; null without a cost metric.</param>
public sealed record StrategySummary(string Strategy, string? Predictor, IReadOnlyList<BudgetSummary> Budgets, int ReachedOptimum, int Runs,
    double? MedianQueriesToOptimum, double? MeanCost);
