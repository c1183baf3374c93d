using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NasSharp.Persistence;

namespace NasSharp.Evaluation;

/// <summary>
/// The results file of a transfer or synthetic experiment (<c>transfer.json</c>, <c>synthetic.json</c>): one
/// <see cref="TransferRun"/> per (held-out task, method, K, run), rewritten atomically after every run and the
/// resume checkpoint. Runs are claimed before they are computed (<see cref="ResultLedger{TRun}"/>), so processes
/// sharing a folder split the work and a rerun computes only what is missing.
/// </summary>
public sealed class TransferResults
{
    /// <summary>NaN is allowed as a literal: a diverged step count's cross-validated Spearman is NaN.</summary>
    private static JsonSerializerOptions Json => ResultLedger<TransferRun>.ResultsJson;

    /// <summary>Enums by name, so that a results file's config says "Boil" and "Adam".</summary>
    private static readonly JsonSerializerOptions Readable = new() { Converters = { new JsonStringEnumConverter() } };

    private readonly ResultLedger<TransferRun> ledger;

    /// <summary>Opens <paramref name="folder"/>, keeping earlier runs when <paramref name="config"/> is the same experiment.</summary>
    /// <param name="folder">Output folder.</param>
    /// <param name="config">The experiment's settings; a rerun resumes only when they are equal.</param>
    /// <param name="name">File stem of the results (and of the CSV and plot a report writes beside them).</param>
    /// <exception cref="InvalidDataException">The folder holds another experiment's results, or a damaged JSON file.</exception>
    public TransferResults(string folder, JsonNode config, string name = "transfer")
    {
        Name = name;
        Folder = folder;
        ledger = new ResultLedger<TransferRun>(Path.Combine(folder, name + ".json"), config, Key, order: null, Json);
    }

    /// <summary>Output folder.</summary>
    public string Folder { get; }

    /// <summary>File stem of the results.</summary>
    public string Name { get; }

    /// <summary>Path of the JSON results.</summary>
    public string JsonPath => ledger.Path;

    /// <summary>The runs recorded so far (as of the last write or <see cref="Refresh"/>).</summary>
    public IReadOnlyList<TransferRun> Runs => ledger.Runs;

    /// <summary><paramref name="settings"/> as JSON with enums by name, for a results file's config block.</summary>
    public static JsonNode? Describe<T>(T settings) => JsonSerializer.SerializeToNode(settings, Readable);

    /// <summary>Rereads the file, to see the runs other processes recorded.</summary>
    public void Refresh() => ledger.Refresh();

    /// <summary>Whether this (task, method, K, run) is already recorded.</summary>
    public bool Has(string heldOut, string method, int k, int run) => ledger.IsRecorded(Key(heldOut, method, k, run));

    /// <summary>
    /// Computes and records this (task, method, K, run) unless it is recorded or another live process holds it.
    /// <paramref name="compute"/>'s run is recorded under the given key fields.
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
}
