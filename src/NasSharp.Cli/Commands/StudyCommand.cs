using System.CommandLine;
using System.Globalization;
using NasSharp.Cli.Output;
using NasSharp.Persistence;
using NasSharp.Data;
using NasSharp.Search;
using NasSharp.Search.Experiments;
using NasSharp.Search.Strategies;
using NasSharp.Studies;
using NasSharp.Studies.Storage;
using NasSharp.Training;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp study create|status|best|export</c>: a search whose trials live in a persistent store and are answered by
/// workers (<see cref="WorkerCommand"/>).
/// </summary>
public static class StudyCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create()
    {
        // One --seed for the subcommands: create's strategy seed; status, best and export have no randomness and ignore it.
        var seed = SharedOptions.Seed();
        seed.Description = "study create: seed of the strategy (sampling, mutations, predictor fits), so the same seed proposes the same trials; " +
                           "status, best and export accept and ignore it.";
        seed.Recursive = true;
        return new Command("study", "A search over a persistent trial store (SQLite or PostgreSQL) that workers on any machines answer: create, status, best, export.")
        {
            seed, CreateCommand(seed), StatusCommand(), BestCommand(), ExportCommand(), CorrelateCommand(),
        };
    }

    private static Command CreateCommand(Option<int> seed)
    {
        var storage = StudyOptions.Storage();
        var name = StudyOptions.Name("--name");
        var space = SharedOptions.Space();
        var strategy = new Option<string>("--strategy")
        {
            Description = "Strategy: " + string.Join("; ", StrategyRegistry.All.Select(s => $"{s.Name} = {s.Description}")) + ".",
            DefaultValueFactory = _ => PredictorGuidedEvolution.Id,
        };
        strategy.AcceptOnlyFromAmong([.. StrategyRegistry.Names]);
        var predictor = new Option<string>("--predictor")
        {
            Description = "Predictor of a predictor-guided strategy (npenas, bananas, ...), as nassharp search takes it (the same default).",
            DefaultValueFactory = _ => new SearchPredictorConfig().Kind,
        };
        var budget = SharedOptions.Positive(new Option<int>("--budget") { Description = "Trials to run: trials in any state never exceed it (one that failed for good used its share).", DefaultValueFactory = _ => 100 });
        var minimize = new Option<bool>("--minimize") { Description = "Minimise the first objective (a loss, a latency); maximised by default." };
        var objectives = new Option<string>("--objectives")
        {
            Description = "Comma-separated result fields recorded as the trial's values; the strategy optimises the first.",
            DefaultValueFactory = _ => StudyDefinition.DefaultObjective,
        };
        var domain = new Option<string?>("--domain")
        {
            Description = "Restrict the architectures to those the space's benchmark measures for this target (e.g. cifar10), the " +
                          "domain 'nassharp search --target' searches; default: every architecture of the space.",
        };
        var constraints = SharedOptions.Constraint();
        var data = SharedOptions.Data();
        var command = new Command("create", "Create a study: what it searches, with which strategy, budget, seed and constraints.")
        {
            storage, name, space, strategy, predictor, budget, minimize, objectives, domain, constraints, data,
        };
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            string chosen = pr.GetValue(strategy)!;
            var definition = new StudyDefinition(pr.GetValue(name)!, pr.GetValue(space)!, chosen,
                StrategyRegistry.Get(chosen).UsesPredictor ? pr.GetValue(predictor) : null, pr.GetValue(budget), pr.GetValue(seed), pr.GetValue(minimize),
                pr.GetValue(domain), [.. pr.GetValue(objectives)!.Split(',', StringSplitOptions.TrimEntries)],
                pr.GetValue(constraints) is { Length: > 0 } bounds ? bounds : null);
            using var store = StudyStores.Open(pr.GetValue(storage)!, create: true);
            using var study = Study.Create(store, definition, () => DataRoot.Resolve(pr.GetValue(data)), TorchDevices.Parse(TorchDevices.Default));
            string guided = definition.Predictor is null ? "" : $" ({definition.Predictor})";
            AnsiConsole.MarkupLineInterpolated(
                $"Created study [bold]{definition.Name}[/] in {store.Location}: {definition.Space}, {definition.Strategy}{guided}, budget {definition.Budget}, seed {definition.Seed}.");
            if (definition.Constraints is { Count: > 0 } chosenBounds)
                AnsiConsole.MarkupLineInterpolated($"Constraints {string.Join(" and ", chosenBounds)}: {study.Domain.Size:N0} architectures are feasible.");
            return 0;
        }));
        return command;
    }

    private static Command StatusCommand()
    {
        var storage = StudyOptions.Storage();
        var name = StudyOptions.Name();
        var command = new Command("status", "Trials per state, the best so far and each worker's trials.") { storage, name };
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            var status = StudyOptions.Status(pr.GetValue(storage)!, pr.GetValue(name)!);
            var d = status.Definition;
            AnsiConsole.MarkupLineInterpolated($"Study [bold]{d.Name}[/]: {d.Space}, {d.Strategy}{(d.Predictor is null ? "" : $" ({d.Predictor})")}, budget {d.Budget}, seed {d.Seed}.");
            var states = new Table().AddColumns("waiting", "running", "complete", "failed");
            states.AddRow([.. Enum.GetValues<TrialState>().Select(s => status.Count(s).ToString(CultureInfo.InvariantCulture))]);
            AnsiConsole.Write(states);
            if (status.Best is { } best)
                AnsiConsole.MarkupLineInterpolated($"Best so far: trial {best.Number} [bold]{best.Arch}[/] ({Values(d, best)}).");
            var workers = new Table().AddColumns("worker", "complete", "running", "failed");
            foreach (var w in status.Workers)
                workers.AddRow(w.Worker, w.Complete.ToString(CultureInfo.InvariantCulture), w.Running.ToString(CultureInfo.InvariantCulture), w.Failed.ToString(CultureInfo.InvariantCulture));
            if (status.Workers.Count > 0) AnsiConsole.Write(workers);
            return 0;
        }));
        return command;
    }

    private static Command BestCommand()
    {
        var storage = StudyOptions.Storage();
        var name = StudyOptions.Name();
        var command = new Command("best", "Print the best complete trial's architecture (alone on a line, for scripts) and its values.") { storage, name };
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            var status = StudyOptions.Status(pr.GetValue(storage)!, pr.GetValue(name)!);
            if (status.Best is not { } best) throw new ArgumentException($"Study '{status.Definition.Name}' has no complete trial yet.");
            pr.InvocationConfiguration.Output.WriteLine(best.Arch);
            pr.InvocationConfiguration.Output.WriteLine($"trial {best.Number}: {Values(status.Definition, best)}");
            return 0;
        }));
        return command;
    }

    private static Command ExportCommand()
    {
        var storage = StudyOptions.Storage();
        var name = StudyOptions.Name();
        var output = new Option<string>("--out") { Description = "Folder for trials.csv, trials.json and best.png (the best-so-far curve, as search draws it).", Required = true };
        var command = new Command("export", "Write every trial as CSV and JSON, and the best-so-far curve as a PNG.") { storage, name, output };
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            string folder = pr.GetValue(output)!;
            OutputLocation.EnsureWritableFolder(folder, "--out");
            var status = StudyOptions.Status(pr.GetValue(storage)!, pr.GetValue(name)!);
            status.WriteCsv(Path.Combine(folder, "trials.csv"));
            status.WriteJson(Path.Combine(folder, "trials.json"));
            SavePlot(Path.Combine(folder, "best.png"), status);
            AnsiConsole.MarkupLineInterpolated($"Wrote [green]{Path.Combine(folder, "trials.csv")}[/], trials.json and best.png ({status.Trials.Count} trials).");
            return 0;
        }));
        return command;
    }

    private static Command CorrelateCommand()
    {
        var storage = StudyOptions.Storage();
        var name = StudyOptions.Name();
        var target = SharedOptions.Target();
        target.Description = $"Benchmark target whose validation and test metrics the trials' first objective is ranked against ({BenchmarkAccess.TargetsHelp()}).";
        var output = new Option<string?>("--out") { Description = "Also write the numbers as JSON to this file (atomically)." };
        var data = SharedOptions.Data();
        var command = new Command("correlate",
            "Spearman and Kendall between the complete trials' first objective and the space's benchmark (e.g. a trainer's fidelity to NB201), " +
            "and the trials' mean and median seconds.") { storage, name, target, output, data };
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            var status = StudyOptions.Status(pr.GetValue(storage)!, pr.GetValue(name)!);
            var result = StudyTableCorrelation.Compute(status, DataRoot.Resolve(pr.GetValue(data)), pr.GetValue(target)!);
            var table = new Table().AddColumns("objective", "benchmark metric", "cells", "Spearman", "Kendall");
            foreach (var c in result.Correlations)
                table.AddRow(c.Proxy, c.Metric, c.Cells.ToString(CultureInfo.InvariantCulture), c.Spearman.ToString("F3", CultureInfo.InvariantCulture),
                    c.Kendall.ToString("F3", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            if (result.MeanSeconds is { } mean)
                AnsiConsole.MarkupLineInterpolated(
                    $"{result.Trials} complete trials; seconds per trial: mean {mean.ToString("F1", CultureInfo.InvariantCulture)}, median {result.MedianSeconds!.Value.ToString("F1", CultureInfo.InvariantCulture)}.");
            if (pr.GetValue(output) is { } path)
                AtomicFile.WriteText(path, System.Text.Json.JsonSerializer.Serialize(result, new System.Text.Json.JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }) + "\n");
            return 0;
        }));
        return command;
    }

    // The study's completions drawn as one search run, with the best found as the dashed line (a study knows no optimum).
    private static void SavePlot(string path, StudyStatus status)
    {
        var d = status.Definition;
        var trajectory = status.Trajectory();
        if (trajectory.Count == 0 || status.Best is not { } best) return;
        var run = new SearchRun(d.Strategy, d.Predictor, d.Seed, trajectory);
        string objective = d.ObjectiveNames[0];
        var config = new SearchConfig(new OracleSource(d.Space, null, null, null, objective, null, null, d.Minimize), [d.Strategy],
            d.Predictor is null ? new SearchPredictorConfig() : new SearchPredictorConfig(d.Predictor), d.Budget, 1, d.Seed, new StrategySettings());
        var incumbent = trajectory.Last();
        var summary = SearchSummary.Of([run], [d.Strategy], d.Budget, a => a, (best.Arch, best.Values![0], incumbent.BestReportValue));
        SearchPlot.Save(path, [run], config, summary, incumbent.BestReportValue is null ? objective : "report");
    }

    private static string Values(StudyDefinition d, Trial t) =>
        string.Join(", ", d.ObjectiveNames.Zip(t.Values!, (n, v) => $"{n} {v.ToString("G6", CultureInfo.InvariantCulture)}"));
}
