namespace NasSharp.Search.Experiments;

/// <summary>The incumbent's report value at one budget, over the runs of one strategy.</summary>
/// <param name="Budget">Queries.</param>
/// <param name="Mean">Mean over runs of the incumbent's report value.</param>
/// <param name="Std">Sample standard deviation over runs (0 for one run).</param>
/// <param name="Runs">Runs counted.</param>
public sealed record BudgetSummary(int Budget, double Mean, double Std, int Runs);
