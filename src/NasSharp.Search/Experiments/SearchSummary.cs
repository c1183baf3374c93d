namespace NasSharp.Search.Experiments;

/// <summary>What a search experiment found, per strategy (SEARCH.md §1).</summary>
/// <param name="Optimum">The best architecture of the table by search metric.</param>
/// <param name="OptimumSearchValue">Its search value.</param>
/// <param name="OptimumReport">Its report value: what a perfect search reports.</param>
/// <param name="Strategies">Per-strategy results, in the experiment's order.</param>
public sealed record SearchSummary(string Optimum, double OptimumSearchValue, double? OptimumReport, IReadOnlyList<StrategySummary> Strategies)
{
    /// <summary>The budgets reported (SEARCH.md §1): 10, 30, 50, 100, 150, 200 up to the budget, and the budget itself.</summary>
    public static IReadOnlyList<int> ReportedBudgets(int budget) =>
        [.. new[] { 10, 30, 50, 100, 150, 200 }.Where(b => b < budget).Append(budget)];

    /// <summary>
    /// Summarises the <paramref name="runs"/> of <paramref name="strategies"/> with <paramref name="budget"/> queries
    /// against <paramref name="optimum"/>; <paramref name="key"/> gives an architecture's identity.
    /// </summary>
    public static SearchSummary Of(IReadOnlyList<SearchRun> runs, IReadOnlyList<string> strategies, int budget, Func<string, string> key,
        (string Arch, double Value, double? Report) optimum)
    {
        string optimumKey = key(optimum.Arch);
        var rows = new List<StrategySummary>();
        foreach (string strategy in strategies)
        {
            var mine = runs.Where(r => r.Strategy == strategy).OrderBy(r => r.Seed).ToArray();
            var budgets = new List<BudgetSummary>();
            foreach (int b in ReportedBudgets(budget))
            {
                double[] values = [.. mine.Select(r => r.BestReportAt(b)).OfType<double>()];
                if (values.Length == 0) continue;
                double mean = values.Average();
                double std = values.Length < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
                budgets.Add(new BudgetSummary(b, mean, std, values.Length));
            }
            int[] hits = [.. mine.Select(r => r.Trajectory.FirstOrDefault(p => key(p.Arch) == optimumKey)?.Query ?? 0).Where(q => q > 0).Order()];
            double? median = hits.Length == 0 ? null : hits.Length % 2 == 1 ? hits[hits.Length / 2] : (hits[hits.Length / 2 - 1] + hits[hits.Length / 2]) / 2.0;
            double[] costs = [.. mine.Select(r => r.Trajectory.Count == 0 ? null : r.Trajectory[^1].Cost).OfType<double>()];
            rows.Add(new StrategySummary(strategy, mine.FirstOrDefault()?.Predictor, budgets, hits.Length, mine.Length, median,
                costs.Length == 0 ? null : costs.Average()));
        }
        return new SearchSummary(optimum.Arch, optimum.Value, optimum.Report, rows);
    }
}
