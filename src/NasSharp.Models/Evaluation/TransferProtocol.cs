using System.Diagnostics;
using NasSharp.Encodings;
using NasSharp.Meta;
using NasSharp.Sampling;
using NasSharp.Training;

namespace NasSharp.Evaluation;

/// <summary>
/// The few-shot protocol of mp-nas §4 (Tables 2–6): K seeded support architectures of a held-out task are "measured",
/// a predictor is adapted to them, and Spearman ρ is computed over all the task's other architectures. The support
/// set depends only on (seed, run), so every method of one run sees the same architectures. The methods are those of
/// <see cref="TransferMethods"/>.
/// </summary>
/// <param name="Test">MP-NAS's fine-tuning (optimizer, learning rate, step grid).</param>
/// <param name="BaselineTest">The baselines' fine-tuning (<see cref="MetaTestConfig"/>'s defaults, as for MP-NAS).</param>
/// <param name="Network">Network of the two baselines (the meta-trained model's shape, for a fair comparison).</param>
/// <param name="Pretraining">Naive transfer's supervised pre-training on a source task.</param>
public sealed record TransferProtocol(MetaTestConfig Test, MetaTestConfig BaselineTest, MetaGcnConfig Network, TrainingConfig Pretraining)
{
    /// <summary>Naive transfer's default pre-training: 10 epochs over the source task, batches of 64, Adam 1e-3, cosine.</summary>
    public static TrainingConfig DefaultPretraining { get; } = new(Epochs: 10, BatchSize: 64, LearningRate: 1e-3);

    /// <summary>Refuses a support size <paramref name="k"/> that leaves no architecture of <paramref name="task"/> to rank.</summary>
    /// <exception cref="ArgumentException">K is negative or at least the task's <paramref name="count"/>; the message names <c>--k</c>.</exception>
    public static void CheckK(int k, int count, string task)
    {
        if (k < 0 || k >= count)
            throw new ArgumentException($"--k {k} does not fit task '{task}' of {count} architectures: K must be between 0 and {count - 1}, " +
                                        "leaving architectures to rank.");
    }

    /// <summary>Support rows of run <paramref name="run"/> (empty for K = 0) and the remaining query rows.</summary>
    public static (int[] Support, int[] Query) Split(int count, int k, int seed, int run)
    {
        CheckK(k, count, "held-out");
        int[] support = k == 0 ? [] : SeededSubset.Indices(count, k, seed + run);
        var inSupport = new bool[count];
        foreach (int i in support) inSupport[i] = true;
        return (support, Enumerable.Range(0, count).Where(i => !inSupport[i]).ToArray());
    }

    /// <summary>
    /// Runs <paramref name="method"/> on run <paramref name="run"/> of <paramref name="heldOut"/>: its predictors fitted to
    /// the K support architectures (seed + run), ρ over the other architectures. A fine-tuning that diverges is
    /// recorded as a diverged run rather than thrown, since a rerun would diverge again on the same support set.
    /// </summary>
    /// <exception cref="ArgumentException">K does not fit the task, or the method refuses the support set.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="sources"/> lacks what the method adapts.</exception>
    public TransferRun Run(TransferMethod method, TransferSources sources, MetaTask heldOut, int k, int seed, int run)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(sources);
        return Evaluate(method.Name, heldOut, k, seed, run, (support, values) => method.Fit(this, sources, support, values, seed + run));
    }

    private static TransferRun Evaluate(string method, MetaTask heldOut, int k, int seed, int run,
        Func<GraphBatch, IReadOnlyList<double>, IFewShotPredictor[]> adapt)
    {
        var clock = Stopwatch.StartNew();
        var (supportRows, queryRows) = Split(heldOut.Count, k, seed, run);
        var device = heldOut.Graphs.Features.device;
        using var supportIndex = tensor(supportRows.Select(i => (long)i).ToArray(), dtype: ScalarType.Int64, device: device);
        using var queryIndex = tensor(queryRows.Select(i => (long)i).ToArray(), dtype: ScalarType.Int64, device: device);
        using var support = heldOut.Graphs.Select(supportIndex);
        using var query = heldOut.Graphs.Select(queryIndex);
        double[] supportValues = supportRows.Select(i => (double)heldOut.Targets[i]).ToArray();
        double[] truth = queryRows.Select(i => (double)heldOut.Targets[i]).ToArray();
        IFewShotPredictor[] predictors;
        try
        {
            predictors = adapt(support, supportValues);
        }
        catch (FineTuningDivergedException e)
        {
            return new TransferRun(heldOut.Name, method, k, run, double.NaN, e.Steps, clock.Elapsed.TotalSeconds, Diverged: true);
        }
        try
        {
            double rho = predictors.Average(p => RankCorrelation.Spearman(p.Predict(query), truth));
            return new TransferRun(heldOut.Name, method, k, run, rho, predictors.Average(p => p.Steps), clock.Elapsed.TotalSeconds,
                MeanCrossValidation(predictors), predictors[0].Start);
        }
        finally
        {
            foreach (var p in predictors) p.Dispose();
        }
    }

    private static IReadOnlyDictionary<int, double>? MeanCrossValidation(IFewShotPredictor[] predictors) =>
        predictors[0].CrossValidatedSpearman.Count == 0
            ? null
            : predictors[0].CrossValidatedSpearman.Keys.Order()
                .ToDictionary(steps => steps, steps => predictors.Average(p => p.CrossValidatedSpearman[steps]));
}
