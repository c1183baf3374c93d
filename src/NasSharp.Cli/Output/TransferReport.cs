using System.Globalization;
using System.Text;
using NasSharp.Evaluation;
using NasSharp.Persistence;
using Spectre.Console;

namespace NasSharp.Cli.Output;

/// <summary>
/// What a transfer or synthetic experiment's results (<see cref="TransferResults"/>) are shown as: the CSV and PNG
/// beside the JSON (<c>transfer.csv</c>, <c>transfer.png</c>) and a console table of mean ± std Spearman per task and
/// method.
/// </summary>
/// <param name="results">The results file.</param>
/// <param name="title">Plot title.</param>
public sealed class TransferReport(TransferResults results, string title = "Few-shot transfer to held-out tasks")
{
    /// <summary>Path of the JSON results.</summary>
    public string JsonPath => results.JsonPath;

    /// <summary>Mean and std of Spearman per (held-out task, method, K) over the runs that did not diverge, in first-seen order.</summary>
    public IReadOnlyList<TransferSummary> Summaries() =>
        results.Runs.GroupBy(r => (r.HeldOut, r.Method, r.K))
            .Select(g => new TransferSummary(g.Key.HeldOut, g.Key.Method, g.Key.K, g.Count(r => !r.Diverged), g.Count(r => r.Diverged),
                Stat.Of(g.Where(r => !r.Diverged).Select(r => r.Spearman))))
            .ToArray();

    /// <summary>Writes the CSV and PNG next to <see cref="JsonPath"/>.</summary>
    public void WriteCsvAndPlot()
    {
        results.Refresh();
        var sb = new StringBuilder("held_out,method,k,run,spearman,steps,seconds,diverged\n");
        foreach (var r in results.Runs.OrderBy(r => r.HeldOut, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ThenBy(r => r.K).ThenBy(r => r.Run))
            sb.AppendLine(string.Join(',', r.HeldOut, r.Method, r.K.ToString(CultureInfo.InvariantCulture), r.Run.ToString(CultureInfo.InvariantCulture),
                F(r.Spearman), F(r.Steps), F(r.Seconds), r.Diverged ? "true" : "false"));
        AtomicFile.WriteText(Path.Combine(results.Folder, results.Name + ".csv"), sb.ToString());
        TransferPlot.Save(Path.Combine(results.Folder, results.Name + ".png"), Summaries(), title);
    }

    /// <summary>Console table: one row per (task, K), one column per method, plus the mean over tasks when <paramref name="withMean"/>.</summary>
    public Table SummaryTable(bool withMean = true)
    {
        var summaries = Summaries();
        var methods = summaries.Select(s => s.Method).Distinct().ToArray();
        var table = new Table().Border(TableBorder.Rounded).Title("Spearman ρ on the held-out task's other architectures (mean ± std over runs)")
            .AddColumns(["held-out task", "K", .. methods]);
        foreach (var group in summaries.GroupBy(s => (s.HeldOut, s.K)))
            table.AddRow([group.Key.HeldOut, group.Key.K.ToString(CultureInfo.InvariantCulture),
                .. methods.Select(m => group.FirstOrDefault(s => s.Method == m) is { } s ? Cell(s) : "-")]);
        foreach (int k in withMean ? summaries.Select(s => s.K).Distinct() : [])
            table.AddRow(["mean over tasks", k.ToString(CultureInfo.InvariantCulture),
                .. methods.Select(m => summaries.Where(s => s.Method == m && s.K == k && s.Runs > 0).Select(s => s.Spearman.Mean).DefaultIfEmpty(double.NaN).Average().ToString("F3", CultureInfo.InvariantCulture))]);
        return table;
    }

    private static string Cell(TransferSummary s) =>
        (s.Runs > 0 ? $"{s.Spearman} ({s.Runs})" : "-") + (s.Diverged > 0 ? $" [[{s.Diverged} diverged]]" : "");

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
