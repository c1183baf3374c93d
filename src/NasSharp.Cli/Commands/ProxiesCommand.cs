using System.CommandLine;
using System.Globalization;
using NasSharp.Benchmarks;
using NasSharp.Cli.Output;
using NasSharp.Data;
using NasSharp.Images;
using NasSharp.Persistence;
using NasSharp.Proxies;
using NasSharp.SearchSpaces;
using NasSharp.Training;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp proxies</c>: zero-cost proxies (NASWOT, synflow, NASWOT v1) computed on each architecture's real,
/// untrained network with one CIFAR-10 batch, into a resumable CSV; checked against the space's benchmark table.
/// </summary>
public static class ProxiesCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var space = new Option<string>("--space") { Description = "Search space whose networks to score: nb201 or nb101.", Required = true };
        space.AcceptOnlyFromAmong("nb201", "nb101");
        var proxies = new Option<string[]>("--proxies")
        {
            Description = $"Comma-separated proxies, one CSV column each, in this order: {string.Join("; ", ZeroCostProxies.All.Select(p => $"{p.Name} = {p.Description}"))}.",
            CustomParser = r => SharedOptions.ParseChoices(r, ZeroCostProxies.Names, "proxy"),
            DefaultValueFactory = _ => [.. ZeroCostProxies.Defaults],
        };
        var batch = SharedOptions.AtLeast(new Option<int>("--batch")
        {
            Description = "Images in the one CIFAR-10 training batch every network sees (the NASWOT references used 128 and 256; see docs/DECISIONS.md).",
            DefaultValueFactory = _ => 64,
        }, 2, "the kernels compare images");
        var archFile = new Option<string?>("--arch-file")
        {
            Description = "Score only these architectures: a text file with one per line in the space's canonical string ('#' lines and blank lines skipped).",
        };
        var pool = new Option<string>("--pool")
        {
            Description = "Without --arch-file, which architectures: 'space' (every cell: NB201 15,625, NB101 the 423,624-cell pool) or " +
                          "'table' (the benchmark table's cells: NB201 15,625, NB101 the 10,000 trained ones).",
            DefaultValueFactory = _ => "space",
        };
        pool.AcceptOnlyFromAmong("space", "table");
        var limit = SharedOptions.Positive(new Option<int?>("--limit")
        {
            Description = "Score a uniform sample of this many of those architectures, drawn with --seed (a larger limit with the same seed keeps the smaller one's).",
        });
        var channels = SharedOptions.Positive(new Option<int?>("--channels")
        {
            Description = "Channels of the network's first stage. Default 16: NB201's own; NB101's own 128 would need an estimated 10 GB for a batch of 64 here.",
        });
        var cells = SharedOptions.Positive(new Option<int?>("--cells")
        {
            Description = "Cells per stage. Default: the space's own network (NB201 5, NB101 3).",
        });
        var output = new Option<string>("--out")
        {
            Description = "CSV to write, arch,<proxy>,... (an empty field where a score is undefined), with its settings in <out>.settings.json; " +
                          "rewritten atomically at every checkpoint. An existing file made with the same settings is resumed; other settings are refused.",
            Required = true,
        };
        var checkpoint = SharedOptions.Positive(new Option<int>("--checkpoint-every")
        {
            Description = "Networks computed between two rewrites of --out.",
            DefaultValueFactory = _ => ProxyExperiment.DefaultCheckpointEvery,
        });
        var report = new Option<bool>("--report")
        {
            Description = "Compute nothing: print how the scores --out already holds rank against the benchmark table (safe while another run fills it).",
        };
        var seed = SharedOptions.Seed();
        seed.Description = "Seed of the image batch, of every network's weights (hashed with the architecture's key) and of the --limit sample.";
        var threads = MetaCommands.Threads();
        var jobs = SharedOptions.AtMostCores(SharedOptions.Positive(new Option<int>("--jobs")
        {
            Description = "Networks computed at once, one thread each (1 to the number of cores; default: the cores). " +
                          "Each network's weights come from its own seed, so the scores equal a sequential run's.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        }));
        var data = SharedOptions.Data();
        var noProgress = SharedOptions.NoProgress();
        var command = new Command("proxies",
            "Compute zero-cost proxies on every architecture's untrained network with one CIFAR-10 batch (once per isomorphism class), resumable.")
        {
            space, proxies, batch, archFile, pool, limit, channels, cells, output, checkpoint, report, seed, threads, jobs, data, noProgress,
        };
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            string path = pr.GetValue(output)!;
            if (pr.GetValue(report)) return Report(path, SearchSpaceCatalog.Get(pr.GetValue(space)!), DataRoot.Resolve(pr.GetValue(data)));
            OutputLocation.EnsureWritableFile(path, "--out");
            OutputLocation.EnsureNotAnInput(path, "--out", (pr.GetValue(archFile), "--arch-file"));
            TorchThreads.Apply(pr.GetValue(threads));
            var searchSpace = SearchSpaceCatalog.Get(pr.GetValue(space)!);
            var config = new ProxyConfig(searchSpace.Name, pr.GetValue(proxies)!, pr.GetValue(batch), pr.GetValue(seed), pr.GetValue(channels), pr.GetValue(cells));
            config.Validate();
            var root = DataRoot.Resolve(pr.GetValue(data));
            var table = BenchmarkCatalog.Load(root, searchSpace);
            IReadOnlyList<string> archs = pr.GetValue(archFile) is { } file ? ArchitectureList.Read(file, searchSpace)
                : pr.GetValue(pool) == "table" ? table.Architectures
                : BenchmarkAccess.LoadPool(() => root, searchSpace);
            if (pr.GetValue(limit) is int n) archs = ArchitectureList.Sample(archs, n, config.Seed);
            var images = Cifar10Dataset.LoadTrain(root);

            var result = ProgressReporter.Run($"{string.Join(", ", config.ProxyNames)} on {archs.Count:N0} {searchSpace.Name} architectures",
                archs.Count, pr.GetValue(noProgress), pr.InvocationConfiguration.Error,
                report => ProxyExperiment.Run(config, archs, images, path, pr.GetValue(checkpoint), p => report(p.CellsDone), pr.GetValue(jobs)));

            var network = config.Network();
            AnsiConsole.MarkupLineInterpolated(
                $"{result.Cells:N0} architectures = {result.Networks:N0} distinct networks (C = {network.Channels}, {network.CellsPerStage} cells per stage, batch {config.BatchSize}, seed {config.Seed}); computed {result.Computed:N0} now, the rest were in the file.");
            if (result.Computed > 0)
                AnsiConsole.MarkupLineInterpolated(
                    $"Seconds per network: {string.Join(", ", result.SecondsPerNetwork.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F3}")))}.");
            WriteCorrelations(config.ProxyNames, result.Rows, table);
            AnsiConsole.MarkupLineInterpolated($"{result.Rows.Count:N0} rows → [green]{path}[/] (settings: {ProxyFile.SettingsPath(path)}).");
            return 0;
        }));
        return command;
    }

    private static int Report(string path, ISearchSpace space, DataRoot root)
    {
        var (proxies, rows) = ProxyFile.Read(path, space);
        AnsiConsole.MarkupLineInterpolated($"{path}: {rows.Count:N0} {space.Name} architectures.");
        WriteCorrelations(proxies, rows, BenchmarkCatalog.Load(root, space));
        return 0;
    }

    private static void WriteCorrelations(IReadOnlyList<string> proxies, IReadOnlyList<ProxyRow> rows, BenchmarkTable table)
    {
        var correlations = ProxyCorrelation.Compute(proxies, rows, table, ProxyCorrelation.ReferenceMetrics(table));
        var shown = new Table().Border(TableBorder.Rounded).AddColumns("proxy", $"{table.Name} metric", "cells", "Spearman", "Kendall τ");
        foreach (var c in correlations)
            shown.AddRow(c.Proxy, c.Metric, c.Cells.ToString("N0", CultureInfo.InvariantCulture),
                c.Spearman.ToString("F3", CultureInfo.InvariantCulture), c.Kendall.ToString("F3", CultureInfo.InvariantCulture));
        AnsiConsole.Write(shown);
    }
}
