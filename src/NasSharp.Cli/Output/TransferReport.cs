using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NasSharp.Evaluation;
using NasSharp.Persistence;
using NasSharp.Predictors;
using Spectre.Console;

namespace NasSharp.Cli.Output;

/// <summary>
/// Results of a <c>transfer</c> run: <c>transfer.json</c> (rewritten atomically after every run and the resume
/// checkpoint), <c>transfer.csv</c>, <c>transfer.png</c> and a console table of mean ± std Spearman per task and method.
/// </summary>
public sealed class TransferReport
{
    /// <summary>NaN is allowed as a literal: a diverged step count's cross-validated Spearman is NaN.</summary>
    private static JsonSerializerOptions Json => ResultLedger<TransferRun>.ResultsJson;

    /// <summary>Enums by name, so that a results file's config says "Boil" and "Adam".</summary>
    private static readonly JsonSerializerOptions Readable = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary><paramref name="settings"/> as JSON with enums by name, for a results file's config block.</summary>
    public static JsonNode? Describe<T>(T settings) => JsonSerializer.SerializeToNode(settings, Readable);

    private readonly ResultLedger<TransferRun> ledger;
    private readonly string name;
    private readonly string title;

    /// <summary>Opens <paramref name="folder"/>, keeping earlier runs when <paramref name="config"/> is the same experiment.</summary>
    /// <param name="folder">Output folder.</param>
    /// <param name="config">The experiment's settings; a rerun resumes only when they are equal.</param>
    /// <param name="name">File stem of the JSON, CSV and PNG files.</param>
    /// <param name="title">Plot title.</param>
    /// <exception cref="InvalidDataException">The folder holds another experiment's results, or a damaged JSON file.</exception>
    public TransferReport(string folder, JsonNode config, string name = "transfer", string title = "Few-shot transfer to held-out tasks")
    {
        this.name = name;
        this.title = title;
        ledger = new ResultLedger<TransferRun>(Path.Combine(folder, name + ".json"), config, Key, order: null, Json);
        Folder = folder;
    }

    /// <summary>Output folder.</summary>
    public string Folder { get; }

    /// <summary>Path of the JSON results (transfer.json unless named otherwise).</summary>
    public string JsonPath => ledger.Path;

    /// <summary>Whether this (task, method, K, run) is already recorded.</summary>
    public bool Has(string heldOut, string method, int k, int run) => ledger.IsRecorded(Key(heldOut, method, k, run));

    /// <summary>
    /// Computes and records this (task, method, K, run) unless it is recorded or another live process holds it
    /// (<see cref="ResultLedger{TRun}"/>). <paramref name="compute"/>'s run is recorded under the given key fields.
    /// </summary>
    public void Run(string heldOut, string method, int k, int run, Func<TransferRun> compute)
    {
        if (ledger.TryClaim(Key(heldOut, method, k, run)) is not { } claim) return;
        TransferRun result;
        try
        {
            result = compute() with { HeldOut = heldOut, Method = method, K = k, Run = run };
        }
        catch
        {
            ledger.Release(claim);
            throw;
        }
        ledger.Record(claim, result);
    }

    private static string Key(TransferRun r) => Key(r.HeldOut, r.Method, r.K, r.Run);

    private static string Key(string heldOut, string method, int k, int run) => $"{heldOut}|{method}|k={k}|run={run}";

    /// <summary>Mean and std of Spearman per (held-out task, method, K) over the runs that did not diverge, in first-seen order.</summary>
    public IReadOnlyList<TransferSummary> Summaries() =>
        ledger.Runs.GroupBy(r => (r.HeldOut, r.Method, r.K))
            .Select(g => new TransferSummary(g.Key.HeldOut, g.Key.Method, g.Key.K, g.Count(r => !r.Diverged), g.Count(r => r.Diverged),
                Stat.Of(g.Where(r => !r.Diverged).Select(r => r.Spearman))))
            .ToArray();

    /// <summary>Writes the CSV and PNG next to <see cref="JsonPath"/>.</summary>
    public void WriteCsvAndPlot()
    {
        ledger.Refresh();
        var sb = new StringBuilder("held_out,method,k,run,spearman,steps,seconds,diverged\n");
        foreach (var r in ledger.Runs.OrderBy(r => r.HeldOut, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ThenBy(r => r.K).ThenBy(r => r.Run))
            sb.AppendLine(string.Join(',', r.HeldOut, r.Method, r.K.ToString(CultureInfo.InvariantCulture), r.Run.ToString(CultureInfo.InvariantCulture),
                F(r.Spearman), F(r.Steps), F(r.Seconds), r.Diverged ? "true" : "false"));
        AtomicFile.WriteText(Path.Combine(Folder, name + ".csv"), sb.ToString());
        TransferPlot.Save(Path.Combine(Folder, name + ".png"), Summaries(), title);
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
