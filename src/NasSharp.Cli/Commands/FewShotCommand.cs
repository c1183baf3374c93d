using System.CommandLine;
using NasSharp.Cli.Output;
using NasSharp.Data;
using NasSharp.Evaluation.FewShot;
using NasSharp.Persistence;
using NasSharp.Tasks;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp fewshot</c>: few-shot fitting compared across methods on held-out catalog tasks (device latencies
/// left out device by device, accuracies), on <c>transfer</c>'s support cells; the evaluation behind
/// <c>adapt --predictor default</c>.
/// </summary>
public static class FewShotCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var heldOut = HeldOut("Comma-separated catalog tasks to fit, each on its own. A device latency task is left out with every column of " +
                              "its device (other batch sizes, the HW-NAS-Bench copies and networks) from the prior.");
        var ks = new Option<int[]>("--k")
        {
            Description = "Comma-separated support sizes K (each at least 2).",
            CustomParser = r => SharedOptions.ParseIntegers(r, "support sizes K", 2, "5,10"),
            DefaultValueFactory = _ => [5, 10],
        };
        var runs = SharedOptions.Positive(new Option<int>("--runs") { Description = "Runs (support draws) per task and K.", DefaultValueFactory = _ => 10 });
        string[] defaultMethods = [FewShotMethods.Flops.Name, FewShotMethods.OpCountRidge.Name, FewShotMethods.PriorRidge.Name, FewShotMethods.Default.Name];
        var methods = new Option<string[]>("--methods")
        {
            Description = "Comma-separated methods: " + string.Join("; ", FewShotMethods.All.Select(m => $"{m.Name}, {m.Description}")) +
                          $". Default: {string.Join(",", defaultMethods)}.",
            CustomParser = r => SharedOptions.ParseChoices(r, FewShotMethods.Names, "method"),
            DefaultValueFactory = _ => defaultMethods,
        };
        var metaModel = new Option<string?>("--meta-model")
        {
            Description = "Meta-trained MP-NAS model (nassharp meta-train) for mp-nas, mp-nas+graph-ridge and the accuracy default; it must " +
                          "not have been meta-trained on a held-out task (e.g. transfer's fold model in <out>/models/).",
        };
        var priorDevices = new Option<string[]?>("--prior-devices")
        {
            Description = "Comma-separated devices whose columns alone form the prior, e.g. HELP's meta-training devices " +
                          "1080ti,silver-4114,silver-4210r,samsung-a50,pixel3,essential-ph1,samsung-s7. Default: every device but the held-out one. " +
                          $"Devices: {string.Join(", ", DeviceCatalog.DeviceColumns.Select(c => c.Device).Distinct())}.",
            CustomParser = r => SharedOptions.ParseChoices(r, [.. DeviceCatalog.DeviceColumns.Select(c => c.Device!).Distinct()], "device"),
        };
        var screen = new Option<int>("--screen")
        {
            Description = "How many features screened-ridge keeps: those most correlated with the support values, chosen again in every " +
                          "cross-validation fold. The cost default keeps " + FewShotFitter.CostScreen.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".",
            DefaultValueFactory = _ => FewShotFitter.CostScreen,
        };
        var seed = SharedOptions.Seed();
        seed.Description = "Seed of the support draws (run r draws with seed + r, as transfer does) and of the fits.";
        var output = new Option<string>("--out")
        {
            Description = "Folder for fewshot.json (checkpointed after every run; a rerun resumes; processes may share it), fewshot.csv and fewshot.png.",
            Required = true,
        };
        var data = SharedOptions.Data();
        var noProgress = SharedOptions.NoProgress();
        var threads = MetaCommands.Threads();
        var command = new Command("fewshot",
            "Few-shot fitting on held-out tasks (leave-device-out device latencies, accuracies): FLOPs, ridges, the device prior, MP-NAS; Spearman on the other cells.")
        {
            heldOut, ks, runs, methods, metaModel, priorDevices, screen, seed, output, data, threads, noProgress,
        };
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            NasSharp.Training.TorchThreads.Apply(pr.GetValue(threads));
            string folder = pr.GetValue(output)!;
            OutputLocation.EnsureWritableFolder(folder, "--out");
            var settings = new FewShotConfig(pr.GetValue(heldOut)!, pr.GetValue(ks)!, pr.GetValue(runs), [.. pr.GetValue(methods)!.Select(FewShotMethods.Get)],
                pr.GetValue(seed))
            {
                MetaModelPath = pr.GetValue(metaModel),
                PriorDevices = pr.GetValue(priorDevices) is { Length: > 0 } only ? only : null,
                Screen = pr.GetValue(screen),
            };
            var experiment = FewShotExperiment.Open(folder, settings, DataRoot.Resolve(pr.GetValue(data)));
            ProgressReporter.Run($"few-shot fits on {settings.HeldOut.Count} task(s)", experiment.TotalWork, pr.GetValue(noProgress),
                pr.InvocationConfiguration.Error, advance =>
                {
                    experiment.Run(advance);
                    return 0;
                });
            var report = new TransferReport(experiment.Results, "Few-shot fits on held-out tasks");
            report.WriteCsvAndPlot();
            AnsiConsole.Write(report.SummaryTable());
            AnsiConsole.MarkupLineInterpolated($"Wrote [green]{report.JsonPath}[/], fewshot.csv and fewshot.png.");
            return 0;
        }));
        return command;
    }

    /// <summary>The <c>--held-out</c> option of the few-shot commands: catalog tasks, HELP's six test devices by default.</summary>
    internal static Option<string[]> HeldOut(string description) => new("--held-out")
    {
        Description = $"{description} Default: HELP's six test devices ({string.Join(", ", DeviceCatalog.HelpTestTasks)}).",
        CustomParser = MetaTrainCommand.ParseTaskNames,
        DefaultValueFactory = _ => [.. DeviceCatalog.HelpTestTasks],
    };
}
