using NasSharp.Search;
using NasSharp.Search.Experiments;
using ScottPlot;

namespace NasSharp.Cli.Output;

/// <summary>
/// The incumbent's report value against queries (ScottPlot PNG): per strategy the mean over runs with a ±1 std band,
/// and the optimum as a dashed line.
/// </summary>
public static class SearchPlot
{
    /// <summary>Writes the plot to <paramref name="path"/> (atomically); nothing when there are no runs.</summary>
    public static void Save(string path, IReadOnlyList<SearchRun> runs, SearchConfig config, SearchSummary summary, string metric)
    {
        if (runs.Count == 0) return;
        RankPlot.SaveAtomically(Create(runs, config, summary, metric), path, 900, 550);
    }

    /// <summary>The plot itself.</summary>
    public static Plot Create(IReadOnlyList<SearchRun> runs, SearchConfig config, SearchSummary summary, string metric)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(summary);
        var plt = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        double worst = double.NaN;
        bool report = runs.All(r => r.Trajectory.All(p => p.BestReportValue is not null));
        int sign = config.Oracle.LowerIsBetter ? -1 : 1;
        for (int s = 0; s < config.Strategies.Count; s++)
        {
            var mine = runs.Where(r => r.Strategy == config.Strategies[s]).ToArray();
            if (mine.Length == 0) continue;
            int length = mine.Max(r => r.Trajectory.Count);
            double[] xs = [.. Enumerable.Range(1, length).Select(q => (double)q)];
            var perQuery = Enumerable.Range(1, length).Select(q => mine.Select(r => Incumbent(r, q, report, sign)).ToArray()).ToArray();
            var stats = perQuery.Select(Stat.Of).ToArray();
            double[] mean = [.. stats.Select(x => x.Mean)];
            double[] std = [.. stats.Select(x => x.Std)];
            // The first queries are random for every strategy; the axis starts at the 10th so the differences show.
            int from = Math.Min(9, length - 1);
            double low = mean[from] - sign * std[from];
            worst = double.IsNaN(worst) || sign * low < sign * worst ? low : worst;
            var color = palette.GetColor(s);
            var band = plt.Add.FillY(xs, [.. mean.Select((m, i) => m - std[i])], [.. mean.Select((m, i) => m + std[i])]);
            band.FillColor = color.WithAlpha(0.18);
            band.LineWidth = 0;
            var line = plt.Add.Scatter(xs, mean);
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 0;
            var first = mine[0];
            line.LegendText = first.Predictor is null ? first.Strategy : $"{first.Strategy} ({first.Predictor})";
        }
        double optimum = report && summary.OptimumReport is { } r ? r : summary.OptimumSearchValue;
        var dashed = plt.Add.HorizontalLine(optimum);
        dashed.LinePattern = LinePattern.Dashed;
        dashed.Color = Colors.Black;
        dashed.LegendText = "optimum (best by the search metric)";
        if (double.IsFinite(worst))
        {
            double margin = Math.Max(0.05 * Math.Abs(optimum - worst), 1e-3);
            plt.Axes.SetLimitsY(Math.Min(worst, optimum) - margin, Math.Max(worst, optimum) + margin);
        }
        plt.Title($"{config.Oracle.Space}: {metric} of the incumbent, {config.Runs} run{(config.Runs == 1 ? "" : "s")} per strategy");
        plt.XLabel("queries (distinct architectures measured)");
        plt.YLabel($"{metric} (mean ± std over runs)");
        plt.ShowLegend(Edge.Bottom);
        return plt;
    }

    private static double Incumbent(SearchRun run, int queries, bool report, int sign)
    {
        var upTo = run.Trajectory.Take(queries).ToArray();
        return report ? run.BestReportAt(queries)!.Value : upTo.Max(p => sign * p.SearchValue) * sign;
    }
}
