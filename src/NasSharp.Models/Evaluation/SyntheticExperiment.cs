using NasSharp.Data;
using NasSharp.Meta;
using NasSharp.Tasks;

namespace NasSharp.Evaluation;

/// <summary>
/// The synthetic study of mp-nas §4.1 (Figure 2), recorded in <c>synthetic.json</c> of a result folder: for each study
/// seed and setting, MP-NAS is meta-trained on the setting's noisy copies of the base task (<see cref="SyntheticStudy"/>;
/// models kept in <c>models/</c>) and adapted to K cells of one more copy, next to random init on the same support
/// sets. Runs already recorded are not redone, so a rerun resumes. Runs of later seeds are numbered after those of
/// earlier ones, so one file holds every seed.
/// </summary>
/// <example>
/// <code>
/// var settings = SyntheticFactor.Sigma.Panel([0.25, 1], new SyntheticSetting(0.5, 10, 0));
/// var experiment = SyntheticExperiment.Open(folder, config with { Settings = settings }, DataRoot.Resolve(null));
/// experiment.Run();
/// </code>
/// </example>
public sealed class SyntheticExperiment
{
    /// <summary>The methods the study compares: MP-NAS, and random init, the reference a useless meta-training falls back to.</summary>
    public static IReadOnlyList<TransferMethod> Methods { get; } = [TransferMethods.MpNas, TransferMethods.RandomInit];

    private readonly LoadedTask baseline;

    // Random init sees only the held-out task, which depends on σ alone: settings that share σ share its runs.
    private readonly Dictionary<(double Sigma, int Seed, int Run), TransferRun> randomInit = [];
    private readonly Device? device;

    private SyntheticExperiment(SyntheticConfig config, TransferResults results, LoadedTask baseline, Device? device)
    {
        Config = config;
        Results = results;
        this.baseline = baseline;
        this.device = device;
    }

    /// <summary>The study's settings.</summary>
    public SyntheticConfig Config { get; }

    /// <summary>The results file, with the runs recorded so far.</summary>
    public TransferResults Results { get; }

    /// <summary>Units of work <see cref="Run"/> reports: per seed and setting, one per meta-training epoch and one per run.</summary>
    public int TotalWork => Config.Seeds.Count * Config.Settings.Count * WorkPerSetting;

    private int WorkPerSetting => Config.MetaTraining.Epochs + Config.Runs * Config.Methods.Count;

    /// <summary>
    /// Validates <paramref name="config"/>, opens (or resumes) its results in <paramref name="folder"/> and loads the
    /// base task from <paramref name="root"/>; the study computes on <paramref name="device"/> (default: the CPU).
    /// </summary>
    /// <exception cref="ArgumentException">Bad settings, an unknown base task, or meta-training cells or K that do not fit it.</exception>
    /// <exception cref="InvalidDataException">The folder holds another experiment, or a table or results file is damaged.</exception>
    /// <exception cref="FileNotFoundException">The base task's table is not under <paramref name="root"/>.</exception>
    public static SyntheticExperiment Open(string folder, SyntheticConfig config, DataRoot root, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var results = new TransferResults(folder, config.ToJson(), "synthetic");
        var baseline = TaskCatalog.Load(root, [config.BaseTask])[0];
        int cells = baseline.Graphs.Count;
        if (config.MetaArchitectures < 2 || config.MetaArchitectures > cells - 2)
            throw new ArgumentException($"--meta-archs {config.MetaArchitectures} does not fit '{baseline.Task.Name}' of {cells} architectures: " +
                                        $"it must be between 2 and {cells - 2}, leaving cells to test on.");
        TransferProtocol.CheckK(config.K, cells - config.MetaArchitectures, $"{baseline.Task.Name} (the cells not meta-trained on)");
        return new SyntheticExperiment(config, results, baseline, device);
    }

    /// <summary>
    /// Meta-trains (or loads) each setting's model and computes every run not yet recorded, recording each as it
    /// finishes. <paramref name="progress"/> gets the units of <see cref="TotalWork"/> done.
    /// </summary>
    public void Run(Action<int>? progress = null)
    {
        int offset = 0;
        for (int seedIndex = 0; seedIndex < Config.Seeds.Count; seedIndex++)
        {
            using var study = new SyntheticStudy(baseline.Graphs, baseline.Values, Config.MetaArchitectures, Config.Seeds[seedIndex], device);
            foreach (var setting in Config.Settings)
            {
                int start = offset;
                RunSetting(study, setting, seedIndex, done => progress?.Invoke(start + done));
                offset += WorkPerSetting;
            }
        }
    }

    /// <summary>Meta-trains (or loads) the setting's model and adds its missing runs; reports epochs, then runs, done.</summary>
    private void RunSetting(SyntheticStudy study, SyntheticSetting setting, int seedIndex, Action<int> progress)
    {
        var heldOut = study.HeldOutTask(setting);
        int RunId(int r) => seedIndex * Config.Runs + r;
        bool needsModel = Config.Methods.Where(m => m.NeedsMetaModel)
            .Any(m => Enumerable.Range(0, Config.Runs).Any(r => !Results.Has(setting.Label, m.Name, Config.K, RunId(r))));
        var tasks = study.MetaTrainingTasks(setting);
        using var model = needsModel
            ? MetaModelCache.LoadOrTrain(MetaModelCache.PathFor(Results.Folder, $"{string.Join("|", tasks.Select(t => t.Name))}|seed={study.Seed}"),
                tasks, Config.MetaTraining, study.Seed, progress)
            : null;
        var sources = new TransferSources(model);
        int done = 0;
        for (int r = 0; r < Config.Runs; r++)
            foreach (var method in Config.Methods)
            {
                progress(Config.MetaTraining.Epochs + ++done);
                int run = r;
                Results.Run(setting.Label, method.Name, Config.K, RunId(r), () =>
                {
                    if (method != TransferMethods.RandomInit) return Config.Protocol.Run(method, sources, heldOut, Config.K, study.Seed, run);
                    if (!randomInit.TryGetValue((setting.Sigma, study.Seed, run), out var result))
                        randomInit[(setting.Sigma, study.Seed, run)] = result = Config.Protocol.Run(method, sources, heldOut, Config.K, study.Seed, run);
                    return result;
                });
            }
    }
}
