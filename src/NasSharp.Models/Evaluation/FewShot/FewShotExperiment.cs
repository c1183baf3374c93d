using System.Diagnostics;
using NasSharp.Data;
using NasSharp.SearchSpaces;
using NasSharp.Tasks;

namespace NasSharp.Evaluation.FewShot;

/// <summary>
/// Few-shot fitting compared across methods, recorded in <c>fewshot.json</c> of a result folder: for each held-out
/// task, K seeded support cells (the same as <c>transfer</c>'s for that task, seed + run), every method fitted to
/// them, and Spearman ρ over all the task's other cells. A device task is strictly left out: its prior is every
/// other device (<see cref="DeviceCatalog.PriorFor"/>), and nothing of its own column but the K support values
/// reaches a method. Recorded runs are not redone, so a rerun resumes, and processes sharing the folder split the work.
/// </summary>
/// <example>
/// <code>
/// var experiment = FewShotExperiment.Open("runs/fs", new FewShotConfig(DeviceCatalog.HelpTestTasks, [5, 10], 10,
///     [FewShotMethods.Flops, FewShotMethods.Default], Seed: 0), DataRoot.Resolve(null));
/// experiment.Run();
/// </code>
/// </example>
public sealed class FewShotExperiment
{
    private readonly IReadOnlyList<LoadedTask> tasks;
    private readonly ICostColumns? costs;

    private FewShotExperiment(FewShotConfig config, TransferResults results, IReadOnlyList<LoadedTask> tasks, ICostColumns? costs)
    {
        Config = config;
        Results = results;
        this.tasks = tasks;
        this.costs = costs;
    }

    /// <summary>The experiment's settings.</summary>
    public FewShotConfig Config { get; }

    /// <summary>The results file (one <see cref="TransferRun"/> per task, method, K and run).</summary>
    public TransferResults Results { get; }

    /// <summary>Runs <see cref="Run"/> reports.</summary>
    public int TotalWork => Config.HeldOut.Count * Config.Ks.Count * Config.Runs * Config.Methods.Count;

    /// <summary>Validates the settings, opens (or resumes) <paramref name="folder"/> and loads the tasks and, when a method needs them, the cost tables.</summary>
    /// <exception cref="ArgumentException">Bad settings, an unknown task, a K that does not fit a task, or a cost method on a task outside nb201.</exception>
    /// <exception cref="InvalidDataException">The folder holds another experiment.</exception>
    /// <exception cref="FileNotFoundException">A table is not under <paramref name="root"/>.</exception>
    public static FewShotExperiment Open(string folder, FewShotConfig config, DataRoot root)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var loaded = TaskCatalog.Load(root, config.HeldOut);
        bool needsCosts = config.Methods.Any(m => m.NeedsCosts);
        if (needsCosts && loaded.FirstOrDefault(t => t.Task.Space != "nb201") is { } other)
            throw new ArgumentException($"Task '{other.Task.Name}' is not an nb201 task, and --methods {string.Join(",", config.Methods.Where(m => m.NeedsCosts))} read the nb201 cost tables.");
        return Open(folder, config, loaded, needsCosts ? new CostTables(root) : null);
    }

    /// <summary>As <see cref="Open(string, FewShotConfig, DataRoot)"/> over tasks and cost columns the caller built (tests, own tables).</summary>
    /// <exception cref="ArgumentException">Bad settings, a held-out name not among <paramref name="tasks"/>, or a K that does not fit a task.</exception>
    public static FewShotExperiment Open(string folder, FewShotConfig config, IReadOnlyList<LoadedTask> tasks, ICostColumns? costs)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var byName = tasks.ToDictionary(t => t.Task.Name);
        var ordered = config.HeldOut.Select(n => byName.TryGetValue(n, out var t) ? t : throw new ArgumentException($"Task '{n}' is not among the tasks given.")).ToArray();
        foreach (var task in ordered)
            foreach (int k in config.Ks) TransferProtocol.CheckK(k, task.Count, task.Task.Name);
        return new FewShotExperiment(config, new TransferResults(folder, config.ToJson(), "fewshot"), ordered, costs);
    }

    /// <summary>Computes every run not yet recorded, recording each as it finishes; <paramref name="progress"/> gets the runs done.</summary>
    public void Run(Action<int>? progress = null)
    {
        int done = 0;
        foreach (var task in tasks)
        {
            var space = SearchSpaceCatalog.Get(task.Task.Space);
            string? device = DeviceCatalog.DeviceOf(task.Task.Name);
            foreach (int k in Config.Ks)
                for (int r = 0; r < Config.Runs; r++)
                    foreach (var method in Config.Methods)
                    {
                        int run = r, size = k;
                        Results.Run(task.Task.Name, method.Name, k, r, () => Evaluate(method, task, space, device, size, run));
                        progress?.Invoke(++done);
                    }
        }
    }

    /// <summary>One run: the method sees the support cells and values and the query cells; ρ against the query values.</summary>
    private TransferRun Evaluate(FewShotMethod method, LoadedTask task, ISearchSpace space, string? device, int k, int run)
    {
        var clock = Stopwatch.StartNew();
        var (supportRows, queryRows) = TransferProtocol.Split(task.Count, k, Config.Seed, run);
        var inputs = new FewShotInputs(task.Task.Name, device, space,
            [.. supportRows.Select(i => task.Architectures[i])], [.. supportRows.Select(i => task.Values[i])],
            [.. queryRows.Select(i => task.Architectures[i])], Config.Seed + run, costs, Config.MetaModelPath, Config.PriorDevices?.ToHashSet(), Config.Screen);
        double[] scores = method.Score(inputs);
        double rho = RankCorrelation.Spearman(scores, [.. queryRows.Select(i => task.Values[i])]);
        return new TransferRun(task.Task.Name, method.Name, k, run, rho, 0, clock.Elapsed.TotalSeconds);
    }
}
