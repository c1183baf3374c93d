namespace NasSharp.Benchmarks;

/// <summary>A named metric of a benchmark table.</summary>
/// <param name="Name">User-facing name, e.g. <c>cifar10-test</c>.</param>
/// <param name="Column">CSV column it is read from.</param>
/// <param name="Unit">Unit, e.g. <c>%</c> or <c>ms</c>.</param>
/// <param name="HigherIsBetter">Direction: accuracies up, latencies down.</param>
/// <param name="AllowsMissing">Whether blank cells are legal (they load as NaN).</param>
public sealed record MetricInfo(string Name, string Column, string Unit, bool HigherIsBetter, bool AllowsMissing = false);
