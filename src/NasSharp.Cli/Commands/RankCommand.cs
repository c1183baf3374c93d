using System.CommandLine;
using NasSharp.Cli.Output;
using NasSharp.Data;
using NasSharp.Evaluation;
using NasSharp.SearchSpaces;
using NasSharp.HyperNetworks;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary><c>nassharp rank</c>: the ranking protocol over training sizes and seeds (SPEC §4).</summary>
public static class RankCommand
{
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
            Description = "Number of seeds per size: --seed, --seed+1, ...",
            DefaultValueFactory = _ => 5,
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
        var threads = MetaCommands.Threads();
        var command = new Command("rank",
            "Ranking protocol: per size and seed train on validation accuracy of n random cells, report Kendall τ " +
            "against test accuracy on all cells and on unseen cells, Spearman and precision@5%.")
        {
            space, target, sizes, seeds, seed, output, data, noProgress, threads,
        };
        foreach (var option in modelOptions.All) command.Options.Add(option);
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            NasSharp.Training.TorchThreads.Apply(pr.GetValue(threads));
            var root = DataRoot.Resolve(pr.GetValue(data));
            var searchSpace = SearchSpaceCatalog.Get(pr.GetValue(space)!);
            var task = BenchmarkAccess.LoadRankingTask(root, searchSpace, pr.GetValue(target)!);
            int[] trainSizes = BenchmarkAccess.TrainSizesOrPaper(pr.GetValue(sizes), searchSpace);
            var template = modelOptions.Template(pr, searchSpace, task.Target, task.TrainMetric, seed: 0);
            if (template.HyperNas?.Tasks == HyperNasTasks.HypernetworkOnly)
                throw new ArgumentException("hypernas-h trains no score head, so it cannot rank; compare its generated networks with 'nassharp init-weights'.");
            task = BenchmarkAccess.WithImagesFor(task, root, template.Predictor);
            var config = new RankConfig(template.Predictor, searchSpace.Name, task.Target, task.TrainMetric, task.EvalMetric,
                trainSizes, Enumerable.Range(pr.GetValue(seed), pr.GetValue(seeds)).ToArray(), template.Training, root.Path)
            {
                Global = template.Global,
                HyperNas = template.HyperNas,
            };
            var report = new RankReport(pr.GetValue(output)!, config);
            var pending = config.Runs().Where(r => !report.Has(r.Size, r.Seed)).ToArray();
            if (pending.Length < config.Runs().Count())
                AnsiConsole.MarkupLineInterpolated($"Resuming: {config.Runs().Count() - pending.Length} run(s) already in {report.JsonPath}.");
            ProgressReporter.Run($"rank {config.Predictor} on {searchSpace.Name}/{task.Target}", pending.Length * config.Training.Epochs,
                pr.GetValue(noProgress), pr.InvocationConfiguration.Error, advance =>
                {
                    for (int k = 0; k < pending.Length; k++)
                    {
                        int offset = k * config.Training.Epochs;
                        // Another process sharing the folder may have finished this pair meanwhile.
                        report.Reload();
                        if (report.Has(pending[k].Size, pending[k].Seed)) continue;
                        var run = RankingProtocol.Run(task, template, pending[k].Size, pending[k].Seed, e => advance(offset + e));
                        report.Add(run);
                    }
                    return 0;
                });
            report.WriteAll();
            AnsiConsole.Write(report.SummaryTable());
            AnsiConsole.MarkupLineInterpolated($"Wrote [green]{report.JsonPath}[/], rank.csv and rank.png.");
            return 0;
        }));
        return command;
    }
}
