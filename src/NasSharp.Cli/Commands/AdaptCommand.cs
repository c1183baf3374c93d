using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NasSharp.Cli.Output;
using NasSharp.Data;
using NasSharp.Evaluation.FewShot;
using NasSharp.Persistence;
using NasSharp.Meta;
using NasSharp.Predictors;
using NasSharp.SearchSpaces;
using NasSharp.Tasks;
using NasSharp.Training;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp adapt</c>: fit a predictor of the contract to a user's K measured architectures and score every
/// architecture of the space with it: by default the measured best for the task (<see cref="FewShotFitter"/>: the
/// cost-feature ridge with the device prior for a cost, MP-NAS or the graph-feature ridge for an accuracy), or any
/// registry kind; MP-NAS fine-tunes a meta-trained model (mp-nas §3.2 "Meta-testing with fine-tuning").
/// </summary>
public static class AdaptCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var space = SharedOptions.Space();
        space.Description += " The space of the support architectures and of the architectures scored.";
        var predictor = new Option<string>("--predictor")
        {
            Description = $"Predictor kind to fit: '{FewShotFitter.Default}' (the measured best for the task, see --task-kind: on a cost-like task " +
                          $"feature-ridge on operation counts, FLOPs, parameters and, on nb201, the latencies of the {DeviceCatalog.PriorFor(null).Count} device settings of hwnas/; " +
                          "on an accuracy-like task mp-nas when --model is given, else feature-ridge on graph features; docs/RESULTS.md, " +
                          "\"Issue 15: few-shot\") or one of: " + string.Join(", ", PredictorRegistry.All.Where(k => k.HasScoreHead).Select(k => k.Name)) + ".",
            DefaultValueFactory = _ => FewShotFitter.Default,
        };
        predictor.AcceptOnlyFromAmong([FewShotFitter.Default, .. PredictorRegistry.All.Where(k => k.HasScoreHead).Select(k => k.Name)]);
        var taskKind = new Option<FewShotTaskKind>("--task-kind")
        {
            Description = "What the support values measure, for --predictor default: Auto decides from the support set (a higher-is-better " +
                          "metric is accuracy-like; a lower-is-better one is cost-like when the better values go with fewer FLOPs, nb201 only), " +
                          "Accuracy or Cost say it.",
            DefaultValueFactory = _ => FewShotTaskKind.Auto,
        };
        var model = new Option<string?>("--model", "--meta-model")
        {
            Description = "Meta-trained model written by 'nassharp meta-train': required by --predictor mp-nas, used by the accuracy default.",
        };
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
            "Fit a predictor (by default the measured best for the task: cost or accuracy) to K measured architectures and score every architecture of the space.")
        {
            space, predictor, taskKind, model, support, lowerIsBetter, withOpCounts, output, seed, threads, device, data, noProgress,
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
            var root = new Lazy<DataRoot>(() => DataRoot.Resolve(pr.GetValue(data)));
            // --with-op-counts is an option of MP-NAS's adaptation, so it asks for that kind.
            string asked = averaged && pr.GetValue(predictor) == FewShotFitter.Default ? PredictorRegistry.MpNas : pr.GetValue(predictor)!;
            var request = new FewShotRequest(searchSpace, archs, values, asked, pr.GetValue(seed))
            {
                TaskKind = pr.GetValue(taskKind),
                MetaModelPath = pr.GetValue(model),
                MetaTest = fineTuning.Config(pr),
                Costs = searchSpace.Name == "nb201" ? new CostTables(root.Value) : null,
            };
            var (kind, decidedKind, flopsRho) = FewShotFitter.Choose(request);
            if (averaged && kind != PredictorRegistry.MpNas)
                throw new ArgumentException($"--with-op-counts averages MP-NAS's scores; the predictor is '{kind}' (use --predictor mp-nas --model FILE).");
            if (kind == PredictorRegistry.MpNas && request.MetaModelPath is null)
                throw new ArgumentException("--predictor mp-nas adapts a meta-trained model: give --model FILE.");
            string choice = pr.GetValue(predictor) == FewShotFitter.Default
                ? $"--predictor default chose {kind} for a {decidedKind.ToString().ToLowerInvariant()}-like task" +
                  (double.IsNaN(flopsRho) ? " (--task-kind)" : FormattableString.Invariant($" (support Spearman with -FLOPs {flopsRho:F2})"))
                : $"predictor {kind}";
            var pool = BenchmarkAccess.LoadPool(() => root.Value, searchSpace);
            var clock = Stopwatch.StartNew();
            double[] scores;
            string fitted;
            if (kind == PredictorRegistry.MpNas)
            {
                if (averaged && (values.Count < 2 || values.All(v => v == values[0])))
                    throw new ArgumentException($"--with-op-counts needs at least 2 support architectures with different values; '{pr.GetValue(support)}' has {values.Count}.");
                using var adapted = AdaptedPredictor.Load(request.MetaModelPath!, searchSpace, archs, values, request.MetaTest, request.Seed, averaged, torchDevice);
                fitted = $"{Describe(adapted.FineTuned, values)} ({clock.Elapsed.TotalSeconds:F1} s)" +
                         (averaged ? "; scores are the mean of these and of a ridge regression on the operation counts (--with-op-counts)" : "");
                clock.Restart();
                scores = ProgressReporter.Run($"score {pool.Count:N0} {searchSpace.Name} architectures",
                    (pool.Count + AdaptedPredictor.ChunkSize - 1) / AdaptedPredictor.ChunkSize, pr.GetValue(noProgress), pr.InvocationConfiguration.Error,
                    report => adapted.Score(pool, report));
            }
            else
            {
                using var fit = FewShotFitter.Fit(request);
                fitted = $"fitted {fit.Kind}" + (fit.Predictor is FeatureRidgePredictor ridge
                    ? string.Create(CultureInfo.InvariantCulture, $" on {Read(ridge)}, λ = {ridge.Penalty} by leave-one-out")
                    : "") + $" ({clock.Elapsed.TotalSeconds:F1} s)";
                clock.Restart();
                scores = fit.Predictor.Predict(pool);
            }
            double scoreSeconds = clock.Elapsed.TotalSeconds;
            PredictCommand.WriteScores(path, pool, scores);

            AnsiConsole.MarkupLineInterpolated($"K = {archs.Count} support architectures, {choice}: {fitted}.");
            AnsiConsole.Write(TopTable(searchSpace, pool, scores, archs, values, lower));
            AnsiConsole.MarkupLineInterpolated(
                $"Scored {pool.Count:N0} {searchSpace.Name} architectures in {scoreSeconds:F1} s → [green]{path}[/] (arch,score; higher = better).");
            return 0;
        }));
        return command;
    }

    /// <summary>The features a ridge read: all of them, or the screened ones by name.</summary>
    private static string Read(FeatureRidgePredictor ridge) =>
        ridge.ReadFeatures.Count == ridge.FeatureNames.Count
            ? $"{ridge.FeatureNames.Count} features"
            : $"{ridge.ReadFeatures.Count} of {ridge.FeatureNames.Count} features, the most correlated with the support ({string.Join(", ", ridge.ReadFeatures)})";

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
