using NasSharp.Data;
using NasSharp.SearchSpaces;

namespace NasSharp.Benchmarks;

/// <summary>
/// A benchmark: a search space plus named metrics for a list of its architectures (SPEC §1). Rows keep file order;
/// architectures are canonical strings, and lookups accept any spelling the space can canonicalise.
/// </summary>
public sealed class BenchmarkTable
{
    private readonly Dictionary<string, int> rowOfKey;
    private readonly Dictionary<string, double[]> values;
    private readonly Func<string, string> identity;

    private BenchmarkTable(string name, ISearchSpace space, string sourceFile, string[] architectures,
        IReadOnlyList<MetricInfo> metrics, Dictionary<string, double[]> values, Dictionary<string, int> rowOfKey,
        Func<string, string> identity)
    {
        Name = name;
        Space = space;
        SourceFile = sourceFile;
        Architectures = architectures;
        Metrics = metrics;
        this.values = values;
        this.rowOfKey = rowOfKey;
        this.identity = identity;
    }

    /// <summary>Benchmark name, e.g. <c>nb201</c>.</summary>
    public string Name { get; }

    /// <summary>The search space of the architectures.</summary>
    public ISearchSpace Space { get; }

    /// <summary>File the table was read from.</summary>
    public string SourceFile { get; }

    /// <summary>Canonical architecture strings, in file order.</summary>
    public IReadOnlyList<string> Architectures { get; }

    /// <summary>The metrics available.</summary>
    public IReadOnlyList<MetricInfo> Metrics { get; }

    /// <summary>The metric called <paramref name="name"/>; unknown names list the valid ones.</summary>
    public MetricInfo Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name)
        ?? throw new ArgumentException($"Benchmark '{Name}' has no metric '{name}'; valid: {string.Join(", ", Metrics.Select(m => m.Name))}.");

    /// <summary>Values of a metric, aligned with <see cref="Architectures"/> (NaN where missing).</summary>
    public IReadOnlyList<double> Values(string metric) => values[Metric(metric).Name];

    /// <summary>Row of <paramref name="arch"/>, or −1 when the table does not hold it.</summary>
    /// <exception cref="ArchitectureFormatException"><paramref name="arch"/> is not an architecture of the space.</exception>
    public int IndexOf(string arch) => rowOfKey.TryGetValue(identity(arch), out int row) ? row : -1;

    /// <summary>
    /// Reads a table. <paramref name="arch"/> builds each row's architecture string from its fields; it is
    /// canonicalised by the space and keyed by <paramref name="identity"/> (canonical string by default; NB101 uses
    /// the module hash so isomorphic spellings meet). When <paramref name="keyColumn"/> is given, the file's own key
    /// there must equal the computed one. Bad architectures, key mismatches and duplicates name the file and line.
    /// </summary>
    public static BenchmarkTable Load(string name, ISearchSpace space, string file, Func<CsvTable, (int Line, string[] Fields), string> arch,
        string archColumn, IReadOnlyList<MetricInfo> metrics, Func<string, string>? identity = null, string? keyColumn = null) =>
        FromCsv(name, space, CsvTable.Read(file), arch, archColumn, metrics, identity, keyColumn);

    /// <summary>Like <see cref="Load"/>, for a table already read (e.g. when the metrics come from its header).</summary>
    public static BenchmarkTable FromCsv(string name, ISearchSpace space, CsvTable csv, Func<CsvTable, (int Line, string[] Fields), string> arch,
        string archColumn, IReadOnlyList<MetricInfo> metrics, Func<string, string>? identity = null, string? keyColumn = null)
    {
        identity ??= space.Canonicalize;
        string file = csv.File;
        var metricColumns = metrics.Select(m => csv.Column(m.Column)).ToArray();
        int expectedKey = keyColumn is null ? -1 : csv.Column(keyColumn);
        int n = csv.Rows.Count;
        var archs = new string[n];
        var keys = new Dictionary<string, int>(n, StringComparer.Ordinal);
        var data = metrics.ToDictionary(m => m.Name, _ => new double[n]);
        for (int r = 0; r < n; r++)
        {
            var row = csv.Rows[r];
            string key;
            try
            {
                archs[r] = space.Canonicalize(arch(csv, row));
                key = identity(archs[r]);
            }
            catch (ArchitectureFormatException e)
            {
                throw new DataFormatException(file, row.Line, archColumn, e.Message);
            }
            if (expectedKey >= 0 && row.Fields[expectedKey] != key)
                throw new DataFormatException(file, row.Line, keyColumn,
                    $"the file says '{row.Fields[expectedKey]}' but the architecture's key is '{key}'");
            if (!keys.TryAdd(key, r))
                throw new DataFormatException(file, row.Line, archColumn,
                    $"duplicate architecture '{archs[r]}', already on line {csv.Rows[keys[key]].Line}");
            for (int m = 0; m < metrics.Count; m++)
                data[metrics[m].Name][r] = csv.Number(r, metricColumns[m], metrics[m].AllowsMissing);
        }
        return new BenchmarkTable(name, space, file, archs, metrics, data, keys, a => identity(space.Canonicalize(a)));
    }
}
