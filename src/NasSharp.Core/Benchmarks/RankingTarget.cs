namespace NasSharp.Benchmarks;

/// <summary>
/// A ranking target (SPEC §4): the predictor trains on <see cref="TrainMetric"/> (validation accuracy) and is judged
/// against <see cref="EvalMetric"/> (test accuracy where the benchmark has one, otherwise the same metric).
/// </summary>
/// <param name="Name">What users type after <c>--target</c>, e.g. <c>cifar10</c>.</param>
/// <param name="TrainMetric">Metric the predictor learns.</param>
/// <param name="EvalMetric">Metric the ranking is compared with.</param>
public sealed record RankingTarget(string Name, string TrainMetric, string EvalMetric)
{
    /// <summary><c>name (train on X, evaluate on Y)</c>.</summary>
    public override string ToString() => TrainMetric == EvalMetric
        ? $"{Name} (train and evaluate on {TrainMetric})"
        : $"{Name} (train on {TrainMetric}, evaluate on {EvalMetric})";
}
