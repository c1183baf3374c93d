using System.Globalization;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NasSharp.Persistence;
using NasSharp.Predictors;
using NasSharp.Training;

namespace NasSharp.Evaluation;

/// <summary>
/// A ranking experiment (SPEC §4) over training sizes and seeds, recorded in <c>rank.json</c> of a result folder.
/// Any number of processes may work on the same folder: each (size, seed) run is claimed before it starts and
/// recorded once (<see cref="ResultLedger{TRun}"/>), so a rerun resumes and parallel workers split the runs.
/// </summary>
public sealed class RankingExperiment : IClaimedExperiment<RankingRun>
{
    /// <summary>Fewest cells left out of training for the unseen-cell τ to be computed at all.</summary>
    public const int MinimumUnseen = 10;

    /// <summary>Below this many unseen cells the unseen-cell τ is too noisy to compare predictors; the caller should warn.</summary>
    public const int AdvisedUnseen = 100;

    /// <summary>rank.json's number format (<see cref="ResultLedger{TRun}.ResultsJson"/>).</summary>
    public static JsonSerializerOptions Json => ResultLedger<RankingRun>.ResultsJson;

    private readonly RankingTask task;
    private readonly PredictorKind kind;
    private readonly PredictorContext context;

    /// <summary>
    /// Opens (or resumes) the experiment <paramref name="config"/> in <paramref name="folder"/>, whose runs fit predictors
    /// of <paramref name="kind"/> made from <paramref name="context"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A training size leaves fewer than <see cref="MinimumUnseen"/> cells unseen, or the kind has no score head.
    /// </exception>
    /// <exception cref="InvalidDataException">The folder holds another experiment, or a damaged rank.json.</exception>
    public RankingExperiment(string folder, RankConfig config, RankingTask task, PredictorKind kind, PredictorContext context)
    {
        RankingProtocol.RequireScoreHead(kind);
        foreach (int size in config.TrainSizes) CheckTrainSize(size, task.Count);
        Config = config;
        this.task = task;
        this.kind = kind;
        this.context = context;
        Ledger = OpenLedger(folder, config);
    }

    /// <summary>The experiment's settings.</summary>
    public RankConfig Config { get; }

    /// <summary>The results file.</summary>
    public ResultLedger<RankingRun> Ledger { get; }

    /// <summary>Opens <c>rank.json</c> in <paramref name="folder"/> for <paramref name="config"/> (e.g. to watch another process's progress).</summary>
    public static ResultLedger<RankingRun> OpenLedger(string folder, RankConfig config) =>
        new(Path.Combine(folder, "rank.json"), JsonSerializer.SerializeToNode(config, Json)!, r => r.Key,
            (a, b) => (a.TrainSize, a.Seed).CompareTo((b.TrainSize, b.Seed)), Json,
            stored => stored.Deserialize<RankConfig>(Json) is { } previous && previous.SameExperiment(config));

    /// <summary>The runs recorded in the rank.json at <paramref name="path"/>, whatever experiment wrote it.</summary>
    /// <exception cref="InvalidDataException">The file is damaged or has incomplete or duplicate entries.</exception>
    public static IReadOnlyList<RankingRun> ReadRuns(string path) =>
        new ResultLedger<RankingRun>(path, new JsonObject(), r => r.Key, null, Json, sameExperiment: _ => true).Runs;

    /// <summary>
    /// Refuses a training size that leaves fewer than <see cref="MinimumUnseen"/> of <paramref name="cells"/> cells
    /// unseen (the protocol reports τ over the unseen ones), or that is below 2.
    /// </summary>
    /// <exception cref="ArgumentException">The size does not fit the table; the message names <c>--train</c>.</exception>
    public static void CheckTrainSize(int size, int cells)
    {
        if (size < 2 || size > cells - MinimumUnseen)
            throw new ArgumentException($"--train {size} does not fit a table of {cells} cells: each training size must be between 2 and " +
                                        $"{cells - MinimumUnseen}, so that at least {MinimumUnseen} cells stay unseen for the unseen-cell τ.");
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> PendingKeys()
    {
        Ledger.Refresh();
        return [.. Config.Runs().Select(r => RankingRun.KeyOf(r.Size, r.Seed)).Where(k => !Ledger.IsRecorded(k))];
    }

    /// <summary>
    /// Claims and runs every pending run that no other live process holds, recording each as it finishes. A run whose
    /// training diverges is recorded as diverged.
    /// </summary>
    /// <param name="progress">Called with (run key, fraction of its training epochs done).</param>
    /// <param name="finished">Called with each run this process recorded.</param>
    /// <param name="dropped">
    /// Called with a run this process computed but another had recorded meanwhile (its claim was taken over as dead):
    /// wasted work, never a duplicate entry.
    /// </param>
    public void RunPending(Action<string, double>? progress, Action<RankingRun>? finished, Action<RankingRun>? dropped)
    {
        foreach (string key in PendingKeys())
        {
            if (Ledger.TryClaim(key) is not { } claim) continue;
            var (size, seed) = Parse(key);
            RankingRun result;
            try
            {
                result = RunOne(size, seed, epochs => progress?.Invoke(key, (double)epochs / Config.EpochsPerRun));
            }
            catch
            {
                Ledger.Release(claim);
                throw;
            }
            if (Ledger.Record(claim, result)) finished?.Invoke(result);
            else dropped?.Invoke(result);
        }
    }

    /// <summary>Relative cost of a run, for progress: training work grows with size × epochs.</summary>
    public double Work(string key) => (double)Parse(key).Size * Config.EpochsPerRun;

    /// <inheritdoc/>
    public string KeyOf(RankingRun run) => run.Key;

    /// <inheritdoc/>
    public string Describe(RankingRun run)
    {
        string outcome = run.Diverged
            ? "diverged"
            : string.Create(CultureInfo.InvariantCulture, $"Kendall τ {run.KendallTauAll:F3} (unseen {run.KendallTauUnseen:F3})");
        return string.Create(CultureInfo.InvariantCulture, $"n = {run.TrainSize}, seed {run.Seed}: {outcome}, {run.TrainSeconds:F1} s");
    }

    private (int Size, int Seed) Parse(string key) => Config.Runs().First(r => RankingRun.KeyOf(r.Size, r.Seed) == key);

    private RankingRun RunOne(int size, int seed, Action<int> epochDone)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return RankingProtocol.Run(task, kind, context, size, seed, epochDone);
        }
        catch (TrainingDivergedException)
        {
            return new RankingRun(kind.Name, task.Space.Name, task.Target, size, seed,
                double.NaN, double.NaN, double.NaN, double.NaN, clock.Elapsed.TotalSeconds, Diverged: true);
        }
    }
}
