using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using NasSharp.Cli.Output;
using NasSharp.Data;
using NasSharp.Persistence;
using NasSharp.Evaluation;
using NasSharp.Training;
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
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var vary = new Option<string>("--vary")
        {
            Description = "Factor to vary: sigma (Figure 2A), correlated-tasks (2B) or uncorrelated-tasks (2C).",
            Required = true,
        };
        vary.AcceptOnlyFromAmong([.. SyntheticFactor.Names]);
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
            CustomParser = r => SharedOptions.ParseChoices(r, [.. SyntheticExperiment.Methods.Select(m => m.Name)], "method"),
            DefaultValueFactory = _ => [.. SyntheticExperiment.Methods.Select(m => m.Name)],
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
        var device = DeviceOption.Create();
        var training = new MetaTrainingOptions();
        var fineTuning = FineTuningOptions.MpNas();
        var baselineTuning = FineTuningOptions.Baselines();
        var command = new Command("synthetic",
            "Synthetic correlated-noise study (mp-nas §4.1, Figure 2): how task correlation and the number of correlated and " +
            "uncorrelated meta-training tasks affect MP-NAS.")
        {
            vary, values, sigma, correlated, uncorrelated, baseTask, metaArchitectures, k, runs, seeds, methods, seed, output, data, threads, device, noProgress,
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
            var torchDevice = TorchDevices.Parse(pr.GetValue(device)!);
            var settings = SyntheticFactor.Get(pr.GetValue(vary)!).Panel(pr.GetValue(values)!,
                new SyntheticSetting(pr.GetValue(sigma), pr.GetValue(correlated), pr.GetValue(uncorrelated)));
            var config = training.Config(pr);
            string folder = pr.GetValue(output)!;
            OutputLocation.EnsureWritableFolder(folder, "--out");
            var protocol = new TransferProtocol(fineTuning.Config(pr), baselineTuning.Config(pr), config.Network, TransferProtocol.DefaultPretraining);
            var study = new SyntheticConfig(pr.GetValue(baseTask)!, settings, pr.GetValue(metaArchitectures), pr.GetValue(k), pr.GetValue(runs),
                [.. Enumerable.Range(pr.GetValue(seed), pr.GetValue(seeds))], [.. pr.GetValue(methods)!.Select(TransferMethods.Get)], config, protocol);
            var experiment = SyntheticExperiment.Open(folder, study, DataRoot.Resolve(pr.GetValue(data)), torchDevice);
            ProgressReporter.Run($"synthetic study ({settings.Length} settings x {study.Seeds.Count} seeds)", experiment.TotalWork,
                pr.GetValue(noProgress), pr.InvocationConfiguration.Error, advance =>
                {
                    experiment.Run(advance);
                    return 0;
                });
            var report = new TransferReport(experiment.Results, "Synthetic tasks (mp-nas §4.1): Spearman on the held-out noisy copy");
            report.WriteCsvAndPlot();
            AnsiConsole.Write(report.SummaryTable(withMean: false));
            AnsiConsole.MarkupLineInterpolated($"Wrote [green]{report.JsonPath}[/], synthetic.csv and synthetic.png.");
            return 0;
        }));
        return command;
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
}
