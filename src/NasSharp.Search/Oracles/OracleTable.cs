using NasSharp.Benchmarks;
using NasSharp.Data;
using NasSharp.SearchSpaces;

namespace NasSharp.Search.Oracles;

/// <summary>
/// The measured architectures a search may query, one entry per architecture identity (<see cref="ISearchSpace.Key"/>):
/// a benchmark table's metric, or any user CSV. Isomorphic rows are one architecture; the first row in file order
/// stands for its class (docs/DECISIONS.md, "Search: oracle"). Immutable and shared by runs; each run counts its own
/// queries through an <see cref="Oracle"/>.
/// </summary>
public sealed class OracleTable
{
    private readonly Dictionary<string, int> entryOfKey;
    private readonly double[] values;
    private readonly double[]? reports;
    private readonly double[]? costs;

    private OracleTable(SearchDomain domain, string source, MetricInfo search, MetricInfo? report, MetricInfo? cost,
        double[] values, double[]? reports, double[]? costs)
    {
        Domain = domain;
        Source = source;
        SearchMetric = search;
        ReportMetric = report;
        CostMetric = cost;
        this.values = values;
        this.reports = reports;
        this.costs = costs;
        entryOfKey = new Dictionary<string, int>(values.Length, StringComparer.Ordinal);
        var members = domain.Members!;
        for (int e = 0; e < members.Count; e++) entryOfKey.Add(domain.Key(members[e]), e);
    }

    /// <summary>The architectures that can be queried: the table's rows, one per identity.</summary>
    public SearchDomain Domain { get; }

    /// <summary>The file the table was read from.</summary>
    public string Source { get; }

    /// <summary>The metric a search optimises and its direction.</summary>
    public MetricInfo SearchMetric { get; }

    /// <summary>The metric reported for the incumbent (e.g. test accuracy); null when there is none.</summary>
    public MetricInfo? ReportMetric { get; }

    /// <summary>The metric charged as each query's cost (e.g. training seconds); null when queries cost nothing.</summary>
    public MetricInfo? CostMetric { get; }

    /// <summary>Number of distinct architectures.</summary>
    public int Count => values.Length;

    /// <summary>
    /// The oracle of <paramref name="table"/>'s metrics: search on <paramref name="search"/>, report
    /// <paramref name="report"/>, charge <paramref name="cost"/> per query. Rows missing the search metric are left
    /// out of the domain; a report or cost missing on a kept row is an error.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown metric, or no row has the search metric.</exception>
    /// <exception cref="DataFormatException">A kept row lacks its report or cost value (names file, line and column).</exception>
    public static OracleTable FromBenchmark(BenchmarkTable table, string search, string? report = null, string? cost = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var searchInfo = table.Metric(search);
        var reportInfo = report is null ? null : table.Metric(report);
        var costInfo = cost is null ? null : table.Metric(cost);
        double[] s = table.Values(search);
        double[]? r = report is null ? null : table.Values(report), c = cost is null ? null : table.Values(cost);
        var rows = new List<int>(table.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int row = 0; row < table.Count; row++)
        {
            if (double.IsNaN(s[row])) continue;
            if (!seen.Add(table.Space.Key(table.Architectures[row]))) continue;
            foreach (var (column, info) in new[] { (r, reportInfo), (c, costInfo) })
                if (column is not null && double.IsNaN(column[row]))
                    throw new DataFormatException(table.SourceFile, table.SourceLine(row), info!.Column,
                        $"expected a {info.Name} value for every architecture with a {search} value, found none");
            rows.Add(row);
        }
        if (rows.Count == 0) throw new ArgumentException($"No architecture of '{table.SourceFile}' has a value of {search}.");
        var domain = SearchDomain.Restricted(table.Space, [.. rows.Select(row => table.Architectures[row])]);
        return new OracleTable(domain, table.SourceFile, searchInfo, reportInfo, costInfo,
            [.. rows.Select(row => s[row])], r is null ? null : [.. rows.Select(row => r[row])], c is null ? null : [.. rows.Select(row => c[row])]);
    }

    /// <summary>
    /// A user's own measurements (<c>--table</c>): a CSV with an architecture column in <paramref name="space"/>'s
    /// canonical spelling and numeric metric columns. Every row must have every named metric; two rows of one
    /// architecture (isomorphic cells included) are an error.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="DataFormatException">
    /// A missing column, an architecture that is not one of <paramref name="space"/>, a duplicate architecture, or a
    /// missing, non-numeric or non-finite value; the message names the file, line and column.
    /// </exception>
    public static OracleTable FromCsv(string file, ISearchSpace space, string archColumn, string search, bool lowerIsBetter,
        string? report = null, string? cost = null)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (!File.Exists(file)) throw new FileNotFoundException($"Table '{file}' does not exist.", file);
        var names = new[] { search, report, cost }.OfType<string>().ToArray();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            throw new ArgumentException($"The search, report and cost columns must differ; got {string.Join(", ", names)}.");
        MetricInfo Column(string name, bool higherIsBetter) => new(name, name, "value", higherIsBetter, $"column {name} of {file}");
        var metrics = new List<MetricInfo> { Column(search, !lowerIsBetter) };
        if (report is not null) metrics.Add(Column(report, !lowerIsBetter));
        if (cost is not null) metrics.Add(Column(cost, false));
        var schema = new BenchmarkSchema("table", space, metrics)
        {
            ArchitectureColumns = [archColumn],
            Key = space.Key,
            KeyName = "architecture identity (isomorphic cells are one architecture)",
        };
        return FromBenchmark(BenchmarkTable.Load(schema, file), search, report, cost);
    }

    /// <summary>
    /// The same oracle over <paramref name="feasible"/> only (e.g. the architectures within a device's limits,
    /// <see cref="ArchitectureConstraint.Restrict"/>), which becomes its domain: a search of it proposes nothing else,
    /// and its optimum is the best feasible architecture.
    /// </summary>
    /// <exception cref="ArgumentException">An architecture of <paramref name="feasible"/> that the table does not hold, or none at all.</exception>
    public OracleTable Restrict(SearchDomain feasible)
    {
        ArgumentNullException.ThrowIfNull(feasible);
        var members = feasible.Members ?? throw new ArgumentException("A restriction lists its architectures.", nameof(feasible));
        if (members.Count == 0) throw new ArgumentException("A restriction keeps at least one architecture.", nameof(feasible));
        int[] entries = [.. members.Select(arch => EntryOf(arch) is >= 0 and var e ? e
            : throw new ArgumentException($"Architecture {arch} is not in {Source}.", nameof(feasible)))];
        return new OracleTable(feasible, Source, SearchMetric, ReportMetric, CostMetric,
            [.. entries.Select(e => values[e])], reports is null ? null : [.. entries.Select(e => reports[e])], costs is null ? null : [.. entries.Select(e => costs[e])]);
    }

    /// <summary>The entry of <paramref name="arch"/>, or −1 when the table does not hold it.</summary>
    internal int EntryOf(string arch) => entryOfKey.TryGetValue(Domain.Key(arch), out int e) ? e : -1;

    internal double Value(int entry) => values[entry];

    internal double? Report(int entry) => reports?[entry];

    internal double Cost(int entry) => costs?[entry] ?? 0;

    /// <summary>The value signed so that higher is better.</summary>
    public double Fitness(double value) => SearchMetric.HigherIsBetter ? value : -value;

    /// <summary>
    /// The best architecture by the search metric (ties: first in table order) and its report value: what a perfect
    /// search reaches (SEARCH.md §2 calls its report value the test accuracy of the best-by-validation).
    /// </summary>
    public (string Arch, double Value, double? Report) Optimum()
    {
        int best = 0;
        for (int e = 1; e < values.Length; e++)
            if (Fitness(values[e]) > Fitness(values[best])) best = e;
        return (Domain.Members![best], values[best], Report(best));
    }
}
