using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NasSharp.Cli.Output;
using NasSharp.Data;
using NasSharp.Persistence;
using NasSharp.Evaluation;
using NasSharp.Tasks;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp synthetic</c>: mp-nas §4.1 (Figure 2). Synthetic tasks are noisy copies of one real task (Eq. 8);
/// MP-NAS is meta-trained on some of them (plus optional pure-noise tasks) over a few hundred cells and adapted to K
/// cells of one more copy. One factor varies per invocation: σ (panel A), the number of correlated meta-training tasks
/// (panel B) or the number of uncorrelated ones (panel C).
/// </summary>
public static class SyntheticCommand
{
    /// <summary>The factors <c>--vary</c> accepts.</summary>
    public static IReadOnlyList<string> Factors { get; } = ["sigma", "correlated-tasks", "uncorrelated-tasks"];

    private static readonly string[] StudyMethods = ["mp-nas", "random-init"];

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var vary = new Option<string>("--vary")
        {
            Description = "Factor to vary: sigma (Figure 2A), correlated-tasks (2B) or uncorrelated-tasks (2C).",
            Required = true,
        };
        vary.AcceptOnlyFromAmong([.. Factors]);
        var values = new Option<double[]>("--values")
        {
            Description = "Comma-separated values of the varied factor, e.g. 0.25,0.5,1,2 for sigma or 1,2,5,10,20 for task counts.",
            Required = true,
            CustomParser = ParseValues,
        };
        var sigma = new Option<double>("--sigma")
        {
            Description = "Noise σ of every synthetic task when it is not varied, in units of the base task's standard deviation " +
                          "(two tasks then correlate at 1/(1+σ²)).",
            DefaultValueFactory = _ => 0.5,
        };
        var correlated = SharedOptions.Positive(new Option<int>("--correlated-tasks")
        {
            Description = "Correlated meta-training tasks when not varied.",
            DefaultValueFactory = _ => 10,
        });
        var uncorrelated = new Option<int>("--uncorrelated-tasks")
        {
            Description = "Pure-noise meta-training tasks added to the correlated ones when not varied.",
            DefaultValueFactory = _ => 0,
        };
        var baseTask = new Option<string>("--base-task")
        {
            Description = "The real task the synthetic tasks copy (the paper: NB201 CIFAR-100).",
            DefaultValueFactory = _ => "nb201/cifar100",
        };
        var metaArchitectures = SharedOptions.Positive(new Option<int>("--meta-archs")
        {
            Description = "Cells MP-NAS is meta-trained on (the paper's 256); the held-out task is scored on all other cells.",
            DefaultValueFactory = _ => 256,
        });
        var k = SharedOptions.Positive(new Option<int>("--k") { Description = "Support cells of the held-out task.", DefaultValueFactory = _ => 5 });
        var runs = SharedOptions.Positive(new Option<int>("--runs") { Description = "Support draws per setting and seed.", DefaultValueFactory = _ => 10 });
        var seeds = SharedOptions.Positive(new Option<int>("--seeds")
        {
            Description = "Study seeds (--seed, --seed+1, ...): each draws its own meta-training cells, noise and meta-trained models.",
            DefaultValueFactory = _ => 1,
        });
        var methods = new Option<string[]>("--methods")
        {
            Description = "Comma-separated methods: mp-nas, random-init (the reference a useless meta-training falls back to).",
            CustomParser = r => SharedOptions.ParseChoices(r, StudyMethods, "method"),
            DefaultValueFactory = _ => StudyMethods,
        };
        var seed = SharedOptions.Seed();
        var output = new Option<string>("--out")
        {
            Description = "Folder for synthetic.json (checkpointed after every run; a rerun resumes), synthetic.csv, synthetic.png " +
                          "and the meta-trained models (models/).",
            Required = true,
        };
        var data = SharedOptions.Data();
        var noProgress = SharedOptions.NoProgress();
        var threads = MetaCommands.Threads();
        var training = new MetaTrainingOptions();
        var fineTuning = FineTuningOptions.MpNas();
        var baselineTuning = FineTuningOptions.Baselines();
        var command = new Command("synthetic",
            "Synthetic correlated-noise study (mp-nas §4.1, Figure 2): how task correlation and the number of correlated and " +
            "uncorrelated meta-training tasks affect MP-NAS.")
        {
            vary, values, sigma, correlated, uncorrelated, baseTask, metaArchitectures, k, runs, seeds, methods, seed, output, data, threads, noProgress,
        };
        foreach (var option in training.All.Concat(fineTuning.All).Concat(baselineTuning.All)) command.Options.Add(option);
        sigma.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is var v && !(v >= 0 && double.IsFinite(v)))
                r.AddError($"--sigma must be a finite number ≥ 0, got {v.ToString(CultureInfo.InvariantCulture)}.");
        });
        uncorrelated.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is var v && v < 0) r.AddError($"--uncorrelated-tasks must be ≥ 0, got {v}.");
        });
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            NasSharp.Training.TorchThreads.Apply(pr.GetValue(threads));
            var settings = Settings(pr.GetValue(vary)!, pr.GetValue(values)!,
                new SyntheticSetting(pr.GetValue(sigma), pr.GetValue(correlated), pr.GetValue(uncorrelated)));
            var config = training.Config(pr);
            int firstSeed = pr.GetValue(seed), runCount = pr.GetValue(runs), kValue = pr.GetValue(k), metaCells = pr.GetValue(metaArchitectures);
            int[] studySeeds = [.. Enumerable.Range(firstSeed, pr.GetValue(seeds))];
            string[] chosen = pr.GetValue(methods)!;
            string folder = pr.GetValue(output)!;
            OutputLocation.EnsureWritableFolder(folder, "--out");
            var protocol = new TransferProtocol(fineTuning.Config(pr), baselineTuning.Config(pr), config.Network, TransferProtocol.DefaultPretraining);
            var report = new TransferReport(folder, new JsonObject
            {
                ["base_task"] = pr.GetValue(baseTask),
                ["settings"] = new JsonArray([.. settings.Select(s => JsonSerializer.SerializeToNode(s))]),
                ["meta_archs"] = metaCells,
                ["k"] = kValue,
                ["runs"] = runCount,
                ["seeds"] = new JsonArray([.. studySeeds.Select(s => (JsonNode)s)]),
                ["methods"] = new JsonArray([.. chosen.Select(m => (JsonNode)m)]),
                ["meta_training"] = TransferReport.Describe(config),
                ["fine_tuning"] = TransferReport.Describe(protocol.Test),
                ["baseline_fine_tuning"] = TransferReport.Describe(protocol.BaselineTest),
            }, "synthetic", "Synthetic tasks (mp-nas §4.1): Spearman on the held-out noisy copy");

            var baseline = TaskCatalog.Load(DataRoot.Resolve(pr.GetValue(data)), [pr.GetValue(baseTask)!])[0];
            if (metaCells < 2 || metaCells > baseline.Graphs.Count - 2)
                throw new ArgumentException($"--meta-archs {metaCells} does not fit '{baseline.Task.Name}' of {baseline.Graphs.Count} architectures: " +
                                            $"it must be between 2 and {baseline.Graphs.Count - 2}, leaving cells to test on.");
            TransferProtocol.CheckK(kValue, baseline.Graphs.Count - metaCells, $"{baseline.Task.Name} (the cells not meta-trained on)");
            int perSetting = config.Epochs + runCount * chosen.Length;
            ProgressReporter.Run($"synthetic study ({settings.Length} settings x {studySeeds.Length} seeds)", studySeeds.Length * settings.Length * perSetting,
                pr.GetValue(noProgress), pr.InvocationConfiguration.Error, advance =>
                {
                    int offset = 0;
                    var experiment = new Experiment(report, protocol, config, chosen, kValue, runCount, folder);
                    foreach (int s in studySeeds)
                    {
                        using var study = new SyntheticStudy(baseline.Graphs, baseline.Values, metaCells, s);
                        foreach (var setting in settings)
                        {
                            int start = offset;
                            experiment.Run(study, setting, s - firstSeed, done => advance(start + done));
                            offset += perSetting;
                        }
                    }
                    return 0;
                });
            report.WriteCsvAndPlot();
            AnsiConsole.Write(report.SummaryTable(withMean: false));
            AnsiConsole.MarkupLineInterpolated($"Wrote [green]{report.JsonPath}[/], synthetic.csv and synthetic.png.");
            return 0;
        }));
        return command;
    }

    /// <summary>The settings of one panel: the defaults with the varied factor set to each value.</summary>
    /// <exception cref="ArgumentException">A value that does not fit the factor (a negative σ, a fractional task count, ...).</exception>
    public static SyntheticSetting[] Settings(string factor, IReadOnlyList<double> values, SyntheticSetting defaults) => ValuesError(factor, values) is { } error
        ? throw new ArgumentException(error)
        : factor switch
    {
        "sigma" => [.. values.Select(v => defaults with { Sigma = v })],
        "correlated-tasks" => [.. values.Select(v => defaults with { CorrelatedTasks = (int)v })],
        _ => [.. values.Select(v => defaults with { UncorrelatedTasks = (int)v })],
    };

    /// <summary>One invocation's fixed choices; runs the settings of each study seed into one report.</summary>
    private sealed class Experiment(TransferReport report, TransferProtocol protocol, Meta.MetaTrainingConfig config, string[] methods,
        int k, int runCount, string folder)
    {
        // Random init sees only the held-out task, which depends on σ alone: settings that share σ share its runs.
        private readonly Dictionary<(double Sigma, int Seed, int Run), TransferRun> randomInit = [];

        /// <summary>Meta-trains (or loads) the setting's model and adds its missing runs; reports epochs, then runs, done.</summary>
        public void Run(SyntheticStudy study, SyntheticSetting setting, int seedIndex, Action<int> progress)
        {
            var heldOut = study.HeldOutTask(setting);
            // Runs of later seeds are numbered after those of earlier ones, so one report holds every seed.
            int RunId(int r) => seedIndex * runCount + r;
            bool needsModel = methods.Contains("mp-nas") && Enumerable.Range(0, runCount).Any(r => !report.Has(setting.Label, "mp-nas", k, RunId(r)));
            var tasks = study.MetaTrainingTasks(setting);
            using var model = needsModel
                ? MetaModelCache.LoadOrTrain(MetaModelCache.PathFor(folder, $"{string.Join("|", tasks.Select(t => t.Name))}|seed={study.Seed}"),
                    tasks, config, study.Seed, progress)
                : null;
            int done = 0;
            for (int r = 0; r < runCount; r++)
                foreach (string method in methods)
                {
                    progress(config.Epochs + ++done);
                    report.Run(setting.Label, method, k, RunId(r), () =>
                    {
                        if (method == "mp-nas") return protocol.MpNas(model!, heldOut, k, study.Seed, r);
                        if (!randomInit.TryGetValue((setting.Sigma, study.Seed, r), out var run))
                            randomInit[(setting.Sigma, study.Seed, r)] = run = protocol.RandomInit(heldOut, k, study.Seed, r);
                        return run;
                    });
                }
        }
    }

    private static double[]? ParseValues(ArgumentResult result)
    {
        var parsed = new List<double>();
        foreach (string part in string.Join(",", result.Tokens.Select(t => t.Value)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            {
                result.AddError($"Expected --values as comma-separated numbers (e.g. 0.25,0.5,1,2); '{part}' is not one.");
                return null;
            }
            parsed.Add(v);
        }
        if (parsed.Count == 0) result.AddError("Expected at least one value in --values.");
        return [.. parsed.Distinct()];
    }

    /// <summary>Why <paramref name="values"/> do not fit <paramref name="factor"/>, or null when they do.</summary>
    private static string? ValuesError(string factor, IReadOnlyList<double> values)
    {
        (Func<double, bool> fits, string expected) = factor switch
        {
            "sigma" => ((Func<double, bool>)(v => v >= 0), "numbers ≥ 0"),
            "correlated-tasks" => (v => v >= 1 && v == Math.Floor(v), "whole numbers ≥ 1"),
            "uncorrelated-tasks" => (v => v >= 0 && v == Math.Floor(v), "whole numbers ≥ 0"),
            _ => throw new ArgumentException($"Unknown factor '{factor}'; valid: {string.Join(", ", Factors)}."),
        };
        return values.Where(v => !fits(v))
            .Select(v => $"--values for {factor} must be {expected}; got {v.ToString(CultureInfo.InvariantCulture)}.")
            .FirstOrDefault();
    }
}
