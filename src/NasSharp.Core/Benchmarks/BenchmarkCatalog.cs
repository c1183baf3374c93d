using NasSharp.Data;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb101;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.SearchSpaces.Tb101;

namespace NasSharp.Benchmarks;

/// <summary>Loaders for the benchmark tables under a data root (SPEC §1) and the ranking targets they offer.</summary>
public static class BenchmarkCatalog
{
    private static readonly string[] Nb201Datasets = ["cifar10", "cifar100", "imagenet16"];

    /// <summary>NB201 metrics: 200- and 12-epoch accuracies, NAS-Bench-360 tasks, exact params/FLOPs, NASWOT.</summary>
    public static IReadOnlyList<MetricInfo> Nb201Metrics { get; } =
    [
        .. Nb201Datasets.SelectMany(d => new[]
        {
            new MetricInfo($"{d}-valid", $"{d}_valid_acc", "%", true),
            new MetricInfo($"{d}-test", $"{d}_test_acc", "%", true),
            new MetricInfo($"{d}-valid-12ep", $"{d}_valid_acc_12ep", "%", true),
            new MetricInfo($"{d}-test-12ep", $"{d}_test_acc_12ep", "%", true),
            new MetricInfo($"params-{d}", $"params_m_{d}", "M", false),
            new MetricInfo($"flops-{d}", $"flops_m_{d}", "MFLOPs", false),
        }),
        new MetricInfo("ninapro", "ninapro_acc_nb360", "%", true),
        new MetricInfo("darcyflow", "darcyflow_score_nb360", "1 - rel. L2", true),
        new MetricInfo("naswot", "naswot_v1_score_cifar10", "score", true, AllowsMissing: true),
    ];

    /// <summary>NB101 metrics (validation only: the table has no test accuracy).</summary>
    public static IReadOnlyList<MetricInfo> Nb101Metrics { get; } =
    [
        new("val-acc-108", "val_acc_108", "%", true),
        new("val-acc-36", "val_acc_36", "%", true),
        new("val-acc-12", "val_acc_12", "%", true),
        new("val-acc-4", "val_acc_4", "%", true),
        new("params", "params", "count", false),
        new("train-time", "train_time_s", "s", false),
    ];

    /// <summary>TransNAS-Bench-101 micro tasks: validation metric at the best epoch (the table has no test metrics).</summary>
    public static IReadOnlyList<MetricInfo> Tb101Metrics { get; } =
    [
        new("class_scene", "class_scene_valid_best_top1_pct", "%", true),
        new("class_object", "class_object_valid_best_top1_pct", "%", true),
        new("room_layout", "room_layout_valid_best_neg_l2_loss", "-L2 loss", true),
        new("jigsaw", "jigsaw_valid_best_top1_pct", "%", true),
        new("segmentsemantic", "segmentsemantic_valid_best_pixel_acc_pct", "% pixels", true),
        new("normal", "normal_valid_best_ssim", "SSIM", true),
        new("autoencoder", "autoencoder_valid_best_ssim", "SSIM", true),
    ];

    /// <summary>Hardware tables for NB201 cells in <c>hwnas/</c>.</summary>
    public static IReadOnlyList<string> Nb201HardwareFiles { get; } =
        ["nb201_latency_help.csv", "nb201_hwnasbench.csv", "nb201_latency_oneproxy_subset.csv"];

    /// <summary>Ranking targets per space: NB201 trains on validation and ranks on test; NB101 uses val_acc_108 for both.</summary>
    public static IReadOnlyList<RankingTarget> RankingTargets(ISearchSpace space) => space.Name switch
    {
        "nb201" => Nb201Datasets.Select(d => new RankingTarget(d, $"{d}-valid", $"{d}-test")).ToArray(),
        "nb101" => [new RankingTarget("cifar10", "val-acc-108", "val-acc-108")],
        "tb101" => Tb101Metrics.Select(m => new RankingTarget(m.Name, m.Name, m.Name)).ToArray(),
        _ => [],
    };

    /// <summary>The ranking target <paramref name="name"/> of <paramref name="space"/>; unknown names list the valid ones.</summary>
    public static RankingTarget RankingTarget(ISearchSpace space, string name)
    {
        var targets = RankingTargets(space);
        return targets.FirstOrDefault(t => t.Name == name)
            ?? throw new ArgumentException($"Unknown target '{name}' for {space.Name}; valid: {string.Join(", ", targets.Select(t => t.Name))}.");
    }

    /// <summary>The benchmark table of <paramref name="space"/>.</summary>
    public static BenchmarkTable Load(DataRoot root, ISearchSpace space) => space.Name switch
    {
        "nb201" => LoadNb201(root),
        "nb101" => LoadNb101(root),
        "tb101" => LoadTb101(root),
        _ => throw new ArgumentException($"No benchmark table for space '{space.Name}'; tables exist for nb201, nb101, tb101."),
    };

    /// <summary><c>nb201/nb201.csv</c>: all 15,625 cells.</summary>
    public static BenchmarkTable LoadNb201(DataRoot root)
    {
        string file = root.RequireFile("nb201", "nb201.csv");
        return BenchmarkTable.Load("nb201", new Nb201Space(), file, (csv, row) => row.Fields[csv.Column("arch_str")], "arch_str", Nb201Metrics);
    }

    /// <summary><c>nb101/nb101_subset10k.csv</c>: 10,000 trained cells, keyed by module hash (checked against the file).</summary>
    public static BenchmarkTable LoadNb101(DataRoot root)
    {
        string file = root.RequireFile("nb101", "nb101_subset10k.csv");
        return BenchmarkTable.Load("nb101", new Nb101Space(), file, Nb101Arch, "adjacency", Nb101Metrics, Nb101Space.Hash, keyColumn: "hash");
    }

    /// <summary><c>tb101/tb101_micro_best_subset.csv</c>: 711 micro cells with 7 task metrics.</summary>
    public static BenchmarkTable LoadTb101(DataRoot root)
    {
        string file = root.RequireFile("tb101", "tb101_micro_best_subset.csv");
        return BenchmarkTable.Load("tb101", new Tb101MicroSpace(), file, (csv, row) => row.Fields[csv.Column("arch_str")], "arch_str", Tb101Metrics);
    }

    /// <summary>
    /// An NB201 hardware table from <c>hwnas/</c> (one of <see cref="Nb201HardwareFiles"/>). Every latency, energy or
    /// intensity column becomes a lower-is-better metric named after its column; blank cells (Edge TPU) load as NaN.
    /// </summary>
    public static BenchmarkTable LoadNb201Hardware(DataRoot root, string fileName)
    {
        if (!Nb201HardwareFiles.Contains(fileName))
            throw new ArgumentException($"Unknown NB201 hardware table '{fileName}'; valid: {string.Join(", ", Nb201HardwareFiles)}.");
        var csv = CsvTable.Read(root.RequireFile("hwnas", fileName));
        var metrics = csv.Header
            .Where(c => c.StartsWith("lat_", StringComparison.Ordinal) || c.Contains("_lat", StringComparison.Ordinal) || c.Contains("energy", StringComparison.Ordinal) || c.Contains("intensity", StringComparison.Ordinal))
            .Select(c => new MetricInfo(c, c, Unit(c), HigherIsBetter: false, AllowsMissing: c.Contains("edgetpu", StringComparison.Ordinal)))
            .ToArray();
        return BenchmarkTable.FromCsv($"nb201-{Path.GetFileNameWithoutExtension(fileName)}", new Nb201Space(), csv,
            (t, row) => row.Fields[t.Column("arch_str")], "arch_str", metrics);

        static string Unit(string column) => column.EndsWith("_mJ", StringComparison.Ordinal) ? "mJ"
            : column.EndsWith("_raw", StringComparison.Ordinal) ? "raw" : "ms";
    }

    /// <summary>
    /// Every cell of a space: NB201 by enumeration, NB101 from <c>nb101/nb101_space.csv.gz</c> (423,624 cells, read
    /// without re-hashing; the hash of the pool is verified by tests).
    /// </summary>
    public static IReadOnlyList<string> LoadPool(Func<DataRoot> root, ISearchSpace space)
    {
        switch (space.Name)
        {
            case "nb201":
                return Nb201Space.Enumerate().Select(c => c.ToString()).ToArray();
            case "nb101":
                var csv = CsvTable.Read(root().RequireFile("nb101", "nb101_space.csv.gz"));
                var archs = new string[csv.Rows.Count];
                for (int r = 0; r < archs.Length; r++)
                {
                    try
                    {
                        archs[r] = space.Canonicalize(Nb101Arch(csv, csv.Rows[r]));
                    }
                    catch (ArchitectureFormatException e)
                    {
                        throw new DataFormatException(csv.File, csv.Rows[r].Line, "adjacency", e.Message);
                    }
                }
                return archs;
            default:
                throw new ArgumentException($"No architecture pool for space '{space.Name}'.");
        }
    }

    private static string Nb101Arch(CsvTable csv, (int Line, string[] Fields) row) =>
        row.Fields[csv.Column("adjacency")] + ":" + row.Fields[csv.Column("ops")];
}
