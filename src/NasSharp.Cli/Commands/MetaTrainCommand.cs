using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using NasSharp.Cli.Output;
using NasSharp.Data;
using NasSharp.Persistence;
using NasSharp.Meta;
using NasSharp.Tasks;
using Spectre.Console;
using TorchSharp;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp meta-train</c>: meta-learn the MP-NAS predictor (mp-nas §3.2) across catalog tasks and save it for
/// <c>adapt</c>. Progress is checkpointed beside the model, so a rerun after an interruption resumes.
/// </summary>
public static class MetaTrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var tasks = new Option<string[]>("--tasks")
        {
            Description = "Comma-separated meta-training tasks, e.g. nb201/cifar100,tb101/jigsaw (names are listed when one is unknown). " +
                          "Default: the 7 NB201 tasks of the paper.",
            CustomParser = ParseTaskNames,
            DefaultValueFactory = _ => [.. TaskCatalog.Nb201Paper.Select(t => t.Name)],
        };
        var exclude = new Option<string[]>("--exclude")
        {
            Description = "Comma-separated tasks to remove from --tasks, e.g. the held-out task you will adapt to.",
            CustomParser = ParseTaskNames,
            DefaultValueFactory = _ => [],
        };
        var training = new MetaTrainingOptions();
        var model = new Option<string>("--model")
        {
            Description = $"Where to write the meta-trained model (atomically). Progress is checkpointed to MODEL{MetaTrainer.CheckpointSuffix} as it goes; " +
                          "a rerun with the same settings resumes from it, and it is deleted once the model is saved.",
            Required = true,
        };
        var seed = SharedOptions.Seed();
        seed.Description = "Seed of initialisation, task and support/query sampling and dropout (same seed, same model, also across a resume).";
        var threads = MetaCommands.Threads();
        var device = DeviceOption.Create();
        var data = SharedOptions.Data();
        var noProgress = SharedOptions.NoProgress();
        var command = new Command("meta-train",
            "Meta-train the MP-NAS predictor (MAML / FoMAML / BOIL / ANIL) across NAS tasks and save it for 'nassharp adapt'.")
        {
            tasks, exclude, model, seed, threads, device, data, noProgress,
        };
        foreach (var option in training.All) command.Options.Add(option);
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            string[] names = Remaining(pr.GetValue(tasks)!, pr.GetValue(exclude)!);
            var config = training.Config(pr);
            string path = pr.GetValue(model)!, checkpoint = path + MetaTrainer.CheckpointSuffix;
            OutputLocation.EnsureWritableFile(path, "--model");
            int s = pr.GetValue(seed);
            NasSharp.Training.TorchThreads.Apply(pr.GetValue(threads));
            var torchDevice = NasSharp.Training.TorchDevices.Parse(pr.GetValue(device)!);

            var clock = Stopwatch.StartNew();
            using var sources = MetaTaskLoader.Load(DataRoot.Resolve(pr.GetValue(data)), names, torchDevice);
            double loadSeconds = clock.Elapsed.TotalSeconds;
            MetaEpochReport? first = null, last = null;
            int skipped = 0;
            using var trained = ProgressReporter.Run($"meta-train {Algorithm(config)} on {names.Length} tasks", config.Epochs,
                pr.GetValue(noProgress), pr.InvocationConfiguration.Error,
                report => Train(sources.Tasks, config, s, checkpoint, r =>
                {
                    first ??= r;
                    last = r;
                    skipped += r.SkippedSteps;
                    report(r.Epoch);
                }));
            trained.Save(path);
            // The model now holds everything the checkpoint did (except optimizer state, needed only to continue).
            File.Delete(checkpoint);
            PrintSummary(sources, config, s, path, first, last, loadSeconds, clock.Elapsed.TotalSeconds - loadSeconds);
            if (skipped > 0)
                AnsiConsole.MarkupLineInterpolated($"[yellow]{skipped} outer step(s) were skipped because their loss or gradient was not finite.[/]");
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Parses comma-separated catalog task names (case-insensitive) into their catalog spelling. Unknown or repeated
    /// names are parse errors; an unknown one lists the valid ones.
    /// </summary>
    public static string[] ParseTaskNames(ArgumentResult result)
    {
        var text = string.Join(",", result.Tokens.Select(t => t.Value));
        var names = new List<string>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string name;
            try
            {
                name = TaskCatalog.Get(part).Name;
            }
            catch (ArgumentException e)
            {
                result.AddError(e.Message);
                return [];
            }
            if (names.Contains(name))
            {
                result.AddError($"Task '{name}' is listed twice.");
                return [];
            }
            names.Add(name);
        }
        if (names.Count == 0) result.AddError("Expected at least one task name.");
        return [.. names];
    }

    /// <summary><paramref name="tasks"/> without <paramref name="excluded"/>, in the order given.</summary>
    /// <exception cref="ArgumentException">An excluded task that is not among the tasks (a typo would otherwise leak a held-out task), or none left.</exception>
    public static string[] Remaining(IReadOnlyList<string> tasks, IReadOnlyList<string> excluded)
    {
        foreach (string name in excluded)
            if (!tasks.Contains(name))
                throw new ArgumentException($"--exclude {name}: not among the meta-training tasks ({string.Join(", ", tasks)}).");
        string[] remaining = [.. tasks.Except(excluded)];
        if (remaining.Length == 0) throw new ArgumentException("--exclude removes every task; at least one must remain to meta-train on.");
        return remaining;
    }

    private static MetaModel Train(IReadOnlyList<MetaTask> tasks, MetaTrainingConfig config, int seed, string checkpoint,
        Action<MetaEpochReport> progress)
    {
        try
        {
            return MetaTrainer.Train(tasks, config, seed, checkpoint, progress);
        }
        catch (InvalidOperationException e)
        {
            // A checkpoint of another experiment at MODEL.checkpoint is a user-fixable file problem, not a crash.
            throw new InvalidDataException(e.Message, e);
        }
    }

    private static string Algorithm(MetaTrainingConfig config) => config.Algorithm.ToString().ToUpperInvariant();

    private static void PrintSummary(MetaTaskLoader sources, MetaTrainingConfig config, int seed, string path,
        MetaEpochReport? first, MetaEpochReport? last, double loadSeconds, double trainSeconds)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("task", "architectures", "metric");
        foreach (var loaded in sources.Loaded)
            table.AddRow(Markup.Escape(loaded.Task.Name), $"{loaded.Count:N0}",
                Markup.Escape($"{loaded.Task.Benchmark}/{loaded.Task.Metric} ({(loaded.Task.HigherIsBetter ? "higher" : "lower")} is better)"));
        AnsiConsole.Write(table);
        string resumed = first is { Epoch: > 1 } ? $", resumed after epoch {first.Epoch - 1}" : "";
        // No report at all means the checkpoint already held every epoch (a run stopped between it and the model).
        string loss = last is null ? "n/a (the checkpoint was already complete)" : $"{last.QueryLoss:F4}";
        string setup = $"{config.Name} profile: {config.Epochs} epochs x {config.StepsPerEpoch} steps, GCN {config.Network.Layers} x {config.Network.Hidden}, seed {seed}";
        string time = $"loaded in {loadSeconds:F1} s, trained in {trainSeconds:F1} s{resumed}";
        AnsiConsole.MarkupLineInterpolated(
            $"Meta-trained [bold]{Algorithm(config)}[/] ({setup}) on {sources.Tasks.Count} tasks: {time}; final query MSE {loss} (z-scored) → [green]{path}[/].");
    }
}
