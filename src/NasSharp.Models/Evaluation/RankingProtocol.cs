using System.Diagnostics;
using NasSharp.Predictors;
using NasSharp.Sampling;

namespace NasSharp.Evaluation;

/// <summary>
/// The ranking protocol of HyperNAS Table 1 (SPEC §4): train on <c>n</c> seeded random architectures using the
/// training metric, predict every architecture, and compare with the evaluation metric over all rows and over the
/// rows not trained on.
/// </summary>
public static class RankingProtocol
{
    /// <summary>Runs one (size, seed) cell. <paramref name="template"/> gives predictor kind and configuration.</summary>
    public static RankingRun Run(RankingTask task, PredictorMetadata template, int trainSize, int seed, Action<int>? epochDone = null)
    {
        int[] train = SeededSubset.Indices(task.Graphs.Count, trainSize, seed);
        var meta = template with { Seed = seed, Space = task.Space.Name, Target = task.Target, TrainMetric = task.TrainMetric };
        var clock = Stopwatch.StartNew();
        using var predictor = task.TrainOn(train, meta, epochDone);
        double seconds = clock.Elapsed.TotalSeconds;
        double[] predicted = predictor.Predict(task.Graphs);
        double[] truth = task.EvalValues.ToArray();

        var seen = new bool[truth.Length];
        foreach (int i in train) seen[i] = true;
        double[] unseenPred = predicted.Where((_, i) => !seen[i]).ToArray();
        double[] unseenTruth = truth.Where((_, i) => !seen[i]).ToArray();

        return new RankingRun(template.Predictor, task.Space.Name, task.Target, trainSize, seed,
            RankCorrelation.KendallTauB(predicted, truth),
            RankCorrelation.KendallTauB(unseenPred, unseenTruth),
            RankCorrelation.Spearman(predicted, truth),
            TopK.PrecisionAtFraction(truth, predicted, 0.05),
            seconds);
    }
}
