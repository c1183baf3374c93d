using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using NasSharp.Data;
using NasSharp.Persistence;
using NasSharp.Predictors;
using NasSharp.Sampling;
using NasSharp.SearchSpaces;
using NasSharp.Training;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp bench</c>: wall-clock cost of training and of scoring a whole space, measured the way users run them.
/// Timings belong in docs/RESULTS.md, never in tests.
/// </summary>
public static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var space = SharedOptions.Space();
        var target = SharedOptions.Target();
        var modelOptions = new ModelOptions();
        var train = SharedOptions.TrainingCount(new Option<int>("--train") { Description = "Training architectures.", DefaultValueFactory = _ => 156 });
        var repeats = SharedOptions.Positive(new Option<int>("--repeats") { Description = "Timed repetitions (the median is reported).", DefaultValueFactory = _ => 3 });
        var seed = SharedOptions.Seed();
        var output = new Option<string?>("--out") { Description = "Optional JSON file for the timings (written atomically)." };
        var data = SharedOptions.Data();
        var threads = MetaCommands.Threads();
        var device = DeviceOption.Create();
        var command = new Command("bench", "Measure training time and whole-space scoring time (after one warm-up call).")
        {
            space, target, train, repeats, seed, output, data, threads, device,
        };
        foreach (var option in modelOptions.All) command.Options.Add(option);
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            TorchThreads.Apply(pr.GetValue(threads));
            var torchDevice = TorchDevices.Parse(pr.GetValue(device)!);
            var root = DataRoot.Resolve(pr.GetValue(data));
            var searchSpace = SearchSpaceCatalog.Get(pr.GetValue(space)!);
            var task = BenchmarkAccess.LoadRankingTask(root, searchSpace, pr.GetValue(target)!);
            int n = pr.GetValue(train), s = pr.GetValue(seed), reps = pr.GetValue(repeats);
            var rows = SeededSubset.Indices(task.Count, n, s);
            var context = modelOptions.Context(pr, task, root, torchDevice);
            (var kind, context) = ModelOptions.Resolve(modelOptions.Kind(pr), context, pr.InvocationConfiguration.Error);
            int epochs = context.Network.Training.Epochs;

            var clock = Stopwatch.StartNew();
            var pool = BenchmarkAccess.LoadPool(() => root, searchSpace);
            double loadSeconds = clock.Elapsed.TotalSeconds;

            var trainSeconds = new List<double>();
            var predictSeconds = new List<double>();
            for (int r = 0; r < reps; r++)
            {
                using var predictor = kind.Create(context);
                clock.Restart();
                task.Fit(predictor, rows, s);
                trainSeconds.Add(clock.Elapsed.TotalSeconds);
                if (r == 0) predictor.Predict(pool.Take(1024).ToArray());
                clock.Restart();
                predictor.Predict(pool);
                predictSeconds.Add(clock.Elapsed.TotalSeconds);
            }
            double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
            var table = new Table().Border(TableBorder.Rounded).AddColumns("measure", "median s", "all runs (s)");
            table.AddRow($"load {pool.Count:N0} {searchSpace.Name} archs", $"{loadSeconds:F2}", "-");
            table.AddRow($"train {kind.Name}, n = {n}{(kind.ModelFile is null ? "" : $", {epochs} epochs")}", $"{Median(trainSeconds):F2}", string.Join(", ", trainSeconds.Select(t => t.ToString("F2"))));
            table.AddRow($"predict all {pool.Count:N0} archs (encode + score)", $"{Median(predictSeconds):F2}", string.Join(", ", predictSeconds.Select(t => t.ToString("F2"))));
            AnsiConsole.Write(table);
            if (pr.GetValue(output) is { } path)
            {
                var doc = new JsonObject
                {
                    ["space"] = searchSpace.Name, ["predictor"] = kind.Name, ["train_size"] = n, ["epochs"] = epochs,
                    ["seed"] = s, ["pool_size"] = pool.Count, ["load_seconds"] = loadSeconds, ["device"] = torchDevice.ToString(),
                    ["train_seconds"] = new JsonArray(trainSeconds.Select(t => (JsonNode?)t).ToArray()),
                    ["predict_seconds"] = new JsonArray(predictSeconds.Select(t => (JsonNode?)t).ToArray()),
                    ["code_version"] = CodeVersion.Current, ["machine"] = $"{Environment.ProcessorCount} cores, torch threads {TorchSharp.torch.get_num_threads()}",
                    ["written_utc"] = DateTime.UtcNow.ToString("O"),
                };
                AtomicFile.WriteText(path, doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            return 0;
        }));
        return command;
    }
}
