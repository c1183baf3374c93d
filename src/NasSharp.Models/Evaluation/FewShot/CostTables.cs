using NasSharp.Benchmarks;
using NasSharp.Data;

namespace NasSharp.Evaluation.FewShot;

/// <summary>
/// The cost columns of the NB201 tables under a data root (<c>nb201/nb201.csv</c>, <c>hwnas/*.csv</c>), aligned with
/// <c>nb201.csv</c>'s rows; each table is read once, when a column of it is first asked for.
/// </summary>
public sealed class CostTables : ICostColumns
{
    private readonly DataRoot root;
    private readonly BenchmarkTable nb201;
    private readonly Dictionary<string, (BenchmarkTable Table, int[] Rows)> tables = [];

    /// <summary>Reads <c>nb201.csv</c> under <paramref name="root"/>; the device tables follow on demand.</summary>
    /// <exception cref="FileNotFoundException">The table is not under the root.</exception>
    /// <exception cref="DataFormatException">The table is malformed.</exception>
    public CostTables(DataRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        this.root = root;
        nb201 = BenchmarkCatalog.LoadNb201(root);
        tables[nb201.Name] = (nb201, [.. Enumerable.Range(0, nb201.Count)]);
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Architectures => nb201.Architectures;

    /// <inheritdoc/>
    /// <exception cref="DataFormatException">A device table lacks one of the NB201 cells.</exception>
    public double[] Read(CostColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (!tables.TryGetValue(column.Benchmark, out var entry))
        {
            var table = BenchmarkCatalog.Load(root, column.Benchmark);
            var rows = new int[nb201.Count];
            for (int i = 0; i < rows.Length; i++)
                if ((rows[i] = table.IndexOf(nb201.Architectures[i])) < 0)
                    throw new DataFormatException(table.SourceFile, 0, "arch_str", $"expected every NB201 cell, but '{nb201.Architectures[i]}' is missing");
            tables[column.Benchmark] = entry = (table, rows);
        }
        if (!entry.Table.HasMetric(column.Metric))
            throw new ArgumentException($"Table '{column.Benchmark}' has no metric '{column.Metric}'.", nameof(column));
        double[] values = entry.Table.Values(column.Metric);
        return [.. entry.Rows.Select(r => values[r])];
    }
}
