using NasSharp.Predictors;
using NasSharp.SearchSpaces;

namespace NasSharp.Evaluation;

/// <summary>
/// What the ranking protocol needs from a benchmark: every architecture, the metric the predictor trains on
/// (validation accuracy) and the metric it is judged against (test accuracy), aligned by row.
/// </summary>
/// <param name="Space">The search space.</param>
/// <param name="Target">User-facing target name, e.g. <c>cifar10</c>.</param>
/// <param name="TrainMetric">Metric the predictor is trained on.</param>
/// <param name="EvalMetric">Metric rankings are compared with.</param>
/// <param name="Architectures">Canonical architecture strings, one per benchmark row.</param>
/// <param name="TrainValues">Training metric per row.</param>
/// <param name="EvalValues">Evaluation metric per row.</param>
public sealed record RankingTask(
    ISearchSpace Space, string Target, string TrainMetric, string EvalMetric,
    IReadOnlyList<string> Architectures, IReadOnlyList<double> TrainValues, IReadOnlyList<double> EvalValues)
{
    /// <summary>Number of benchmark rows.</summary>
    public int Count => Architectures.Count;

    /// <summary>
    /// <paramref name="context"/> for this task: its space, target and training metric (recorded in model files).
    /// </summary>
    public PredictorContext ContextFor(PredictorContext context) =>
        context with { Space = Space, Target = Target, TrainMetric = TrainMetric };

    /// <summary>Fits <paramref name="predictor"/> on the training metric of <paramref name="rows"/> with <paramref name="seed"/>.</summary>
    public void Fit(IArchitecturePredictor predictor, IReadOnlyList<int> rows, int seed) =>
        predictor.Fit(rows.Select(i => Architectures[i]).ToArray(), rows.Select(i => TrainValues[i]).ToArray(), seed);
}
