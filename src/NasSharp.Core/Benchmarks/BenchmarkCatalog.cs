using NasSharp.Data;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb101;
using NasSharp.SearchSpaces.Nb201;

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

    /// <summary>Ranking targets per space: NB201 trains on validation and ranks on test; NB101 uses val_acc_108 for both.</summary>
    public static IReadOnlyList<RankingTarget> RankingTargets(ISearchSpace space) => space.Name switch
    {
        "nb201" => Nb201Datasets.Select(d => new RankingTarget(d, $"{d}-valid", $"{d}-test")).ToArray(),
        "nb101" => [new RankingTarget("cifar10", "val-acc-108", "val-acc-108")],
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
        _ => throw new ArgumentException($"No benchmark table for space '{space.Name}'; tables exist for nb201, nb101."),
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
