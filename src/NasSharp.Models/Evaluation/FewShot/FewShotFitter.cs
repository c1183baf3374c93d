using NasSharp.Features;
using NasSharp.Meta;
using NasSharp.Predictors;

namespace NasSharp.Evaluation.FewShot;

/// <summary>
/// Few-shot fitting of any predictor of the contract to a support set (what <c>nassharp adapt</c> calls), and the
/// default choice: on a cost-like task the feature ridge on cost features and the other devices' latencies
/// (<see cref="CostPredictor"/>), fitted to log costs on the <see cref="CostScreen"/> features most correlated with them, on an accuracy-like one MP-NAS when a meta-trained model is given, else the
/// feature ridge on graph features. The evidence is in docs/RESULTS.md ("Issue 15: few-shot").
/// </summary>
public static class FewShotFitter
{
    /// <summary>The name that asks for the default choice.</summary>
    public const string Default = "default";

    /// <summary>
    /// Below this Spearman of the support values with −FLOPs a task counts as accuracy-like. Zero: a cost (oriented,
    /// higher = better) falls as FLOPs grow, an accuracy rises; every NB201 device latency and every accuracy task
    /// of the catalog falls on its side over the whole space.
    /// </summary>
    public const double CostThreshold = 0;

    /// <summary>Different support values <see cref="FewShotTaskKind.Auto"/> needs: two points always correlate at ±1 with FLOPs.</summary>
    public const int MinimumToDecide = 3;

    /// <summary>
    /// The features the cost default's ridge keeps (<see cref="FeatureRidgeConfig.Screen"/>), of 2, 4, 8 and 16 the
    /// best mean Spearman on validation devices only (docs/RESULTS.md, "Issue 15: few-shot costs in log space, screened").
    /// </summary>
    public const int CostScreen = 8;

    /// <summary>Decides the task kind, makes the predictor and fits it to the support set.</summary>
    /// <exception cref="ArgumentException">
    /// An unknown kind, a kind that needs what the request lacks (a meta-model), too few or constant values, or
    /// <see cref="FewShotTaskKind.Auto"/> where it cannot decide (no cost tables, or fewer than 2 different values).
    /// </exception>
    public static FewShotFit Fit(FewShotRequest request)
    {
        var (kind, taskKind, flopsRho) = Choose(request);
        // A cost fits as the request says, except the cost default: log costs on the screened features.
        bool cost = taskKind == FewShotTaskKind.Cost, defaultCost = cost && request.Predictor == Default;
        var featurizer = kind == PredictorRegistry.FeatureRidge ? Featurizer(request, taskKind) : null;
        var context = new PredictorContext(request.Space)
        {
            MetaModelPath = request.MetaModelPath,
            MetaTest = request.MetaTest,
            FeatureRidge = new FeatureRidgeConfig(featurizer)
            {
                Anchor = cost && request.AnchorCostOnFlops && request.Costs is not null ? DeviceCatalog.Flops.Name : null,
                LogMagnitude = cost && (request.LogCost || defaultCost),
                Screen = !cost ? null : request.ScreenCost ?? (defaultCost ? CostScreen : null),
            },
        };
        var predictor = PredictorRegistry.Create(kind, context);
        try
        {
            predictor.Fit(request.Architectures, request.Values, request.Seed);
        }
        catch
        {
            predictor.Dispose();
            throw;
        }
        return new FewShotFit(predictor, kind, taskKind, flopsRho, featurizer?.Names ?? []);
    }

    /// <summary>
    /// The kind <see cref="Fit"/> would fit, the task kind it decided and the support set's Spearman with −FLOPs
    /// (NaN when not computed), without fitting anything.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Fit"/>, for what the decision needs.</exception>
    public static (string Kind, FewShotTaskKind TaskKind, double FlopsSpearman) Choose(FewShotRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Costs is not null && request.Space.Name != "nb201")
            throw new ArgumentException($"The cost tables describe nb201 cells; space '{request.Space.Name}' has none.");
        double flopsRho = request.Costs is null || request.Values.Distinct().Count() < MinimumToDecide ? double.NaN : FlopsSpearman(request);
        var taskKind = request.TaskKind;
        // A cost (latency, energy) is lower-is-better and positive, so its oriented values are never above zero: a
        // positive support value can only be a higher-is-better metric, which is accuracy-like whatever FLOPs say.
        if (taskKind == FewShotTaskKind.Auto && request.Values.Any(v => v > 0))
            taskKind = FewShotTaskKind.Accuracy;
        // Too little to decide from, but a meta-trained model: MP-NAS, which also scores zero-shot (K = 0, 1).
        if (taskKind == FewShotTaskKind.Auto && double.IsNaN(flopsRho) && request.MetaModelPath is not null)
            taskKind = FewShotTaskKind.Accuracy;
        if (taskKind == FewShotTaskKind.Auto)
        {
            if (double.IsNaN(flopsRho))
                throw new ArgumentException(request.Costs is null
                    ? $"The task kind cannot be decided from the support set in space '{request.Space.Name}' (FLOPs are known for nb201 only); " +
                      "give it (--task-kind accuracy|cost)."
                    : $"The task kind cannot be decided from fewer than {MinimumToDecide} different support values; give it (--task-kind accuracy|cost).");
            taskKind = flopsRho > CostThreshold ? FewShotTaskKind.Cost : FewShotTaskKind.Accuracy;
        }
        string kind = request.Predictor == Default
            ? taskKind == FewShotTaskKind.Cost || request.MetaModelPath is null ? PredictorRegistry.FeatureRidge : PredictorRegistry.MpNas
            : request.Predictor;
        return (kind, taskKind, flopsRho);
    }

    /// <summary>
    /// The cost features of a cost task: on NB201 the operation counts (dead operations included), log FLOPs, log
    /// parameters and the log latencies of every device but the excluded one (<see cref="DeviceCatalog.PriorFor"/>);
    /// elsewhere the space's graph features.
    /// </summary>
    public static IArchitectureFeaturizer CostPredictor(FewShotRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Costs is null) return GraphFeatures.For(request.Space);
        IReadOnlyList<CostColumn> columns = [.. DeviceCatalog.ArchitectureCosts, .. DeviceCatalog.PriorFor(request.ExcludedDevice, request.PriorDevices)];
        return new ConcatenatedFeaturizer([new Nb201OperationCounts(), new CostFeatures(request.Space, request.Costs, columns)]);
    }

    private static IArchitectureFeaturizer Featurizer(FewShotRequest request, FewShotTaskKind taskKind) =>
        taskKind == FewShotTaskKind.Cost ? CostPredictor(request) : GraphFeatures.For(request.Space);

    private static double FlopsSpearman(FewShotRequest request) =>
        Evaluation.RankCorrelation.Spearman(CostFeatures.MinusFlops(request.Space, request.Costs!, request.Architectures), [.. request.Values]);
}
