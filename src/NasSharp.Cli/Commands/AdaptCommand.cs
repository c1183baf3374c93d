using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NasSharp.Cli.Output;
using NasSharp.Data;
using NasSharp.Persistence;
using NasSharp.Meta;
using NasSharp.SearchSpaces;
using NasSharp.Tasks;
using NasSharp.Training;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp adapt</c>: fine-tune a meta-trained MP-NAS predictor on a user's K measured architectures
/// (mp-nas §3.2 "Meta-testing with fine-tuning") and score every architecture of the space with it.
/// </summary>
public static class AdaptCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var space = SharedOptions.Space();
        space.Description += " The space of the support architectures and of the architectures scored.";
        var model = new Option<string>("--model") { Description = "Meta-trained model written by 'nassharp meta-train'.", Required = true };
        var support = new Option<string>("--support")
        {
            Description = $"CSV of your measured architectures: header '{SupportSetCsv.Header}', then one row per architecture in the " +
                          "space's canonical string with its measured value (a number, '.' as the decimal point). A header-only " +
                          "file (K = 0) scores zero-shot.",
            Required = true,
        };
        var lowerIsBetter = new Option<bool>("--lower-is-better")
        {
            Description = "The support values are lower-is-better (latency, error, loss); they are negated so that higher scores are better.",
        };
        var output = new Option<string>("--out")
        {
            Description = "CSV to write: arch,score for every architecture of the space (higher = better, in z-scored units of the " +
                          "support values), written atomically.",
            Required = true,
        };
        var withOpCounts = new Option<bool>("--with-op-counts")
        {
            Description = "Average the fine-tuned scores with a ridge regression of the support values on each architecture's operation " +
                          "counts (transfer's mp-nas+op-count; needs 2 or more different support values). On validation device latencies " +
                          "it ranked far better than MP-NAS alone (docs/RESULTS.md).",
        };
        var seed = SharedOptions.Seed();
        seed.Description = "Seed of fine-tuning dropout and of the cross-validation folds that choose the step count.";
        var threads = MetaCommands.Threads();
        var device = DeviceOption.Create();
        var fineTuning = FineTuningOptions.MpNas();
        var data = SharedOptions.Data();
        var noProgress = SharedOptions.NoProgress();
        var command = new Command("adapt",
            "Adapt a meta-trained predictor to your task from K measured architectures and score every architecture of the space.")
        {
            space, model, support, lowerIsBetter, withOpCounts, output, seed, threads, device, data, noProgress,
        };
        foreach (var option in fineTuning.All) command.Options.Add(option);
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            NasSharp.Training.TorchThreads.Apply(pr.GetValue(threads));
            var torchDevice = TorchDevices.Parse(pr.GetValue(device)!);
            string path = pr.GetValue(output)!;
            OutputLocation.EnsureWritableFile(path, "--out");
            OutputLocation.EnsureNotAnInput(path, "--out", (pr.GetValue(model), "--model"), (pr.GetValue(support), "--support"));
            var searchSpace = SearchSpaceCatalog.Get(pr.GetValue(space)!);
            bool lower = pr.GetValue(lowerIsBetter), averaged = pr.GetValue(withOpCounts);
            var (archs, values) = SupportSetCsv.Read(pr.GetValue(support)!, searchSpace, lower);
            if (averaged && (values.Count < 2 || values.All(v => v == values[0])))
                throw new ArgumentException($"--with-op-counts needs at least 2 support architectures with different values; '{pr.GetValue(support)}' has {values.Count}.");
            var clock = Stopwatch.StartNew();
            using var adapted = AdaptedPredictor.Load(pr.GetValue(model)!, searchSpace, archs, values, fineTuning.Config(pr), pr.GetValue(seed),
                averaged, torchDevice);
            double adaptSeconds = clock.Elapsed.TotalSeconds;

            var pool = BenchmarkAccess.LoadPool(() => DataRoot.Resolve(pr.GetValue(data)), searchSpace);
            clock.Restart();
            double[] scores = ProgressReporter.Run($"score {pool.Count:N0} {searchSpace.Name} architectures",
                (pool.Count + AdaptedPredictor.ChunkSize - 1) / AdaptedPredictor.ChunkSize, pr.GetValue(noProgress), pr.InvocationConfiguration.Error,
                report => adapted.Score(pool, report));
            double scoreSeconds = clock.Elapsed.TotalSeconds;
            PredictCommand.WriteScores(path, pool, scores);

            AnsiConsole.MarkupLineInterpolated($"K = {archs.Count} support architectures: {Describe(adapted.FineTuned, values)} ({adaptSeconds:F1} s).");
            if (averaged) AnsiConsole.MarkupLine("Scores are the mean of these and of a ridge regression on the operation counts (--with-op-counts).");
            AnsiConsole.Write(TopTable(searchSpace, pool, scores, archs, values, lower));
            AnsiConsole.MarkupLineInterpolated(
                $"Scored {pool.Count:N0} {searchSpace.Name} architectures in {scoreSeconds:F1} s → [green]{path}[/] (arch,score; higher = better).");
            return 0;
        }));
        return command;
    }

    /// <summary>What fine-tuning did, in the terms of <see cref="MetaTester"/>'s edge cases.</summary>
    private static string Describe(MetaPredictor predictor, IReadOnlyList<double> values)
    {
        if (values.Count == 0) return "zero-shot (header-only support file): the meta-trained weights score the space unchanged";
        if (predictor.Steps == 0)
            return "zero-shot: " + (values.Count == 1 ? "one architecture carries" : "support values that are all equal carry") +
                   " no order, so the meta-trained weights score the space unchanged";
        if (predictor.CrossValidatedSpearman.Count == 0)
            return $"fine-tuned {predictor.Steps} steps (K = 2 is too few to cross-validate: the smallest candidate count)";
        var cv = predictor.CrossValidatedSpearman;
        string candidates = string.Join(", ", cv.OrderBy(p => p.Key).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}: {p.Value:F3}")));
        string start = predictor.Start == FineTuningStart.RandomInit ? "from a random initialisation (see --finetune-start), " : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"fine-tuned {start}{predictor.Steps} steps, chosen by cross-validated Spearman {cv[predictor.Steps]:F3} on the support set (steps: Spearman {candidates})");
    }

    /// <summary>The five best-scored architectures, with the value measured for any that is in the support set.</summary>
    private static Table TopTable(ISearchSpace space, IReadOnlyList<string> pool, double[] scores, IReadOnlyList<string> archs,
        IReadOnlyList<double> values, bool lowerIsBetter)
    {
        var measured = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < archs.Count; i++) measured[archs[i]] = lowerIsBetter ? -values[i] : values[i];
        var table = new Table().Border(TableBorder.Rounded).AddColumns("#", "architecture", "score", "measured");
        int rank = 0;
        foreach (int i in Enumerable.Range(0, pool.Count).OrderByDescending(i => scores[i]).Take(5))
        {
            // Support strings are canonical; pool strings are looked up in the same form.
            string value = measured.TryGetValue(space.Canonicalize(pool[i]), out double v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "";
            table.AddRow($"{++rank}", Markup.Escape(pool[i]), scores[i].ToString("F3", CultureInfo.InvariantCulture), value);
        }
        return table;
    }
}
