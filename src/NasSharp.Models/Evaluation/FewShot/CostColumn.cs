namespace NasSharp.Evaluation.FewShot;

/// <summary>
/// One per-architecture cost column of an NB201 table: a device latency (HELP, HW-NAS-Bench) or an architecture
/// cost (FLOPs, parameters of <c>nb201.csv</c>).
/// </summary>
/// <param name="Benchmark">Catalog name of the table, e.g. <c>nb201-latency-help</c>.</param>
/// <param name="Metric">Metric name in that table, e.g. <c>gold-6226</c>.</param>
/// <param name="Device">
/// The physical device measured, shared by every column of it (batch sizes, the networks of the three datasets, the
/// copies one file holds of another's); null for an architecture cost, which no device owns. Leaving a device out
/// leaves out every column with its name.
/// </param>
public sealed record CostColumn(string Benchmark, string Metric, string? Device)
{
    /// <summary><c>benchmark:metric</c>, the feature name.</summary>
    public string Name => $"{Benchmark}:{Metric}";

    /// <inheritdoc/>
    public override string ToString() => Name;
}
