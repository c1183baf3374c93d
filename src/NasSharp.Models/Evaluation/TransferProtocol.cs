using System.Diagnostics;
using NasSharp.Encodings;
using NasSharp.Meta;
using NasSharp.Sampling;
using NasSharp.Training;

namespace NasSharp.Evaluation;

/// <summary>
/// The few-shot protocol of mp-nas §4 (Tables 2–6): K seeded support architectures of a held-out task are "measured",
/// a predictor is adapted to them, and Spearman ρ is computed over all the task's other architectures. The support
/// set depends only on (seed, run), so every method of one run sees the same architectures.
/// </summary>
/// <param name="Test">MP-NAS's fine-tuning (optimizer, learning rate, step grid).</param>
/// <param name="BaselineTest">The baselines' fine-tuning (<see cref="MetaTestConfig"/>'s defaults, as for MP-NAS).</param>
/// <param name="Network">Network of the two baselines (the meta-trained model's shape, for a fair comparison).</param>
/// <param name="Pretraining">Naive transfer's supervised pre-training on a source task.</param>
public sealed record TransferProtocol(MetaTestConfig Test, MetaTestConfig BaselineTest, MetaGcnConfig Network, TrainingConfig Pretraining)
{
    /// <summary>Method names, as recorded in <see cref="TransferRun.Method"/>.</summary>
    public static readonly IReadOnlyList<string> Methods = ["mp-nas", "random-init", "naive-transfer", OpCountMethod, MpNasWithOpCountMethod];

    /// <summary>The methods of the paper's tables, the default selection.</summary>
    public static readonly IReadOnlyList<string> PaperMethods = ["mp-nas", "random-init", "naive-transfer"];

    /// <summary>Name of the operation-count ridge baseline (<see cref="OpCountPredictor"/>; not in the papers).</summary>
    public const string OpCountMethod = "op-count-ridge";

    /// <summary>Name of MP-NAS averaged with the operation-count ridge (<see cref="MpNasWithOpCounts"/>; not in the papers).</summary>
    public const string MpNasWithOpCountMethod = "mp-nas+op-count";

    /// <summary>Whether <paramref name="method"/> fits the operation-count ridge, which needs K ≥ 2.</summary>
    public static bool NeedsTwoSupportCells(string method) => method is OpCountMethod or MpNasWithOpCountMethod;

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

    /// <summary>MP-NAS: the meta-trained <paramref name="model"/> fine-tuned on the support set (mp-nas §3.2).</summary>
    public TransferRun MpNas(MetaModel model, MetaTask heldOut, int k, int seed, int run) =>
        Evaluate("mp-nas", heldOut, k, seed, run, (support, values) => [MetaTester.Adapt(model, support, values, Test, seed + run)]);

    /// <summary>Baseline "Rand. Init.": the same network trained from scratch on the support set.</summary>
    public TransferRun RandomInit(MetaTask heldOut, int k, int seed, int run) =>
        Evaluate("random-init", heldOut, k, seed, run, (support, values) =>
            [MetaTester.RandomInit((int)heldOut.Graphs.Features.shape[2], Network, support, values, BaselineTest, seed + run)]);

    /// <summary>
    /// Baseline "Naive Tran.": each source's pre-trained network (<see cref="MetaTester.Pretrain"/>) fine-tuned on the
    /// support set; ρ is averaged over the sources, as in the paper.
    /// </summary>
    public TransferRun NaiveTransfer(IReadOnlyList<MetaGcn> pretrained, MetaTask heldOut, int k, int seed, int run)
    {
        if (pretrained.Count == 0) throw new ArgumentException("Naive transfer needs at least one pre-trained source network.", nameof(pretrained));
        return Evaluate("naive-transfer", heldOut, k, seed, run, (support, values) =>
            pretrained.Select(p => MetaTester.NaiveTransfer(p, support, values, BaselineTest, seed + run)).ToArray());
    }

    /// <summary>
    /// Baseline "op-count ridge" (ours): ridge regression of the support values on the operation histogram
    /// (<see cref="OpCountPredictor"/>), no network and no randomness; it needs K ≥ 2.
    /// </summary>
    public static TransferRun OpCountRidge(MetaTask heldOut, int k, int seed, int run) =>
        Evaluate(OpCountMethod, heldOut, k, seed, run, (support, values) => [OpCountPredictor.Fit(support, values)]);

    /// <summary>
    /// MP-NAS and the operation-count ridge fitted to the same support set, their scores averaged
    /// (<see cref="AveragedPredictor"/>): the meta-learned prior and an additive cost model in one ranking. Ours; K ≥ 2.
    /// </summary>
    public TransferRun MpNasWithOpCounts(MetaModel model, MetaTask heldOut, int k, int seed, int run) =>
        Evaluate(MpNasWithOpCountMethod, heldOut, k, seed, run, (support, values) =>
        {
            var ridge = OpCountPredictor.Fit(support, values);
            return [new AveragedPredictor(MetaTester.Adapt(model, support, values, Test, seed + run), ridge)];
        });

    private static TransferRun Evaluate(string method, MetaTask heldOut, int k, int seed, int run,
        Func<GraphBatch, IReadOnlyList<double>, IFewShotPredictor[]> adapt)
    {
        var clock = Stopwatch.StartNew();
        var (supportRows, queryRows) = Split(heldOut.Count, k, seed, run);
        using var supportIndex = tensor(supportRows.Select(i => (long)i).ToArray(), dtype: ScalarType.Int64);
        using var queryIndex = tensor(queryRows.Select(i => (long)i).ToArray(), dtype: ScalarType.Int64);
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
