using NasSharp.Search;
using NasSharp.Search.Experiments;

namespace NasSharp.Tests.Search;

/// <summary>The budget table's statistics on hand-made runs, checked by hand.</summary>
public sealed class SearchSummaryTests
{
    private static SearchRun Run(string strategy, int seed, params (string Arch, double Best)[] points) =>
        new(strategy, null, seed, [.. points.Select((p, i) => new TrajectoryPoint(i + 1, p.Arch, 0, p.Best, p.Best, null))]);

    [Fact]
    public void Budgets_are_the_literatures_up_to_the_budget()
    {
        Assert.Equal([10, 30, 50, 100, 150], SearchSummary.ReportedBudgets(150));
        Assert.Equal([10, 30, 45], SearchSummary.ReportedBudgets(45));
        Assert.Equal([5], SearchSummary.ReportedBudgets(5));
    }

    [Fact]
    public void Means_std_share_reaching_the_optimum_and_median_queries()
    {
        // Budget 3: "@3" only. Run 1 reaches the optimum "x" at query 2, run 2 at query 3, run 3 never.
        var runs = new[]
        {
            Run("a", 0, ("p", 1), ("x", 4), ("q", 4)),
            Run("a", 1, ("p", 2), ("q", 2), ("x", 4)),
            Run("a", 2, ("p", 1), ("q", 1)),
        };
        var summary = SearchSummary.Of(runs, ["a"], 3, arch => arch, ("x", 9, 4));
        var a = Assert.Single(summary.Strategies);
        var at3 = Assert.Single(a.Budgets);
        Assert.Equal(3, at3.Budget);
        Assert.Equal(3, at3.Mean, 12);   // (4 + 4 + 1) / 3; the short run counts with its last value
        Assert.Equal(Math.Sqrt(3), at3.Std, 12);   // deviations 1, 1, -2: sqrt(6 / 2)
        Assert.Equal(2, a.ReachedOptimum);
        Assert.Equal(2.5, a.MedianQueriesToOptimum);
        Assert.Equal(4, summary.OptimumReport);
    }

    [Fact]
    public void The_mean_cost_is_over_each_runs_summed_cost()
    {
        static SearchRun Costed(int seed, params double[] cumulative) =>
            new("a", null, seed, [.. cumulative.Select((c, i) => new TrajectoryPoint(i + 1, $"x{i}", 0, 1, 1, c))]);
        var summary = SearchSummary.Of([Costed(0, 5, 12), Costed(1, 3, 4)], ["a"], 2, arch => arch, ("none", 9, 1));
        Assert.Equal(8, summary.Strategies[0].MeanCost);
        Assert.Null(SearchSummary.Of([Run("a", 0, ("p", 1))], ["a"], 1, arch => arch, ("p", 1, 1)).Strategies[0].MeanCost);
    }
}
