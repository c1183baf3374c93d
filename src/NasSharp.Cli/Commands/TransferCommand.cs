using System.CommandLine;
using System.Text.Json.Nodes;
using NasSharp.Cli.Output;
using NasSharp.Data;
using NasSharp.Persistence;
using NasSharp.Evaluation;
using NasSharp.Meta;
using NasSharp.Tasks;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp transfer</c>: the few-shot protocol of mp-nas §4. For each held-out task, MP-NAS is meta-trained on the
/// other tasks (or on all of them when the held-out task is not among them: cross-space transfer), then adapted to K
/// seeded support architectures, next to the random-init and naive-transfer baselines on the same support sets.
/// </summary>
public static class TransferCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var tasks = new Option<string[]>("--tasks")
        {
            Description = "Comma-separated meta-training tasks. Default: the 7 NB201 tasks of the paper.",
            CustomParser = MetaTrainCommand.ParseTaskNames,
            DefaultValueFactory = _ => [.. TaskCatalog.Nb201Paper.Select(t => t.Name)],
        };
        var heldOut = new Option<string[]>("--held-out")
        {
            Description = "Comma-separated tasks to adapt to. A task in --tasks is left out of its own meta-training (leave-one-out); " +
                          "any other task (e.g. tb101/jigsaw after NB201 tasks) is a transfer target of a model meta-trained on all --tasks. " +
                          "Default: every task of --tasks in turn.",
            CustomParser = MetaTrainCommand.ParseTaskNames,
            DefaultValueFactory = _ => [],
        };
        var ks = new Option<int[]>("--k")
        {
            Description = "Comma-separated support sizes K (0 = zero-shot).",
            CustomParser = r => SharedOptions.ParseIntegers(r, "support sizes K", 0, "0,5,25,50"),
            DefaultValueFactory = _ => [5],
        };
        var runs = SharedOptions.Positive(new Option<int>("--runs") { Description = "Runs (support draws) per task and K.", DefaultValueFactory = _ => 10 });
        var methods = new Option<string[]>("--methods")
        {
            Description = $"Comma-separated methods: {string.Join(", ", TransferProtocol.Methods)}. Default: the paper's three " +
                          $"({string.Join(", ", TransferProtocol.PaperMethods)}); {TransferProtocol.OpCountMethod} (ours) is ridge regression of the " +
                          "support values on each architecture's operation counts, no network: how much of a task counting operations explains; " +
                          $"{TransferProtocol.MpNasWithOpCountMethod} (ours) averages MP-NAS's scores with that ridge's. Both need K >= 2.",
            CustomParser = r => SharedOptions.ParseChoices(r, TransferProtocol.Methods, "method"),
            DefaultValueFactory = _ => [.. TransferProtocol.PaperMethods],
        };
        var training = new MetaTrainingOptions();
        var seed = SharedOptions.Seed();
        seed.Description = "Seed of meta-training, baselines and support draws (run r draws with seed + r).";
        var output = new Option<string>("--out")
        {
            Description = "Folder for transfer.json (checkpointed after every run; a rerun resumes), transfer.csv, transfer.png and " +
                          "the meta-trained models (models/, each resumable from its checkpoint).",
            Required = true,
        };
        var data = SharedOptions.Data();
        var noProgress = SharedOptions.NoProgress();
        var threads = MetaCommands.Threads();
        var fineTuning = FineTuningOptions.MpNas();
        var baselineTuning = FineTuningOptions.Baselines();
        var command = new Command("transfer",
            "Few-shot transfer to held-out tasks (mp-nas Tables 2-6): MP-NAS vs random init vs naive transfer, Spearman on the unseen architectures.")
        {
            tasks, heldOut, ks, runs, methods, seed, output, data, threads, noProgress,
        };
        foreach (var option in training.All.Concat(fineTuning.All).Concat(baselineTuning.All)) command.Options.Add(option);
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            NasSharp.Training.TorchThreads.Apply(pr.GetValue(threads));
            string[] pool = pr.GetValue(tasks)!;
            string[] targets = pr.GetValue(heldOut) is { Length: > 0 } given ? given : pool;
            var config = training.Config(pr);
            int s = pr.GetValue(seed), runCount = pr.GetValue(runs);
            int[] kValues = pr.GetValue(ks)!;
            string[] chosen = pr.GetValue(methods)!;
            string folder = pr.GetValue(output)!;
            OutputLocation.EnsureWritableFolder(folder, "--out");
            if (chosen.FirstOrDefault(TransferProtocol.NeedsTwoSupportCells) is { } ridgeMethod && kValues.FirstOrDefault(k => k < 2, -1) is var small and >= 0)
                throw new ArgumentException($"--methods {ridgeMethod} needs every --k to be at least 2 (a fit to {small} point(s) ranks nothing); got --k {string.Join(",", kValues)}.");
            var protocol = new TransferProtocol(fineTuning.Config(pr), baselineTuning.Config(pr), config.Network, TransferProtocol.DefaultPretraining);
            var report = new TransferReport(folder, Config(pool, targets, kValues, runCount, chosen, config, protocol, s));

            using var all = MetaTaskLoader.Load(DataRoot.Resolve(pr.GetValue(data)), [.. pool.Union(targets)]);
            var byName = all.Tasks.ToDictionary(t => t.Name);
            foreach (string target in targets)
                foreach (int k in kValues) TransferProtocol.CheckK(k, byName[target].Count, target);
            var pretrained = new Dictionary<string, MetaGcn>();
            int perTask = kValues.Length * runCount * chosen.Length;
            try
            {
                ProgressReporter.Run($"transfer to {targets.Length} task(s)", targets.Length * (config.Epochs + perTask),
                    pr.GetValue(noProgress), pr.InvocationConfiguration.Error, advance =>
                    {
                        for (int t = 0; t < targets.Length; t++)
                        {
                            int offset = t * (config.Epochs + perTask);
                            string[] sources = [.. pool.Where(n => n != targets[t])];
                            var task = byName[targets[t]];
                            using var model = chosen.Any(m => m.StartsWith("mp-nas", StringComparison.Ordinal))
                                ? MetaModelCache.LoadOrTrain(MetaModelCache.PathFor(folder, string.Join("|", sources)),
                                    [.. sources.Select(n => byName[n])], config, s, e => advance(offset + e))
                                : null;
                            int done = 0;
                            foreach (int k in kValues)
                                for (int r = 0; r < runCount; r++)
                                    foreach (string method in chosen)
                                    {
                                        advance(offset + config.Epochs + ++done);
                                        report.Run(task.Name, method, k, r, () => method switch
                                        {
                                            "mp-nas" => protocol.MpNas(model!, task, k, s, r),
                                            "random-init" => protocol.RandomInit(task, k, s, r),
                                            TransferProtocol.OpCountMethod => TransferProtocol.OpCountRidge(task, k, s, r),
                                            TransferProtocol.MpNasWithOpCountMethod => protocol.MpNasWithOpCounts(model!, task, k, s, r),
                                            _ => protocol.NaiveTransfer(sources.Select(n => Pretrained(pretrained, byName[n], protocol, s)).ToArray(), task, k, s, r),
                                        });
                                    }
                        }
                        return 0;
                    });
            }
            finally
            {
                foreach (var network in pretrained.Values) network.Dispose();
            }
            report.WriteCsvAndPlot();
            AnsiConsole.Write(report.SummaryTable());
            AnsiConsole.MarkupLineInterpolated($"Wrote [green]{report.JsonPath}[/], transfer.csv and transfer.png.");
            return 0;
        }));
        return command;
    }

    private static MetaGcn Pretrained(Dictionary<string, MetaGcn> cache, MetaTask source, TransferProtocol protocol, int seed)
    {
        if (!cache.TryGetValue(source.Name, out var network))
            cache[source.Name] = network = MetaTester.Pretrain(source, protocol.Network, protocol.Pretraining, seed);
        return network;
    }

    private static JsonNode Config(string[] pool, string[] targets, int[] ks, int runs, string[] methods, MetaTrainingConfig config,
        TransferProtocol protocol, int seed) => new JsonObject
    {
        ["tasks"] = new JsonArray([.. pool.Select(n => (JsonNode)n)]),
        ["held_out"] = new JsonArray([.. targets.Select(n => (JsonNode)n)]),
        ["k"] = new JsonArray([.. ks.Select(k => (JsonNode)k)]),
        ["runs"] = runs,
        ["methods"] = new JsonArray([.. methods.Select(m => (JsonNode)m)]),
        ["meta_training"] = TransferReport.Describe(config),
        ["fine_tuning"] = TransferReport.Describe(protocol.Test),
        ["baseline_fine_tuning"] = TransferReport.Describe(protocol.BaselineTest),
        ["pretraining"] = TransferReport.Describe(protocol.Pretraining),
        ["seed"] = seed,
    };
}
