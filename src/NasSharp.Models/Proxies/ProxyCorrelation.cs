using NasSharp.Benchmarks;
using NasSharp.Evaluation;

namespace NasSharp.Proxies;

/// <summary>How one proxy ranks the cells of a proxies file that a benchmark table also holds, against one table metric.</summary>
/// <param name="Proxy">Proxy name.</param>
/// <param name="Metric">Benchmark metric name, e.g. <c>cifar10-test</c> or the NB201 table's <c>naswot</c> column.</param>
/// <param name="Cells">Cells compared: in the file and the table, with a defined score and a value.</param>
/// <param name="Spearman">Spearman ρ.</param>
/// <param name="Kendall">Kendall τ-b.</param>
public sealed record ProxyCorrelation(string Proxy, string Metric, int Cells, double Spearman, double Kendall)
{
    /// <summary>
    /// The metrics a proxies run is checked against: the CIFAR-10 ranking target's evaluation metric (NB201
    /// <c>cifar10-test</c>, NB101 <c>val-acc-108</c>) and, where the table has it, the table's own NASWOT column.
    /// </summary>
    public static IReadOnlyList<string> ReferenceMetrics(BenchmarkTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var metrics = new List<string> { BenchmarkCatalog.RankingTarget(table.Space, "cifar10").EvalMetric };
        if (table.HasMetric("naswot")) metrics.Add("naswot");
        return metrics;
    }

    /// <summary>Every (proxy, metric) pair's correlation over the rows of <paramref name="rows"/> that <paramref name="table"/> holds.</summary>
    /// <param name="proxies">The proxies, in the rows' score order.</param>
    /// <param name="rows">Proxy rows of the table's space.</param>
    /// <param name="table">The benchmark table.</param>
    /// <param name="metrics">Metric names of the table.</param>
    /// <returns>One entry per pair; NaN correlations when fewer than two cells pair up or one side is constant.</returns>
    public static IReadOnlyList<ProxyCorrelation> Compute(IReadOnlyList<string> proxies, IReadOnlyList<ProxyRow> rows, BenchmarkTable table,
        IReadOnlyList<string> metrics)
    {
        ArgumentNullException.ThrowIfNull(proxies);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(metrics);
        int[] tableRow = [.. rows.Select(r => table.IndexOf(r.Architecture))];
        var result = new List<ProxyCorrelation>();
        foreach (string metric in metrics)
        {
            double[] values = table.Values(metric);
            for (int p = 0; p < proxies.Count; p++)
            {
                var pairs = Enumerable.Range(0, rows.Count)
                    .Where(i => tableRow[i] >= 0 && double.IsFinite(rows[i].Scores[p]) && double.IsFinite(values[tableRow[i]]))
                    .ToArray();
                double[] x = [.. pairs.Select(i => rows[i].Scores[p])], y = [.. pairs.Select(i => values[tableRow[i]])];
                result.Add(pairs.Length < 2
                    ? new ProxyCorrelation(proxies[p], metric, pairs.Length, double.NaN, double.NaN)
                    : new ProxyCorrelation(proxies[p], metric, pairs.Length, RankCorrelation.Spearman(x, y), RankCorrelation.KendallTauB(x, y)));
            }
        }
        return result;
    }
}
