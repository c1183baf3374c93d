using System.CommandLine;
using System.Globalization;
using System.Text;
using NasSharp.Data;
using NasSharp.Persistence;
using NasSharp.Predictors;
using NasSharp.SearchSpaces;
using NasSharp.Training;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary><c>nassharp predict</c>: score every architecture of a space with a saved model.</summary>
public static class PredictCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var space = SharedOptions.Space(required: false);
        space.Description += " Default: the model's space (must match it when given).";
        var model = new Option<string>("--model") { Description = "Model written by 'nassharp train'.", Required = true };
        var output = new Option<string>("--out") { Description = "CSV to write: arch,score, one row per architecture in the space's order (score = the model's estimate of the metric it was trained on, higher = better), written atomically.", Required = true };
        var data = SharedOptions.Data();
        var seed = SharedOptions.Seed();
        var threads = MetaCommands.Threads();
        var device = DeviceOption.Create();
        seed.Description = "Unused by scoring (inference is deterministic); accepted so every command takes --seed.";
        var command = new Command("predict", "Score every architecture of the space (NB201: 15,625 cells; NB101: the 423,624-cell pool).")
        {
            space, model, output, data, seed, threads, device,
        };
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            string path = pr.GetValue(output)!;
            OutputLocation.EnsureWritableFile(path, "--out");
            OutputLocation.EnsureNotAnInput(path, "--out", (pr.GetValue(model), "--model"));
            TorchThreads.Apply(pr.GetValue(threads));
            var torchDevice = TorchDevices.Parse(pr.GetValue(device)!);
            using var predictor = PredictorFiles.Load(pr.GetValue(model)!, pr.GetValue(space) is { } name ? SearchSpaceCatalog.Get(name) : null, torchDevice);
            var searchSpace = predictor.Space;
            var archs = BenchmarkAccess.LoadPool(() => DataRoot.Resolve(pr.GetValue(data)), searchSpace);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            double[] scores = predictor.Predict(archs);
            double seconds = clock.Elapsed.TotalSeconds;
            WriteScores(path, archs, scores);
            int best = Array.IndexOf(scores, scores.Max());
            AnsiConsole.MarkupLineInterpolated(
                $"Scored {archs.Count:N0} {searchSpace.Name} architectures in {seconds:F2} s → [green]{path}[/]. Top: {archs[best]} ({scores[best]:F3}).");
            AnsiConsole.MarkupLineInterpolated(
                $"Each score is the model's estimate of {predictor.TrainMetric} (higher = better); rows are in the space's order, not sorted.");
            return 0;
        }));
        return command;
    }

    /// <summary>Writes <c>arch,score</c> rows atomically.</summary>
    /// <exception cref="TrainingDivergedException">A score is not a finite number (the model diverged); nothing is written.</exception>
    public static void WriteScores(string path, IReadOnlyList<string> archs, IReadOnlyList<double> scores)
    {
        if (scores.Select((s, i) => (s, i)).FirstOrDefault(p => !double.IsFinite(p.s)) is var (bad, at) && !double.IsFinite(bad))
            throw new TrainingDivergedException($"The model scored {archs[at]} as {bad.ToString(CultureInfo.InvariantCulture)}: it diverged " +
                                                $"and its scores are meaningless, so '{path}' was not written. Retrain it with a lower --lr.");
        var sb = new StringBuilder("arch,score\n");
        for (int i = 0; i < archs.Count; i++)
            sb.Append(archs[i]).Append(',').Append(scores[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        AtomicFile.WriteText(path, sb.ToString());
    }
}
