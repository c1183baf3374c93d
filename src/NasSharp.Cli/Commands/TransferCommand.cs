using System.CommandLine;
using NasSharp.Cli.Output;
using NasSharp.Data;
using NasSharp.Persistence;
using NasSharp.Evaluation;
using NasSharp.Tasks;
using NasSharp.Training;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp transfer</c>: the few-shot protocol of mp-nas §4. For each held-out task, MP-NAS is meta-trained on the
/// other tasks (or on all of them when the held-out task is not among them: cross-space transfer), then adapted to K
/// seeded support architectures, next to the random-init and naive-transfer baselines on the same support sets.
/// </summary>
public static class TransferCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var tasks = new Option<string[]>("--tasks")
        {
            Description = "Comma-separated meta-training tasks. Default: the 7 NB201 tasks of the paper.",
            CustomParser = MetaTrainCommand.ParseTaskNames,
            DefaultValueFactory = _ => [.. TaskCatalog.Nb201Paper.Select(t => t.Name)],
        };
        var heldOut = new Option<string[]>("--held-out")
        {
            Description = "Comma-separated tasks to adapt to. A task in --tasks is left out of its own meta-training (leave-one-out); " +
                          "any other task (e.g. tb101/jigsaw after NB201 tasks) is a transfer target of a model meta-trained on all --tasks. " +
                          "Default: every task of --tasks in turn.",
            CustomParser = MetaTrainCommand.ParseTaskNames,
            DefaultValueFactory = _ => [],
        };
        var ks = new Option<int[]>("--k")
        {
            Description = "Comma-separated support sizes K (0 = zero-shot).",
            CustomParser = r => SharedOptions.ParseIntegers(r, "support sizes K", 0, "0,5,25,50"),
            DefaultValueFactory = _ => [5],
        };
        var runs = SharedOptions.Positive(new Option<int>("--runs") { Description = "Runs (support draws) per task and K.", DefaultValueFactory = _ => 10 });
        var methods = new Option<string[]>("--methods")
        {
            Description = "Comma-separated methods: " + string.Join("; ", TransferMethods.All.Select(m => $"{m.Name}, {m.Description}" +
                          (m.NeedsTwoSupportCells ? " (needs K >= 2)" : ""))) +
                          $". Default: the paper's three ({string.Join(", ", TransferMethods.Paper.Select(m => m.Name))}).",
            CustomParser = r => SharedOptions.ParseChoices(r, TransferMethods.Names, "method"),
            DefaultValueFactory = _ => [.. TransferMethods.Paper.Select(m => m.Name)],
        };
        var training = new MetaTrainingOptions();
        var seed = SharedOptions.Seed();
        seed.Description = "Seed of meta-training, baselines and support draws (run r draws with seed + r).";
        var output = new Option<string>("--out")
        {
            Description = "Folder for transfer.json (checkpointed after every run; a rerun resumes), transfer.csv, transfer.png and " +
                          "the meta-trained models (models/, each resumable from its checkpoint).",
            Required = true,
        };
        var data = SharedOptions.Data();
        var noProgress = SharedOptions.NoProgress();
        var threads = MetaCommands.Threads();
        var device = DeviceOption.Create();
        var fineTuning = FineTuningOptions.MpNas();
        var baselineTuning = FineTuningOptions.Baselines();
        var command = new Command("transfer",
            "Few-shot transfer to held-out tasks (mp-nas Tables 2-6): MP-NAS vs random init vs naive transfer, Spearman on the unseen architectures.")
        {
            tasks, heldOut, ks, runs, methods, seed, output, data, threads, device, noProgress,
        };
        foreach (var option in training.All.Concat(fineTuning.All).Concat(baselineTuning.All)) command.Options.Add(option);
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            NasSharp.Training.TorchThreads.Apply(pr.GetValue(threads));
            var torchDevice = TorchDevices.Parse(pr.GetValue(device)!);
            string[] pool = pr.GetValue(tasks)!;
            var config = training.Config(pr);
            string folder = pr.GetValue(output)!;
            OutputLocation.EnsureWritableFolder(folder, "--out");
            var protocol = new TransferProtocol(fineTuning.Config(pr), baselineTuning.Config(pr), config.Network, TransferProtocol.DefaultPretraining);
            var settings = new TransferConfig(pool, pr.GetValue(heldOut) is { Length: > 0 } given ? given : pool, pr.GetValue(ks)!, pr.GetValue(runs),
                [.. pr.GetValue(methods)!.Select(TransferMethods.Get)], config, protocol, pr.GetValue(seed));
            using var experiment = TransferExperiment.Open(folder, settings, DataRoot.Resolve(pr.GetValue(data)), torchDevice);
            ProgressReporter.Run($"transfer to {settings.HeldOut.Count} task(s)", experiment.TotalWork, pr.GetValue(noProgress),
                pr.InvocationConfiguration.Error, advance =>
                {
                    experiment.Run(advance);
                    return 0;
                });
            var report = new TransferReport(experiment.Results);
            report.WriteCsvAndPlot();
            AnsiConsole.Write(report.SummaryTable());
            AnsiConsole.MarkupLineInterpolated($"Wrote [green]{report.JsonPath}[/], transfer.csv and transfer.png.");
            return 0;
        }));
        return command;
    }
}
