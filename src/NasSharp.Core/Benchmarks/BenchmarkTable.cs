using NasSharp.Data;
using NasSharp.SearchSpaces;

namespace NasSharp.Benchmarks;

/// <summary>
/// A benchmark: a search space plus named metrics for a list of its architectures (SPEC §1). Rows keep file order;
/// architectures are canonical strings, and lookups accept any spelling the space can canonicalise.
/// </summary>
public sealed class BenchmarkTable
{
    private readonly BenchmarkSchema schema;
    private readonly string[] architectures;
    private readonly double[][] values;
    private readonly Dictionary<string, int> metricIndex;
    private readonly Dictionary<string, int> rowOfKey;
    private readonly int[]? indices;
    private readonly Dictionary<int, int>? rowOfIndex;
    private readonly int[] lines;

    private BenchmarkTable(BenchmarkSchema schema, string sourceFile, string[] architectures, double[][] values,
        Dictionary<string, int> rowOfKey, int[]? indices, int[] lines)
    {
        this.schema = schema;
        SourceFile = sourceFile;
        this.architectures = architectures;
        this.values = values;
        this.rowOfKey = rowOfKey;
        this.indices = indices;
        this.lines = lines;
        metricIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int m = 0; m < schema.Metrics.Count; m++) metricIndex.Add(schema.Metrics[m].Name, m);
        if (indices is not null)
        {
            rowOfIndex = new Dictionary<int, int>(indices.Length);
            for (int r = 0; r < indices.Length; r++) rowOfIndex.Add(indices[r], r);
        }
    }

    /// <summary>Benchmark name, e.g. <c>nb201</c>.</summary>
    public string Name => schema.Name;

    /// <summary>The search space of the architectures.</summary>
    public ISearchSpace Space => schema.Space;

    /// <summary>File the table was read from.</summary>
    public string SourceFile { get; }

    /// <summary>Canonical architecture strings, in file order.</summary>
    public IReadOnlyList<string> Architectures => architectures;

    /// <summary>Number of rows (architectures).</summary>
    public int Count => architectures.Length;

    /// <summary>The metrics available, in the order of the schema.</summary>
    public IReadOnlyList<MetricInfo> Metrics => schema.Metrics;

    /// <summary>
    /// The file's own index of each row (NB201 <c>arch_index</c>), aligned with <see cref="Architectures"/>; null when
    /// the file has no index column.
    /// </summary>
    public IReadOnlyList<int>? Indices => indices;

    /// <summary>The metric called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public MetricInfo Metric(string name) => schema.Metrics[MetricPosition(name)];

    /// <summary>Whether the table has a metric called <paramref name="name"/>.</summary>
    public bool HasMetric(string name) => metricIndex.ContainsKey(name);

    /// <summary>
    /// Values of metric <paramref name="name"/>, aligned with <see cref="Architectures"/> (NaN where missing). A new
    /// array on every call, so callers may modify it; hoist it out of loops, or use <see cref="Value"/> for one cell.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public double[] Values(string name) => (double[])values[MetricPosition(name)].Clone();

    /// <summary>Value of metric <paramref name="name"/> at <paramref name="row"/> (NaN where missing).</summary>
    /// <exception cref="ArgumentException">Unknown metric name.</exception>
    public double Value(string name, int row) => values[MetricPosition(name)][row];

    /// <summary>
    /// Row of <paramref name="arch"/>, or −1 when the table does not hold it. Any spelling the space accepts works: the
    /// string is canonicalised first, and for NB101 compared by module hash, so isomorphic matrices match.
    /// </summary>
    /// <exception cref="ArchitectureFormatException"><paramref name="arch"/> is not an architecture of the space.</exception>
    public int IndexOf(string arch)
    {
        string canonical = Space.Canonicalize(arch);
        return rowOfKey.TryGetValue(schema.Key is null ? canonical : schema.Key(canonical), out int row) ? row : -1;
    }

    /// <summary>Row whose <see cref="Indices"/> entry is <paramref name="index"/>, or −1.</summary>
    /// <exception cref="InvalidOperationException">The table has no index column.</exception>
    public int RowOfIndex(int index) => rowOfIndex is null
        ? throw new InvalidOperationException($"Benchmark '{Name}' ({SourceFile}) has no index column.")
        : rowOfIndex.TryGetValue(index, out int row) ? row : -1;

    /// <summary>1-based line of <see cref="SourceFile"/> that <paramref name="row"/> was read from, for messages.</summary>
    public int SourceLine(int row) => lines[row];

    /// <summary>
    /// Reads <paramref name="file"/> as described by <paramref name="schema"/>. Every architecture is canonicalised by
    /// the space; missing columns, bad numbers, bad architectures, disagreeing derived or key columns and duplicate
    /// architectures or indices fail with a <see cref="DataFormatException"/> naming the file, line and column.
    /// Problems found while reading come first; key mismatches and key duplicates are reported after the whole file
    /// has been read, at the earliest line at fault.
    /// </summary>
    public static BenchmarkTable Load(BenchmarkSchema schema, string file)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.DerivedColumns.Count > 0 && schema.DerivedFields is null)
            throw new ArgumentException($"Schema '{schema.Name}' has derived columns but no {nameof(BenchmarkSchema.DerivedFields)}.", nameof(schema));
        var duplicateNames = schema.Metrics.GroupBy(m => m.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (duplicateNames.Length > 0)
            throw new ArgumentException($"Schema '{schema.Name}' names several metrics {string.Join(", ", duplicateNames)}.", nameof(schema));

        var rows = ReadRows(schema, file);
        string[] keys = ComputeKeys(schema, rows);
        var rowOfKey = new Dictionary<string, int>(rows.Architectures.Count, StringComparer.Ordinal);
        for (int r = 0; r < keys.Length; r++)
        {
            if (rowOfKey.TryAdd(keys[r], r)) continue;
            int first = rowOfKey[keys[r]];
            throw new DataFormatException(rows.File, rows.Lines[r], rows.ArchitectureColumn,
                $"expected each architecture once, but '{rows.Architectures[r]}' has the same {schema.KeyName} as " +
                $"'{rows.Architectures[first]}' on line {rows.Lines[first]}");
        }
        return new BenchmarkTable(schema, file, [.. rows.Architectures], [.. rows.Metrics.Select(c => c.ToArray())], rowOfKey,
            rows.Indices?.ToArray(), [.. rows.Lines]);
    }

    /// <summary>Rows as read, before keys are computed.</summary>
    private sealed record RawRows(
        string File, string ArchitectureColumn, string? KeyColumn, List<string> Architectures, List<int> Lines, List<string>? StatedKeys,
        List<int>? Indices, List<double>[] Metrics);

    private static RawRows ReadRows(BenchmarkSchema schema, string file)
    {
        using var csv = CsvReader.Open(file);
        int[] archColumns = schema.ArchitectureColumns.Select(csv.RequireColumn).ToArray();
        int[] metricColumns = schema.Metrics.Select(m => csv.RequireColumn(m.Column)).ToArray();
        int indexColumn = schema.IndexColumn is null ? -1 : csv.RequireColumn(schema.IndexColumn);
        int keyColumn = schema.KeyColumn is null ? -1 : csv.RequireColumn(schema.KeyColumn);
        int[] derivedColumns = schema.DerivedColumns.Select(csv.RequireColumn).ToArray();
        var rows = new RawRows(csv.File, string.Join(":", schema.ArchitectureColumns), schema.KeyColumn, [], [],
            keyColumn >= 0 ? [] : null, indexColumn >= 0 ? [] : null, [.. schema.Metrics.Select(_ => new List<double>())]);
        var lineOfIndex = new Dictionary<int, int>();
        string[] raw = new string[archColumns.Length];

        while (csv.Read())
        {
            for (int c = 0; c < archColumns.Length; c++) raw[c] = csv[archColumns[c]];
            string canonical;
            try
            {
                canonical = schema.Space.Canonicalize(raw.Length == 1 ? raw[0] : string.Join(':', raw));
            }
            catch (ArchitectureFormatException e)
            {
                throw new DataFormatException(csv.File, csv.Line, rows.ArchitectureColumn, $"expected an architecture of {schema.Space.Name}: {e.Message}");
            }
            if (derivedColumns.Length > 0)
            {
                var expected = schema.DerivedFields!(canonical);
                for (int d = 0; d < derivedColumns.Length; d++)
                    if (csv[derivedColumns[d]] != expected[d])
                        throw csv.Error(derivedColumns[d],
                            $"expected '{expected[d]}' to agree with {rows.ArchitectureColumn} '{canonical}', found '{csv[derivedColumns[d]]}'");
            }
            if (rows.Indices is not null)
            {
                int index = csv.ParseInt(indexColumn);
                if (!lineOfIndex.TryAdd(index, csv.Line))
                    throw csv.Error(indexColumn, $"expected unique indices, but {index} is also on line {lineOfIndex[index]}");
                rows.Indices.Add(index);
            }
            for (int m = 0; m < metricColumns.Length; m++)
                rows.Metrics[m].Add(csv.ParseDouble(metricColumns[m], schema.Metrics[m].AllowsMissing));
            rows.StatedKeys?.Add(csv[keyColumn]);
            rows.Architectures.Add(canonical);
            rows.Lines.Add(csv.Line);
        }
        return rows;
    }

    /// <summary>
    /// Each row's identity. Keys like the NB101 hash cost ~60 µs a row, so they are computed in parallel; a row whose
    /// file states a key is checked against it (every <see cref="BenchmarkSchema.KeyCheckInterval"/>-th row).
    /// </summary>
    private static string[] ComputeKeys(BenchmarkSchema schema, RawRows rows)
    {
        int n = rows.Architectures.Count;
        if (schema.Key is null) return [.. rows.Architectures];
        var key = schema.Key;
        int interval = schema.KeyCheckInterval;
        bool Computed(int r) => rows.StatedKeys is null || interval == 1 || (interval > 1 && r % interval == 0);
        var keys = new string[n];
        var errors = new string?[n];
        Parallel.For(0, n, r =>
        {
            if (!Computed(r))
            {
                keys[r] = rows.StatedKeys![r];
                return;
            }
            try
            {
                keys[r] = key(rows.Architectures[r]);
            }
            catch (ArchitectureFormatException e)
            {
                errors[r] = e.Message;
            }
        });
        for (int r = 0; r < n; r++)
        {
            if (errors[r] is { } error)
                throw new DataFormatException(rows.File, rows.Lines[r], rows.ArchitectureColumn,
                    $"expected an architecture whose {schema.KeyName} can be computed: {error}");
            if (rows.StatedKeys is not null && Computed(r) && rows.StatedKeys[r] != keys[r])
                throw new DataFormatException(rows.File, rows.Lines[r], rows.KeyColumn,
                    $"expected the {schema.KeyName} of the architecture on this line, '{keys[r]}', found '{rows.StatedKeys[r]}'");
        }
        return keys;
    }

    private int MetricPosition(string name) => metricIndex.TryGetValue(name, out int m) ? m
        : throw new ArgumentException(
            $"Benchmark '{Name}' has no metric '{name}'; valid: {(Metrics.Count == 0 ? "none (this table lists architectures only)" : string.Join(", ", Metrics.Select(x => x.Name)))}.",
            nameof(name));
}
