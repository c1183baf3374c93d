using System.CommandLine;
using NasSharp.Cli.Output;
using NasSharp.Data;
using NasSharp.Persistence;
using NasSharp.Predictors;
using NasSharp.Search.Experiments;
using NasSharp.Search.Strategies;
using NasSharp.SearchSpaces;
using NasSharp.Training;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp search</c>: query-budget search on a benchmark table or a user CSV (SEARCH.md §1), several strategies on
/// the same seeds, with the incumbent's report value at each budget.
/// </summary>
public static class SearchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var space = SharedOptions.Space();
        var target = SharedOptions.Target();
        target.Description = $"Benchmark target when no --table is given: search on its validation metric, report its test metric ({BenchmarkAccess.TargetsHelp()}).";
        var table = new Option<string?>("--table") { Description = "Search your own measurements instead: a CSV with an architecture column and metric columns." };
        var archColumn = new Option<string>("--arch-column")
        {
            Description = "--table's architecture column (architectures in the space's canonical string).",
            DefaultValueFactory = _ => "arch",
        };
        var metric = new Option<string?>("--metric") { Description = "--table's column to search on (e.g. a validation accuracy); required with --table." };
        var reportMetric = new Option<string?>("--report-metric")
        {
            Description = "--table's column reported for the best-by-search architecture (e.g. a test accuracy); never seen by the strategies.",
        };
        var lowerIsBetter = new Option<bool>("--lower-is-better") { Description = "--table's search metric is minimised (a loss, a latency)." };
        var costMetric = new Option<string?>("--cost-metric")
        {
            Description = "A metric summed as the simulated cost of the queries, e.g. train-time-cifar10-valid (benchmark) or a column of --table.",
        };
        var constraints = SharedOptions.Constraint();
        var strategies = new Option<string[]>("--strategy")
        {
            Description = "Comma-separated strategies, compared on the same seeds: " +
                          string.Join("; ", StrategyRegistry.All.Select(s => $"{s.Name} = {s.Description}")) + ".",
            CustomParser = r => SharedOptions.ParseChoices(r, StrategyRegistry.Names, "strategy"),
            DefaultValueFactory = _ => [RandomSearch.Id, RegularizedEvolution.Id, PredictorGuidedEvolution.Id],
        };
        var predictor = new Option<string>("--predictor")
        {
            Description = "Predictor of the predictor-guided strategies: " +
                          string.Join("; ", PredictorRegistry.All.Where(k => k.HasScoreHead && k.Name != PredictorRegistry.Ensemble)
                              .Select(k => $"{k.Name} = {k.Description}")) + ".",
            DefaultValueFactory = _ => new SearchPredictorConfig().Kind,
        };
        var featureOptions = new FeatureOptions();
        var metaModel = new Option<string?>("--meta-model") { Description = "Meta-trained model file of --predictor mp-nas (from 'nassharp meta-train')." };
        var budget = SharedOptions.Positive(new Option<int>("--budget") { Description = "Queries (distinct architectures measured) per run.", DefaultValueFactory = _ => 150 });
        var runs = SharedOptions.Positive(new Option<int>("--runs") { Description = "Runs per strategy, seeds --seed, --seed+1, ...", DefaultValueFactory = _ => 10 });
        var seed = SharedOptions.Seed();
        seed.Description = "Seed of the first run; run i of every strategy uses seed + i (sampling, mutations, predictor fits).";
        var output = new Option<string>("--out")
        {
            Description = "Folder for search.json (rewritten after every run; a rerun with the same settings resumes), search.csv, best.csv and search.png.",
            Required = true,
        };
        var epochs = SharedOptions.Positive(new Option<int>("--predictor-epochs")
        {
            Description = $"Epochs of each predictor fit from scratch ({SearchPredictorConfig.DefaultEpochs}, chosen on the search metric " +
                          $"where the paper schedule has {new TrainingConfig().Epochs}; docs/DECISIONS.md, \"Search speed\").",
            DefaultValueFactory = _ => SearchPredictorConfig.DefaultEpochs,
        });
        var warmStart = new Option<int?>("--warm-start")
        {
            Description = "Refit from the previous fit's weights for this many epochs instead of from scratch (default: from scratch).",
        };
        var refitEvery = SharedOptions.Positive(new Option<int>("--refit-every")
        {
            Description = "Predictor-guided strategies (npenas, bananas): queries between refits, each proposing the top this many.",
            DefaultValueFactory = _ => new PredictorGuidedConfig().RefitEvery,
        });
        var randomCandidates = new Option<int?>("--random-candidates")
        {
            Description = $"npenas, bananas: of the {new PredictorGuidedConfig().Candidates} candidates ranked per refit, how many are random " +
                          "architectures rather than mutations of the best. Default: half of them where the search moves between table cells " +
                          "(nb101, tb101, a --table or --constraint domain), whose nearest-cell mutations are few and close; none in a whole space.",
        };
        var neighbourhoodFirst = new Option<bool>("--best-neighbourhood-first")
        {
            Description = "npenas: measure the incumbent's one-edit neighbours before other candidates (best predicted first), so no " +
                          "neighbour of the best is left out, as in local search (default true; false ranks all candidates together, as NPENAS does).",
            DefaultValueFactory = _ => new StrategySettings().PredictorGuided.BestNeighbourhoodFirst,
        };
        var population = SharedOptions.Positive(new Option<int>("--population") { Description = "rea: population.", DefaultValueFactory = _ => new RegularizedEvolutionConfig().Population });
        var tournament = SharedOptions.Positive(new Option<int>("--tournament") { Description = "rea: tournament size.", DefaultValueFactory = _ => new RegularizedEvolutionConfig().SampleSize });
        var ensemble = SharedOptions.AtLeast(new Option<int>("--ensemble") { Description = "bananas: predictors in the ensemble.", DefaultValueFactory = _ => new BananasConfig().EnsembleSize }, 2);
        var acquisition = new Option<Acquisition>("--acquisition") { Description = "bananas: Thompson (sampling) or Ucb.", DefaultValueFactory = _ => new BananasConfig().Acquisition };
        var hyperNasTrain = SharedOptions.AtLeast(new Option<int>("--hypernas-train")
        {
            Description = "hypernas protocol: random architectures the predictor is trained on before evolution (156, App. C.1).",
            DefaultValueFactory = _ => new HyperNasProtocolConfig().Train,
        }, 2);
        var data = SharedOptions.Data();
        var noProgress = SharedOptions.NoProgress();
        var jobs = WorkerProcesses.JobsOption("search runs");
        var threads = MetaCommands.Threads();
        var device = DeviceOption.Create();
        var loss = new LossOptions();
        var withFeatures = new Option<bool>("--with-features")
        {
            Description = "Hybrid readout of np and hypernas-p: the architecture features of --features/--feature-file join the graph embedding before the final MLP.",
        };
        var command = new Command("search",
            "Search for the best architecture within a query budget: random, evolution, local search and predictor-guided strategies on a " +
            "benchmark or your own table, best-so-far test accuracy at 10/30/50/100/150 queries, share of runs reaching the optimum.")
        {
            space, target, table, archColumn, metric, reportMetric, lowerIsBetter, costMetric, constraints, strategies, predictor, metaModel, budget, runs, seed,
            output, epochs, warmStart, refitEvery, randomCandidates, neighbourhoodFirst, population, tournament, ensemble, acquisition, hyperNasTrain, data, noProgress, jobs, threads, device,
        };
        foreach (var option in featureOptions.All.Concat(loss.All).Append(withFeatures)) command.Options.Add(option);
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            string folder = pr.GetValue(output)!;
            OutputLocation.EnsureWritableFolder(folder, "--out");
            TorchThreads.Apply(pr.GetValue(threads));
            var torchDevice = TorchDevices.Parse(pr.GetValue(device)!);
            string? tableFile = pr.GetValue(table);
            var oracle = tableFile is null
                ? OracleSource.ForTarget(pr.GetValue(space)!, pr.GetValue(target)!, pr.GetValue(costMetric))
                : new OracleSource(pr.GetValue(space)!, null, Path.GetFullPath(tableFile), pr.GetValue(archColumn),
                    pr.GetValue(metric) ?? throw new ArgumentException("--table needs --metric, the column to search on."),
                    pr.GetValue(reportMetric), pr.GetValue(costMetric), pr.GetValue(lowerIsBetter));
            if (pr.GetValue(constraints) is { Length: > 0 } bounds) oracle = oracle with { Constraints = bounds };
            var defaults = new StrategySettings();
            var loop = defaults.Bananas.Loop with { RefitEvery = pr.GetValue(refitEvery), RandomCandidates = pr.GetValue(randomCandidates) };
            var npenas = loop with { BestNeighbourhoodFirst = pr.GetValue(neighbourhoodFirst) };
            var settings = defaults with
            {
                Evolution = new RegularizedEvolutionConfig(pr.GetValue(population), pr.GetValue(tournament)),
                PredictorGuided = npenas,
                Bananas = defaults.Bananas with { Loop = loop, EnsembleSize = pr.GetValue(ensemble), Acquisition = pr.GetValue(acquisition) },
                HyperNas = defaults.HyperNas with { Train = pr.GetValue(hyperNasTrain) },
            };
            string? model = pr.GetValue(metaModel);
            var chosen = PredictorRegistry.Get(pr.GetValue(predictor)!);
            var network = new NetworkPredictorConfig
            {
                Training = new TrainingConfig(Epochs: pr.GetValue(epochs)) { Loss = loss.Config(pr) },
                WarmStartEpochs = pr.GetValue(warmStart),
                ReadoutFeatures = ModelOptions.ReadoutFeatures(pr, featureOptions, withFeatures, chosen),
            };
            var features = chosen.UsesFeatures ? featureOptions.Config(pr) : null;
            var (kind, prepared) = ModelOptions.Resolve(chosen,
                new PredictorContext(SearchSpaceCatalog.Get(pr.GetValue(space)!)) { Network = network, Features = features ?? new() },
                pr.InvocationConfiguration.Error);
            var config = new SearchConfig(oracle, pr.GetValue(strategies)!,
                new SearchPredictorConfig(kind.Name)
                {
                    Network = prepared.Network, MetaModel = model is null ? null : Path.GetFullPath(model),
                    Features = features,
                    FeatureModel = kind.IsFeatureModel ? featureOptions.ModelConfig(pr) : null,
                },
                pr.GetValue(budget), pr.GetValue(runs), pr.GetValue(seed), settings);
            var experiment = SearchExperiment.Open(folder, config, () => DataRoot.Resolve(pr.GetValue(data)), torchDevice);
            var error = pr.InvocationConfiguration.Error;
            int all = experiment.AllRuns().Count(), pending = experiment.PendingKeys().Count;
            if (config.Oracle.Constraints is { Count: > 0 } chosenBounds)
                AnsiConsole.MarkupLineInterpolated($"Constraints {string.Join(" and ", chosenBounds)}: {experiment.Table.Count:N0} architectures are feasible.");
            if (pending < all)
                AnsiConsole.MarkupLineInterpolated($"Resuming: {all - pending} run(s) already in {experiment.Ledger.Path}.");
            ClaimedRuns.Run(experiment, SearchExperiment.OpenLedger(folder, config), pr.GetValue(jobs),
                $"search {config.Oracle.Space} ({string.Join(", ", config.Strategies)})", pr.GetValue(noProgress), error);

            var summary = experiment.Summary();
            var report = new SearchReport(experiment.Ledger, config, summary, experiment.Table.SearchMetric.Name, experiment.Table.ReportMetric?.Name);
            report.WriteFiles();
            AnsiConsole.Write(report.SummaryTable());
            if (report.BestFound(report.Runs()) is [var (run, best), ..])
                AnsiConsole.MarkupLineInterpolated(
                    $"Best architecture found: [bold]{best.Arch}[/] ({experiment.Table.SearchMetric.Name} {best.SearchValue:F2}{(best.ReportValue is { } r ? $", {experiment.Table.ReportMetric!.Name} {r:F2}" : "")}; {run.Strategy}, seed {run.Seed}, query {best.Query}).");
            if (experiment.Ledger.ForeignClaims() is { Count: > 0 } held)
                AnsiConsole.MarkupLineInterpolated(
                    $"[yellow]{held.Count} run(s) are still being computed by {string.Join("; ", held.Select(c => c.Holder).Distinct())}[/]; they join search.json when done (rerun to see them).");
            AnsiConsole.MarkupLineInterpolated($"Wrote [green]{experiment.Ledger.Path}[/], search.csv, best.csv and search.png.");
            return 0;
        }));
        return command;
    }
}
