using NasSharp.Graphs;
using NasSharp.Images;
using NasSharp.Predictors;
using NasSharp.SearchSpaces;

namespace NasSharp.Evaluation;

/// <summary>
/// What the ranking protocol needs from a benchmark: every architecture encoded, the metric the predictor trains on
/// (validation accuracy) and the metric it is judged against (test accuracy), aligned by row.
/// </summary>
/// <param name="Space">The search space.</param>
/// <param name="Target">User-facing target name, e.g. <c>cifar10</c>.</param>
/// <param name="TrainMetric">Metric the predictor is trained on.</param>
/// <param name="EvalMetric">Metric rankings are compared with.</param>
/// <param name="Graphs">Encoded architectures, one per benchmark row.</param>
/// <param name="TrainValues">Training metric per row.</param>
/// <param name="EvalValues">Evaluation metric per row.</param>
public sealed record RankingTask(
    ISearchSpace Space, string Target, string TrainMetric, string EvalMetric,
    IReadOnlyList<CellGraph> Graphs, IReadOnlyList<double> TrainValues, IReadOnlyList<double> EvalValues)
{
    /// <summary>Training images of the HyperNAS auxiliary task (null when the predictor needs none).</summary>
    public Cifar10Dataset? Images { get; init; }

    /// <summary>Trains a predictor described by <paramref name="metadata"/> on the training metric of <paramref name="rows"/>.</summary>
    public ArchitecturePredictor TrainOn(IReadOnlyList<int> rows, PredictorMetadata metadata, Action<int>? epochDone = null) =>
        ArchitecturePredictor.Train(metadata, rows.Select(i => Graphs[i]).ToArray(), rows.Select(i => TrainValues[i]).ToArray(), epochDone, Images);
}
