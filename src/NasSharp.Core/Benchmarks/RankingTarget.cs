namespace NasSharp.Benchmarks;

/// <summary>
/// A ranking target (SPEC §4): the predictor trains on <see cref="TrainMetric"/> (validation accuracy) and is judged
/// against <see cref="EvalMetric"/> (test accuracy where the benchmark has one).
/// </summary>
/// <param name="Name">What users type after <c>--target</c>.</param>
/// <param name="TrainMetric">Metric the predictor learns.</param>
/// <param name="EvalMetric">Metric the ranking is compared with.</param>
public sealed record RankingTarget(string Name, string TrainMetric, string EvalMetric);
