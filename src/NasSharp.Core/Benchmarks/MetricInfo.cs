namespace NasSharp.Benchmarks;

/// <summary>A named metric of a benchmark table: where it is read from, its unit and which direction is better.</summary>
/// <param name="Name">User-facing name, what <c>--target</c> and <see cref="BenchmarkTable.Values"/> take, e.g. <c>cifar10-test</c>.</param>
/// <param name="Column">CSV column it is read from.</param>
/// <param name="Unit">Unit, e.g. <c>%</c>, <c>ms</c>, <c>M</c> (millions); <c>score</c> when unitless.</param>
/// <param name="HigherIsBetter">Direction: accuracies and scores up, costs (latency, FLOPs, parameters) down.</param>
/// <param name="Description">One line for <c>--help</c> and listings: what was measured, on what, how.</param>
/// <param name="AllowsMissing">Whether an empty field is legal; it loads as <see cref="double.NaN"/>.</param>
public sealed record MetricInfo(string Name, string Column, string Unit, bool HigherIsBetter, string Description, bool AllowsMissing = false)
{
    /// <summary><c>name [unit, higher|lower is better]: description</c>.</summary>
    public override string ToString() =>
        $"{Name} [{Unit}, {(HigherIsBetter ? "higher" : "lower")} is better{(AllowsMissing ? ", may be missing" : "")}]: {Description}";
}
