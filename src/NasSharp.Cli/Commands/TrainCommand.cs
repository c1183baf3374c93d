using System.CommandLine;
using NasSharp.Cli.Output;
using NasSharp.Data;
using NasSharp.Persistence;
using NasSharp.Predictors;
using NasSharp.Sampling;
using NasSharp.SearchSpaces;
using NasSharp.Training;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary><c>nassharp train</c>: fit a predictor on seeded random benchmark architectures and save it.</summary>
public static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var space = SharedOptions.Space();
        var target = SharedOptions.Target();
        var modelOptions = new ModelOptions();
        var train = SharedOptions.TrainingCount(new Option<int>("--train")
        {
            Description = "Number of seeded random architectures to train on (their validation metric is the label).",
            DefaultValueFactory = _ => 156,
        });
        var seed = SharedOptions.Seed();
        var model = new Option<string>("--model") { Description = "Where to write the model (written atomically).", Required = true };
        var data = SharedOptions.Data();
        var noProgress = SharedOptions.NoProgress();
        var threads = MetaCommands.Threads();
        var command = new Command("train", "Train a predictor on --train random architectures of a benchmark and save it.")
        {
            space, target, train, seed, model, data, noProgress, threads,
        };
        foreach (var option in modelOptions.All) command.Options.Add(option);
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            string path = pr.GetValue(model)!;
            OutputLocation.EnsureWritableFile(path, "--model");
            TorchThreads.Apply(pr.GetValue(threads));
            var root = DataRoot.Resolve(pr.GetValue(data));
            var searchSpace = SearchSpaceCatalog.Get(pr.GetValue(space)!);
            var task = BenchmarkAccess.LoadRankingTask(root, searchSpace, pr.GetValue(target)!);
            int n = pr.GetValue(train), s = pr.GetValue(seed);
            var rows = SeededSubset.Indices(task.Graphs.Count, n, s);
            var meta = modelOptions.Template(pr, searchSpace, task.Target, task.TrainMetric, s);
            task = BenchmarkAccess.WithImagesFor(task, root, meta.Predictor);
            using var trained = ProgressReporter.Run($"train {meta.Predictor} on {n} {searchSpace.Name} archs", meta.Training.Epochs,
                pr.GetValue(noProgress), pr.InvocationConfiguration.Error,
                report => task.TrainOn(rows, meta, report));
            trained.Save(path);
            AnsiConsole.MarkupLineInterpolated($"Saved [bold]{meta.Predictor}[/] ({searchSpace.Name}, {task.Target}, n = {n}, seed {s}) to [green]{path}[/].");
            return 0;
        }));
        return command;
    }
}
