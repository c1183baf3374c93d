using NasSharp.Data;
using NasSharp.Meta;

namespace NasSharp.Evaluation;

/// <summary>
/// The few-shot transfer experiment of mp-nas §4 (Tables 2–6), recorded in <c>transfer.json</c> of a result folder.
/// For each held-out task, MP-NAS is meta-trained on the other tasks (or on all of them when the held-out task is
/// not among them: cross-space transfer; the model is kept in <c>models/</c>, resumably) and every chosen method is
/// adapted to K seeded support architectures, all methods of a run on the same ones. Runs already recorded (by this
/// or another process) are not redone, so a rerun resumes.
/// </summary>
/// <remarks>Owns the pre-trained naive-transfer networks and the graph batches of the tasks it loaded: dispose after use.</remarks>
/// <example>
/// <code>
/// using var experiment = TransferExperiment.Open(folder, config, DataRoot.Resolve(null));
/// experiment.Run(done => Console.WriteLine($"{done}/{experiment.TotalWork}"));
/// foreach (var run in experiment.Results.Runs) Console.WriteLine($"{run.HeldOut} {run.Method} K={run.K}: {run.Spearman:F3}");
/// </code>
/// </example>
public sealed class TransferExperiment : IDisposable
{
    private readonly MetaTaskLoader? loaded;
    private readonly Dictionary<string, MetaTask> byName;
    private readonly Dictionary<string, MetaGcn> pretrained = [];

    private TransferExperiment(TransferConfig config, TransferResults results, IReadOnlyList<MetaTask> tasks, MetaTaskLoader? loaded)
    {
        Config = config;
        Results = results;
        this.loaded = loaded;
        byName = tasks.ToDictionary(t => t.Name);
    }

    /// <summary>The experiment's settings.</summary>
    public TransferConfig Config { get; }

    /// <summary>The results file, with the runs recorded so far.</summary>
    public TransferResults Results { get; }

    /// <summary>Units of work <see cref="Run"/> reports: per held-out task, one per meta-training epoch and one per run.</summary>
    public int TotalWork => Config.HeldOut.Count * (Config.MetaTraining.Epochs + RunsPerTask);

    private int RunsPerTask => Config.Ks.Count * Config.Runs * Config.Methods.Count;

    /// <summary>
    /// Validates <paramref name="config"/>, opens (or resumes) its results in <paramref name="folder"/> and loads its
    /// catalog tasks from <paramref name="root"/> onto <paramref name="device"/> (default: the CPU).
    /// </summary>
    /// <exception cref="ArgumentException">Bad settings, an unknown task, or a K that does not fit a held-out task.</exception>
    /// <exception cref="InvalidDataException">The folder holds another experiment, or a table or results file is damaged.</exception>
    /// <exception cref="FileNotFoundException">A task's table is not under <paramref name="root"/>.</exception>
    public static TransferExperiment Open(string folder, TransferConfig config, DataRoot root, Device? device = null)
    {
        var results = OpenResults(folder, config);
        var loaded = MetaTaskLoader.Load(root, [.. config.Tasks.Union(config.HeldOut)], device);
        try
        {
            return Create(config, results, loaded.Tasks, loaded);
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
    }

    /// <summary>
    /// As <see cref="Open(string, TransferConfig, DataRoot, Device?)"/> over tasks the caller built (e.g. its own
    /// tables): every name of the configuration must be one of <paramref name="tasks"/>, which stay the caller's to dispose.
    /// </summary>
    /// <exception cref="ArgumentException">Bad settings, a task name not among <paramref name="tasks"/>, or a K that does not fit a held-out task.</exception>
    /// <exception cref="InvalidDataException">The folder holds another experiment, or a damaged results file.</exception>
    public static TransferExperiment Open(string folder, TransferConfig config, IReadOnlyList<MetaTask> tasks) =>
        Create(config, OpenResults(folder, config), tasks, loaded: null);

    private static TransferResults OpenResults(string folder, TransferConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        return new TransferResults(folder, config.ToJson());
    }

    private static TransferExperiment Create(TransferConfig config, TransferResults results, IReadOnlyList<MetaTask> tasks, MetaTaskLoader? loaded)
    {
        var names = tasks.Select(t => t.Name).ToHashSet();
        if (config.Tasks.Concat(config.HeldOut).FirstOrDefault(n => !names.Contains(n)) is { } missing)
            throw new ArgumentException($"Task '{missing}' of the configuration is not among the tasks given ({string.Join(", ", names)}).");
        var experiment = new TransferExperiment(config, results, tasks, loaded);
        foreach (string target in config.HeldOut)
            foreach (int k in config.Ks) TransferProtocol.CheckK(k, experiment.byName[target].Count, target);
        return experiment;
    }

    /// <summary>
    /// Meta-trains (or loads) each held-out task's model and computes every run not yet recorded, recording each as it
    /// finishes. <paramref name="progress"/> gets the units of <see cref="TotalWork"/> done: each meta-training epoch,
    /// then each (K, run, method), recorded before or not.
    /// </summary>
    public void Run(Action<int>? progress = null)
    {
        int epochs = Config.MetaTraining.Epochs;
        for (int t = 0; t < Config.HeldOut.Count; t++)
        {
            int offset = t * (epochs + RunsPerTask);
            var sources = Config.SourcesOf(Config.HeldOut[t]);
            var task = byName[Config.HeldOut[t]];
            using var model = Config.Methods.Any(m => m.NeedsMetaModel)
                ? MetaModelCache.LoadOrTrain(MetaModelCache.PathFor(Results.Folder, string.Join("|", sources)),
                    [.. sources.Select(n => byName[n])], Config.MetaTraining, Config.Seed, e => progress?.Invoke(offset + e))
                : null;
            int done = 0;
            foreach (int k in Config.Ks)
                for (int r = 0; r < Config.Runs; r++)
                    foreach (var method in Config.Methods)
                    {
                        progress?.Invoke(offset + epochs + ++done);
                        int run = r, size = k;
                        Results.Run(task.Name, method.Name, k, r, () =>
                            Config.Protocol.Run(method, new TransferSources(model, method.NeedsPretrainedSources ? Pretrained(sources) : null),
                                task, size, Config.Seed, run));
                    }
        }
    }

    /// <summary>The naive-transfer networks of <paramref name="sources"/>, each pre-trained once per experiment.</summary>
    private MetaGcn[] Pretrained(IReadOnlyList<string> sources) => [.. sources.Select(name =>
    {
        if (!pretrained.TryGetValue(name, out var network))
            pretrained[name] = network = MetaTester.Pretrain(byName[name], Config.Protocol.Network, Config.Protocol.Pretraining, Config.Seed);
        return network;
    })];

    /// <summary>Disposes the pre-trained networks and the graph batches of tasks this experiment loaded.</summary>
    public void Dispose()
    {
        foreach (var network in pretrained.Values) network.Dispose();
        loaded?.Dispose();
    }
}
