using System.Globalization;
using System.Text;
using NasSharp.Persistence;
using NasSharp.Search;
using NasSharp.Search.Experiments;
using Spectre.Console;

namespace NasSharp.Cli.Output;

/// <summary>
/// What a <c>search</c> shows and saves from its <c>search.json</c>: the console table (incumbent's report value at
/// each budget, share of runs that reached the optimum, median queries to it), <c>search.csv</c> (every query),
/// <c>best.csv</c> (each run's best architecture) and <c>search.png</c>.
/// </summary>
public sealed class SearchReport(ResultLedger<SearchRun> ledger, SearchConfig config, SearchSummary summary, string searchMetric, string? reportMetric)
{
    private string Folder => Path.GetDirectoryName(ledger.Path)!;

    /// <summary>The metric the table and plot show: the report metric, else the search metric.</summary>
    private string Shown => reportMetric ?? searchMetric;

    /// <summary>Writes search.csv, best.csv and search.png.</summary>
    public void WriteFiles()
    {
        var runs = Runs();
        WriteQueries(runs);
        WriteBest(runs);
        SearchPlot.Save(Path.Combine(Folder, "search.png"), runs, config, summary, Shown);
    }

    /// <summary>The console table.</summary>
    public Table SummaryTable()
    {
        var budgets = SearchSummary.ReportedBudgets(config.Budget);
        string optimum = summary.OptimumReport is { } r ? F(r) : F(summary.OptimumSearchValue);
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"{config.Oracle.Space} · search on {searchMetric}, report {Shown} of the best by {searchMetric}; " +
                                 $"optimum {optimum}, mean ± std over runs"))
            .AddColumn("strategy").AddColumn("predictor").AddColumn("runs");
        foreach (int b in budgets) table.AddColumn(new TableColumn($"@{b}").RightAligned());
        table.AddColumn("reached optimum").AddColumn("median queries to it");
        bool costs = summary.Strategies.Any(x => x.MeanCost is not null);
        if (costs) table.AddColumn(new TableColumn($"cost ({config.Oracle.CostMetric})").RightAligned());
        foreach (var s in summary.Strategies)
        {
            var cells = new List<string> { s.Strategy, s.Predictor ?? "-", s.Runs.ToString(CultureInfo.InvariantCulture) };
            foreach (int b in budgets)
                cells.Add(s.Budgets.FirstOrDefault(x => x.Budget == b) is { } at ? $"{F(at.Mean)} ± {F(at.Std)}" : "-");
            cells.Add($"{s.ReachedOptimum}/{s.Runs}");
            cells.Add(s.MedianQueriesToOptimum is { } m ? m.ToString("0.#", CultureInfo.InvariantCulture) : "-");
            if (costs) cells.Add(s.MeanCost is { } c ? c.ToString("N0", CultureInfo.InvariantCulture) : "-");
            table.AddRow([.. cells.Select(Markup.Escape)]);
        }
        return table;
    }

    /// <summary>The best architecture each run found, best first: the lines of best.csv.</summary>
    public IReadOnlyList<(SearchRun Run, TrajectoryPoint Best)> BestFound(IReadOnlyList<SearchRun> runs)
    {
        int sign = config.Oracle.LowerIsBetter ? -1 : 1;
        return [.. runs.Select(r => (Run: r, Best: r.Trajectory.MaxBy(p => sign * p.SearchValue)!))
            .OrderByDescending(x => sign * x.Best.SearchValue).ThenBy(x => x.Run.Strategy, StringComparer.Ordinal).ThenBy(x => x.Run.Seed)];
    }

    /// <summary>The recorded runs of this configuration.</summary>
    public IReadOnlyList<SearchRun> Runs()
    {
        ledger.Refresh();
        return [.. ledger.Runs.Where(r => config.Strategies.Contains(r.Strategy) && config.RunSeeds.Contains(r.Seed))];
    }

    private void WriteQueries(IReadOnlyList<SearchRun> runs)
    {
        var sb = new StringBuilder("strategy,predictor,seed,query,arch,search_value,report_value,best_report_value,cost\n");
        foreach (var r in runs)
            foreach (var p in r.Trajectory)
                sb.AppendLine(string.Join(',', r.Strategy, r.Predictor ?? "", I(r.Seed), I(p.Query), Csv(p.Arch), R(p.SearchValue),
                    R(p.ReportValue), R(p.BestReportValue), R(p.Cost)));
        AtomicFile.WriteText(Path.Combine(Folder, "search.csv"), sb.ToString());
    }

    private void WriteBest(IReadOnlyList<SearchRun> runs)
    {
        var sb = new StringBuilder("strategy,predictor,seed,arch,search_value,report_value,found_at_query\n");
        foreach (var (r, best) in BestFound(runs))
            sb.AppendLine(string.Join(',', r.Strategy, r.Predictor ?? "", I(r.Seed), Csv(best.Arch), R(best.SearchValue), R(best.ReportValue), I(best.Query)));
        AtomicFile.WriteText(Path.Combine(Folder, "best.csv"), sb.ToString());
    }

    private static string Csv(string text) => text.Contains(',') || text.Contains('"') ? $"\"{text.Replace("\"", "\"\"")}\"" : text;

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string R(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
}
