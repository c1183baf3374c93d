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
    /// <summary>
    /// Runs one (size, seed) cell with a predictor of <paramref name="kind"/> made from <paramref name="context"/>
    /// (its space, target and metric are the task's). <paramref name="epochDone"/> reports the training's progress.
    /// </summary>
    /// <exception cref="ArgumentException">The kind has no score head, or the context lacks what it needs.</exception>
    public static RankingRun Run(RankingTask task, PredictorKind kind, PredictorContext context, int trainSize, int seed, Action<int>? epochDone = null)
    {
        RequireScoreHead(kind);
        int[] train = SeededSubset.Indices(task.Count, trainSize, seed);
        using var predictor = kind.Create(task.ContextFor(context) with { EpochDone = epochDone });
        var clock = Stopwatch.StartNew();
        task.Fit(predictor, train, seed);
        double seconds = clock.Elapsed.TotalSeconds;
        double[] predicted = predictor.Predict(task.Architectures);
        double[] truth = task.EvalValues.ToArray();

        var seen = new bool[truth.Length];
        foreach (int i in train) seen[i] = true;
        double[] unseenPred = predicted.Where((_, i) => !seen[i]).ToArray();
        double[] unseenTruth = truth.Where((_, i) => !seen[i]).ToArray();

        return new RankingRun(kind.Name, task.Space.Name, task.Target, trainSize, seed,
            RankCorrelation.KendallTauB(predicted, truth),
            RankCorrelation.KendallTauB(unseenPred, unseenTruth),
            RankCorrelation.Spearman(predicted, truth),
            TopK.PrecisionAtFraction(truth, predicted, 0.05),
            seconds);
    }

    /// <summary>Refuses a kind that cannot rank (hypernas-h) before any work is done.</summary>
    /// <exception cref="ArgumentException">The kind has no score head.</exception>
    public static void RequireScoreHead(PredictorKind kind)
    {
        if (!kind.HasScoreHead)
            throw new ArgumentException($"{kind.Name} trains no score head, so it cannot rank; compare its generated networks with 'nassharp init-weights'.");
    }
}
