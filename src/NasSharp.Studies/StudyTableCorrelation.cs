using System.Globalization;
using NasSharp.Benchmarks;
using NasSharp.Data;
using NasSharp.Proxies;
using NasSharp.SearchSpaces;

namespace NasSharp.Studies;

/// <summary>
/// How well a study's trial values rank its architectures like a benchmark table (<c>nassharp study correlate</c>):
/// Spearman ρ and Kendall τ-b between the first objective of the complete trials and the table's validation and test
/// metric of a target, e.g. the built-in trainer's accuracy against NB201's 200-epoch CIFAR-10 accuracy (its fidelity).
/// The pairing and the coefficients are the zero-cost proxies' (<see cref="ProxyCorrelation"/>), with the objective
/// in the proxy's place. Also the trials' <c>seconds</c> attribute, mean and median.
/// </summary>
/// <param name="Objective">The study objective correlated.</param>
/// <param name="Trials">Complete trials.</param>
/// <param name="Correlations">One per table metric: cells paired (complete, with a table value), ρ and τ.</param>
/// <param name="MeanSeconds">Mean of the trials' <c>seconds</c>; null when none recorded it.</param>
/// <param name="MedianSeconds">Median of the trials' <c>seconds</c>; null when none recorded it.</param>
public sealed record StudyTableCorrelation(string Objective, int Trials, IReadOnlyList<ProxyCorrelation> Correlations, double? MeanSeconds,
    double? MedianSeconds)
{
    /// <summary>Correlates <paramref name="status"/>'s complete trials with the space's benchmark under <paramref name="root"/> for <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentException">Unknown target, or the study's space has no benchmark.</exception>
    public static StudyTableCorrelation Compute(StudyStatus status, DataRoot root, string target)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(root);
        var space = SearchSpaceCatalog.Get(status.Definition.Space);
        var rankingTarget = BenchmarkCatalog.RankingTarget(space, target);
        var table = BenchmarkCatalog.Load(root, space);
        var complete = status.Completed;
        var rows = complete.Select(t => new ProxyRow(space.Canonicalize(t.Arch), [t.Values![0]])).ToArray();
        string[] metrics = [.. new[] { rankingTarget.TrainMetric, rankingTarget.EvalMetric }.Distinct()];
        var correlations = ProxyCorrelation.Compute([status.Definition.ObjectiveNames[0]], rows, table, metrics);
        double[] seconds = [.. complete.Select(Seconds).OfType<double>().Order()];
        double? median = seconds.Length == 0 ? null
            : seconds.Length % 2 == 1 ? seconds[seconds.Length / 2] : (seconds[seconds.Length / 2 - 1] + seconds[seconds.Length / 2]) / 2;
        return new StudyTableCorrelation(status.Definition.ObjectiveNames[0], complete.Count, correlations, seconds.Length == 0 ? null : seconds.Average(), median);
    }

    private static double? Seconds(Trial t) =>
        t.Attributes["seconds"] is { } node && double.TryParse(node.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double s) ? s : null;
}
