using System.CommandLine;
using NasSharp.Cli.Output;
using NasSharp.Data;
using NasSharp.Persistence;
using NasSharp.Predictors;
using NasSharp.Predictors.Features;
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
        var device = DeviceOption.Create();
        var command = new Command("train", "Train a predictor on --train random architectures of a benchmark and save it.")
        {
            space, target, train, seed, model, data, noProgress, threads, device,
        };
        foreach (var option in modelOptions.All) command.Options.Add(option);
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            string path = pr.GetValue(model)!;
            OutputLocation.EnsureWritableFile(path, "--model");
            TorchThreads.Apply(pr.GetValue(threads));
            var torchDevice = TorchDevices.Parse(pr.GetValue(device)!);
            var root = DataRoot.Resolve(pr.GetValue(data));
            var searchSpace = SearchSpaceCatalog.Get(pr.GetValue(space)!);
            var task = BenchmarkAccess.LoadRankingTask(root, searchSpace, pr.GetValue(target)!);
            int n = pr.GetValue(train), s = pr.GetValue(seed);
            var rows = SeededSubset.Indices(task.Count, n, s);
            var context = modelOptions.Context(pr, task, root, torchDevice);
            (var kind, context) = ModelOptions.Resolve(modelOptions.Kind(pr), context, pr.InvocationConfiguration.Error);
            int work = kind.ModelFile is null ? 1 : context.Network.Training.Epochs;
            using var trained = ProgressReporter.Run($"train {kind.Name} on {n} {searchSpace.Name} archs", work,
                pr.GetValue(noProgress), pr.InvocationConfiguration.Error,
                report =>
                {
                    var predictor = (ISavablePredictor)kind.Create(context with { EpochDone = report });
                    try
                    {
                        task.Fit(predictor, rows, s);
                    }
                    catch
                    {
                        predictor.Dispose();
                        throw;
                    }
                    return predictor;
                });
            trained.Save(path);
            AnsiConsole.MarkupLineInterpolated($"Saved [bold]{kind.Name}[/] ({searchSpace.Name}, {task.Target}, n = {n}, seed {s}) to [green]{path}[/].");
            if (trained is FeatureModelPredictor { Metadata: { } fitted })
                AnsiConsole.MarkupLineInterpolated(
                    $"Tree settings: {fitted.Settings} ({(fitted.CrossValidation is { } cv ? $"chosen by {cv.Folds}-fold cross-validation on the training cells" : "fixed")}); {fitted.FeatureNames.Count} features.");
            return 0;
        }));
        return command;
    }
}
