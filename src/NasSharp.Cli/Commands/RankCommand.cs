using System.CommandLine;
using System.Globalization;
using NasSharp.Cli.Output;
using NasSharp.Data;
using NasSharp.Evaluation;
using NasSharp.SearchSpaces;
using NasSharp.Persistence;
using NasSharp.Predictors;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary><c>nassharp rank</c>: the ranking protocol over training sizes and seeds (SPEC §4).</summary>
public static class RankCommand
{
    /// <summary>Largest <c>--seeds</c>: far beyond any study, small enough that a typo cannot fill the disk.</summary>
    public const int MaxSeeds = 1000;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var space = SharedOptions.Space();
        var target = SharedOptions.Target();
        var modelOptions = new ModelOptions();
        var sizes = new Option<int[]>("--train")
        {
            Description = "Comma-separated training sizes. Default: the paper's splits (nb201 39,78,156,469; nb101 50,100,172,424).",
            CustomParser = SharedOptions.ParseSizes,
        };
        var seeds = SharedOptions.Positive(new Option<int>("--seeds")
        {
            Description = $"Number of seeds per size: --seed, --seed+1, ... (at most {MaxSeeds}).",
            DefaultValueFactory = _ => 5,
        });
        seeds.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, out int v) && v > MaxSeeds)
                r.AddError($"--seeds must be at most {MaxSeeds}, got {v}.");
        });
        var ensemble = SharedOptions.Positive(new Option<int>("--ensemble")
        {
            Description = "Rank an ensemble of this many predictors of --predictor instead of one: member i is fitted with the run's " +
                          "seed + i, and the ranking is the mean of the members' predictions (1 = a single predictor).",
            DefaultValueFactory = _ => 1,
        });
        var seed = SharedOptions.Seed();
        seed.Description = "First seed; run i uses seed + i for sampling, initialisation, dropout and shuffling.";
        var output = new Option<string>("--out")
        {
            Description = "Folder for rank.json, rank.csv and rank.png. rank.json is rewritten after every run, and a " +
                          "rerun with the same configuration resumes from it.",
            Required = true,
        };
        var data = SharedOptions.Data();
        var noProgress = SharedOptions.NoProgress();
        var jobs = WorkerProcesses.JobsOption("(size, seed) runs");
        var threads = MetaCommands.Threads();
        var device = DeviceOption.Create();
        var command = new Command("rank",
            "Ranking protocol: per size and seed train on validation accuracy of n random cells, report Kendall τ " +
            "against test accuracy on all cells and on unseen cells, Spearman and precision@5%.")
        {
            space, target, sizes, seeds, ensemble, seed, output, data, noProgress, jobs, threads, device,
        };
        foreach (var option in modelOptions.All) command.Options.Add(option);
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            string folder = pr.GetValue(output)!;
            OutputLocation.EnsureWritableFolder(folder, "--out");
            int firstSeed = pr.GetValue(seed), seedCount = pr.GetValue(seeds);
            if ((long)firstSeed + seedCount - 1 > int.MaxValue)
                throw new ArgumentException($"--seed {firstSeed} with --seeds {seedCount} runs past the largest seed, {int.MaxValue}.");
            NasSharp.Training.TorchThreads.Apply(pr.GetValue(threads));
            var torchDevice = NasSharp.Training.TorchDevices.Parse(pr.GetValue(device)!);
            var root = DataRoot.Resolve(pr.GetValue(data));
            var searchSpace = SearchSpaceCatalog.Get(pr.GetValue(space)!);
            var task = BenchmarkAccess.LoadRankingTask(root, searchSpace, pr.GetValue(target)!);
            int[] trainSizes = BenchmarkAccess.TrainSizesOrPaper(pr.GetValue(sizes), searchSpace);
            var context = modelOptions.Context(pr, task, root, torchDevice);
            (var kind, context) = ModelOptions.Resolve(modelOptions.Kind(pr), context, pr.InvocationConfiguration.Error);
            RankingProtocol.RequireScoreHead(kind);
            var members = pr.GetValue(ensemble) > 1 ? new EnsembleConfig(kind.Name, pr.GetValue(ensemble)) : null;
            var template = kind.ModelFile is null ? null : context.Network.Metadata(kind, searchSpace, task.Target, task.TrainMetric, seed: 0);
            var config = new RankConfig(kind.Name, searchSpace.Name, task.Target, task.TrainMetric, task.EvalMetric,
                trainSizes, Enumerable.Range(firstSeed, seedCount).ToArray(), template?.Training ?? context.Network.Training, root.Path)
            {
                Global = template?.Global,
                HyperNas = template?.HyperNas,
                ReadoutFeatures = template?.ReadoutFeatures,
                Features = kind.UsesFeatures ? context.Features : null,
                FeatureModel = kind.IsFeatureModel ? context.FeatureModel : null,
                Ensemble = members,
            };
            if (members is not null) (kind, context) = (PredictorRegistry.Get(PredictorRegistry.Ensemble), context with { Ensemble = members });
            var error = pr.InvocationConfiguration.Error;
            if (trainSizes.Max() > task.Count - RankingExperiment.AdvisedUnseen)
                error.WriteLine($"warning: --train {trainSizes.Max()} leaves only {task.Count - trainSizes.Max()} unseen cells; " +
                                "the unseen-cell τ over so few is too noisy to compare predictors.");
            var experiment = new RankingExperiment(folder, config, task, kind, context);
            int pending = experiment.PendingKeys().Count;
            if (pending < config.Runs().Count())
                AnsiConsole.MarkupLineInterpolated($"Resuming: {config.Runs().Count() - pending} run(s) already in {experiment.Ledger.Path}.");
            ClaimedRuns.Run(experiment, RankingExperiment.OpenLedger(folder, config), pr.GetValue(jobs),
                $"rank {config.PredictorLabel} on {searchSpace.Name}/{task.Target}", pr.GetValue(noProgress), error);

            var report = new RankReport(experiment.Ledger, config);
            report.WriteCsvAndPlot();
            AnsiConsole.Write(report.SummaryTable());
            if (experiment.Ledger.ForeignClaims() is { Count: > 0 } held)
                AnsiConsole.MarkupLineInterpolated(
                    $"[yellow]{held.Count} run(s) are still being computed by {string.Join("; ", held.Select(c => c.Holder).Distinct())}[/]; they join rank.json when done (rerun to see them).");
            AnsiConsole.MarkupLineInterpolated($"Wrote [green]{experiment.Ledger.Path}[/], rank.csv and rank.png.");
            return 0;
        }));
        return command;
    }
}
