namespace NasSharp.Tasks;

/// <summary>
/// A NAS task, the unit MP-NAS meta-learns over and adapts to (mp-nas.txt §3.2, Table 1): one metric of one
/// benchmark table, with its direction. "A task is (benchmark, metric, direction)"; the space is the benchmark's.
/// </summary>
/// <param name="Name">Catalog name, <c>&lt;space&gt;/&lt;task&gt;</c>, e.g. <c>nb201/cifar10</c> or <c>tb101/jigsaw</c>.</param>
/// <param name="Space">Name of the search space (<see cref="SearchSpaces.SearchSpaceCatalog"/>), e.g. <c>nb201</c>.</param>
/// <param name="Benchmark">Name of the benchmark table (<see cref="Benchmarks.BenchmarkCatalog"/>), e.g. <c>nb201-latency-help</c>.</param>
/// <param name="Metric">Name of the metric in that table, e.g. <c>cifar10-valid</c>.</param>
/// <param name="HigherIsBetter">Direction of the raw metric, as its <see cref="Benchmarks.MetricInfo"/> states it.</param>
/// <param name="Description">One line: what the task measures and where it comes from.</param>
public sealed record NasTask(string Name, string Space, string Benchmark, string Metric, bool HigherIsBetter, string Description)
{
    /// <summary>
    /// <paramref name="value"/> oriented so that higher is better for every task: unchanged when the metric is
    /// higher-is-better, negated when it is lower-is-better (latency, loss). Negation rather than a reciprocal or a
    /// rank keeps the scale and the spacing of the values, and is its own inverse, so a raw value is
    /// <c>Orient(oriented)</c>.
    /// </summary>
    public double Orient(double value) => HigherIsBetter ? value : -value;

    /// <summary><c>name: benchmark/metric (higher|lower is better)</c>.</summary>
    public override string ToString() => $"{Name}: {Benchmark}/{Metric} ({(HigherIsBetter ? "higher" : "lower")} is better)";
}
