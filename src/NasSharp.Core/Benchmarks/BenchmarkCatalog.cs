using System.Text;
using NasSharp.Data;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb201;

namespace NasSharp.Benchmarks;

/// <summary>
/// The benchmark tables under a data root (SPEC §1), by name: what each holds (<see cref="All"/>, <see cref="Describe"/>,
/// no file access) and loaders that check the files as they read them.
/// </summary>
public static class BenchmarkCatalog
{
    /// <summary>Every benchmark: <c>nb201</c>, <c>nb101</c>, <c>tb101</c>, the NB101 pool and the NB201 hardware tables.</summary>
    public static IReadOnlyList<BenchmarkInfo> All => BenchmarkDefinitions.All;

    /// <summary>Names of <see cref="All"/>, what <see cref="Load(DataRoot, string)"/> takes.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. BenchmarkDefinitions.All.Select(b => b.Name)];

    /// <summary>The benchmark called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static BenchmarkInfo Info(string name) =>
        All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown benchmark '{name}'; valid: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>Every benchmark with its file, targets and metrics, for <c>--help</c> and listings.</summary>
    public static string Describe()
    {
        var sb = new StringBuilder();
        foreach (var b in All) sb.AppendLine(b.Describe());
        return sb.ToString();
    }

    /// <summary>Reads the benchmark called <paramref name="name"/> from <paramref name="root"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    /// <exception cref="FileNotFoundException">The file is not under the data root.</exception>
    /// <exception cref="DataFormatException">The file is malformed; the message names file, line and column.</exception>
    public static BenchmarkTable Load(DataRoot root, string name)
    {
        ArgumentNullException.ThrowIfNull(root);
        var info = Info(name);
        var table = BenchmarkTable.Load(info.Schema, root.RequireFile(info.RelativePath.Split('/')));
        if (BenchmarkDefinitions.Nb201HardwareTables.Any(b => b.Name == info.Name))
            CheckNb201Indices(root, table);
        return table;
    }

    /// <summary>The main benchmark of <paramref name="space"/> (<c>nb201</c>, <c>nb101</c> or <c>tb101</c>).</summary>
    /// <exception cref="ArgumentException">The space has no benchmark table.</exception>
    public static BenchmarkTable Load(DataRoot root, ISearchSpace space) => Load(root, MainBenchmark(space).Name);

    /// <summary><c>nb201/nb201.csv</c>: all 15,625 NB201 cells; <see cref="BenchmarkTable.Indices"/> holds <c>arch_index</c>.</summary>
    public static BenchmarkTable LoadNb201(DataRoot root) => Load(root, BenchmarkDefinitions.Nb201.Name);

    /// <summary>
    /// <c>nb101/nb101_subset10k.csv</c>: 10,000 trained NB101 cells, identified by module hash; every row's
    /// <c>hash</c> is recomputed and must match.
    /// </summary>
    public static BenchmarkTable LoadNb101(DataRoot root) => Load(root, BenchmarkDefinitions.Nb101.Name);

    /// <summary>
    /// <c>nb101/nb101_space.csv.gz</c>: all 423,624 NB101 cells as canonical strings, no metrics. Every row is parsed
    /// and validated; the stated hash is recomputed on every 1,000th row only (all rows would take ~10 s).
    /// </summary>
    public static BenchmarkTable LoadNb101Pool(DataRoot root) => Load(root, BenchmarkDefinitions.Nb101Pool.Name);

    /// <summary><c>tb101/tb101_micro_best_subset.csv</c>: 711 TransNAS-Bench-101 micro cells, 7 tasks (+ FLOPs/params per task).</summary>
    public static BenchmarkTable LoadTb101(DataRoot root) => Load(root, BenchmarkDefinitions.Tb101.Name);

    /// <summary><c>hwnas/nb201_latency_help.csv</c>: 27 HELP latencies (ms, lower is better) for every NB201 cell.</summary>
    public static BenchmarkTable LoadNb201LatencyHelp(DataRoot root) => Load(root, BenchmarkDefinitions.Nb201LatencyHelp.Name);

    /// <summary><c>hwnas/nb201_hwnasbench.csv</c>: HW-NAS-Bench latency/energy for every NB201 cell (Edge TPU partly missing).</summary>
    public static BenchmarkTable LoadNb201HwNasBench(DataRoot root) => Load(root, BenchmarkDefinitions.Nb201HwNasBench.Name);

    /// <summary><c>hwnas/nb201_latency_oneproxy_subset.csv</c>: 18 latencies for 1,999 NB201 cells.</summary>
    public static BenchmarkTable LoadNb201LatencyOneProxy(DataRoot root) => Load(root, BenchmarkDefinitions.Nb201LatencyOneProxy.Name);

    /// <summary>Ranking targets of the main benchmark of <paramref name="space"/>; empty when it has none.</summary>
    public static IReadOnlyList<RankingTarget> RankingTargets(ISearchSpace space) =>
        All.FirstOrDefault(b => b.Name == space.Name)?.RankingTargets ?? [];

    /// <summary>
    /// The ranking target <paramref name="name"/> of <paramref name="space"/>'s main benchmark: NB201 <c>cifar10</c>
    /// trains on <c>cifar10-valid</c> and is judged on <c>cifar10-test</c>; NB101 <c>cifar10</c> uses
    /// <c>val-acc-108</c> for both (SPEC §4). Needs no data, so commands can reject a bad target before loading.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown target (the message lists the valid ones) or a space without a table.</exception>
    public static RankingTarget RankingTarget(ISearchSpace space, string name) => MainBenchmark(space).Target(name);

    /// <summary>
    /// Every architecture of <paramref name="space"/>, as its <see cref="SearchSpaceCatalog"/> entry gets them: NB201
    /// (15,625) and TB101 micro (4,096) by enumeration without touching <paramref name="root"/>, NB101 (423,624) from
    /// <c>nb101/nb101_space.csv.gz</c>. A space outside the catalog that enumerates itself needs no entry.
    /// </summary>
    /// <exception cref="ArgumentException">The space has no known pool.</exception>
    public static IReadOnlyList<string> LoadPool(Func<DataRoot> root, ISearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(space);
        var entry = SearchSpaceCatalog.Entries.FirstOrDefault(e => e.Name == space.Name);
        return entry?.LoadPool(root, space) ?? space.Enumerate() ?? throw new ArgumentException(
            $"No architecture pool for space '{space.Name}'; pools exist for {string.Join(", ", SearchSpaceCatalog.Names)}.");
    }

    private static BenchmarkInfo MainBenchmark(ISearchSpace space) =>
        All.FirstOrDefault(b => b.Name == space.Name && b.Schema.Space.Name == space.Name)
        ?? throw new ArgumentException(
            $"No benchmark table for space '{space.Name}'; tables exist for {string.Join(", ", All.Where(b => b.Name == b.Schema.Space.Name).Select(b => b.Name))}.");

    /// <summary>
    /// The hardware tables index NB201 cells by <c>nb201_index</c>, taken from other sources than <c>nb201.csv</c>;
    /// a disagreement would silently pair latencies with the wrong accuracies, so every row is checked (~20 ms).
    /// </summary>
    private static void CheckNb201Indices(DataRoot root, BenchmarkTable table)
    {
        string nb201File = root.RequireFile(BenchmarkDefinitions.Nb201.RelativePath.Split('/'));
        var archOfIndex = new Dictionary<int, (string Arch, int Line)>();
        var space = new Nb201Space();
        using (var csv = CsvReader.Open(nb201File))
        {
            int indexColumn = csv.RequireColumn("arch_index"), archColumn = csv.RequireColumn("arch_str");
            while (csv.Read())
            {
                string arch;
                try
                {
                    arch = space.Canonicalize(csv[archColumn]);
                }
                catch (ArchitectureFormatException e)
                {
                    throw csv.Error(archColumn, $"expected an architecture of nb201: {e.Message}");
                }
                archOfIndex[csv.ParseInt(indexColumn)] = (arch, csv.Line);
            }
        }
        string column = BenchmarkDefinitions.Nb201LatencyHelp.Schema.IndexColumn!;
        for (int r = 0; r < table.Count; r++)
        {
            int index = table.Indices![r];
            if (!archOfIndex.TryGetValue(index, out var reference))
                throw new DataFormatException(table.SourceFile, table.SourceLine(r), column,
                    $"expected an arch_index of {nb201File}, found {index}, which it does not have");
            if (reference.Arch != table.Architectures[r])
                throw new DataFormatException(table.SourceFile, table.SourceLine(r), column,
                    $"expected index {index} to be '{reference.Arch}' as on line {reference.Line} of {nb201File}, but this row has '{table.Architectures[r]}'");
        }
    }
}
