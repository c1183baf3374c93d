using NasSharp.Predictors;

namespace NasSharp.Evaluation.FewShot;

/// <summary>The methods the few-shot experiment compares on the same support cells; adding one is one entry here.</summary>
public static class FewShotMethods
{
    /// <summary>The zero-shot FLOPs proxy: fewer FLOPs rank better; reads no support value.</summary>
    public static FewShotMethod Flops { get; } = new("flops", "zero-shot: fewer FLOPs rank better (nb201.csv's exact FLOPs, CIFAR-10 network)",
        NeedsMetaModel: false, NeedsCosts: true, inputs => CostFeatures.MinusFlops(inputs.Space, inputs.Costs!, inputs.Query));

    /// <summary>The operation-count ridge (kind <c>op-count</c>).</summary>
    public static FewShotMethod OpCountRidge { get; } = new("op-count-ridge", "ridge on the unified operation counts (kind op-count, λ = 1)",
        NeedsMetaModel: false, NeedsCosts: false, inputs => inputs.FitAndScore(PredictorRegistry.OpCount, FewShotTaskKind.Accuracy));

    /// <summary>The feature ridge on the space's graph features alone.</summary>
    public static FewShotMethod GraphRidge { get; } = new("graph-ridge", "feature-ridge on the space's graph features",
        NeedsMetaModel: false, NeedsCosts: false, inputs => inputs.FitAndScore(PredictorRegistry.FeatureRidge, FewShotTaskKind.Accuracy));

    /// <summary>The feature ridge on graph features, FLOPs and parameters, without the device prior.</summary>
    public static FewShotMethod CostRidge { get; } = new("cost-ridge", "feature-ridge on graph features, log FLOPs and log parameters (no other device)",
        NeedsMetaModel: false, NeedsCosts: true, inputs => (inputs with { PriorDevices = [] }).FitAndScore(PredictorRegistry.FeatureRidge, FewShotTaskKind.Cost));

    /// <summary>The feature ridge on graph features, FLOPs, parameters and the other devices' log latencies.</summary>
    public static FewShotMethod PriorRidge { get; } = new("prior-ridge",
        "feature-ridge on graph features, log FLOPs, log parameters and the log latencies of every other device (leave-device-out)",
        NeedsMetaModel: false, NeedsCosts: true, inputs => inputs.FitAndScore(PredictorRegistry.FeatureRidge, FewShotTaskKind.Cost));

    /// <summary>prior-ridge fitted to the logarithm of the cost.</summary>
    public static FewShotMethod LogPriorRidge { get; } = new("log-prior-ridge",
        "prior-ridge fitted to the logarithm of the cost, the scale the device columns enter in",
        NeedsMetaModel: false, NeedsCosts: true, inputs => inputs.FitAndScore(PredictorRegistry.FeatureRidge, FewShotTaskKind.Cost, logCost: true));

    /// <summary>log-prior-ridge on the few features most correlated with the support values (the cost default).</summary>
    public static FewShotMethod ScreenedRidge { get; } = new("screened-ridge",
        "log-prior-ridge on the --screen features most correlated with the support values, screened again in every cross-validation fold (the cost default)",
        NeedsMetaModel: false, NeedsCosts: true, inputs => inputs.FitAndScore(PredictorRegistry.FeatureRidge, FewShotTaskKind.Cost, logCost: true, screenCost: inputs.Screen));

    /// <summary>prior-ridge shrunk towards the FLOPs ranking instead of towards zero.</summary>
    public static FewShotMethod AnchoredRidge { get; } = new("anchored-ridge",
        "prior-ridge shrunk towards the FLOPs ranking: the slope on log FLOPs unpenalised, the ridge on what it leaves",
        NeedsMetaModel: false, NeedsCosts: true, inputs => inputs.FitAndScore(PredictorRegistry.FeatureRidge, FewShotTaskKind.Cost, anchorCostOnFlops: true));

    /// <summary>MP-NAS adapted to the support set (kind <c>mp-nas</c>).</summary>
    public static FewShotMethod MpNas { get; } = new("mp-nas", "the meta-trained model (--meta-model) fine-tuned on the support set",
        NeedsMetaModel: true, NeedsCosts: false, inputs => inputs.FitAndScore(PredictorRegistry.MpNas, FewShotTaskKind.Accuracy));

    /// <summary>MP-NAS and the graph-feature ridge, their query scores z-scored and averaged.</summary>
    public static FewShotMethod MpNasWithGraphRidge { get; } = new("mp-nas+graph-ridge",
        "the mean of mp-nas's and graph-ridge's query scores, each z-scored over the query cells",
        NeedsMetaModel: true, NeedsCosts: false, inputs => Average(MpNas.Score(inputs), GraphRidge.Score(inputs)));

    /// <summary>What <c>adapt --predictor default</c> does: the task kind decided from the support set, then the default of that kind.</summary>
    public static FewShotMethod Default { get; } = new(FewShotFitter.Default,
        "adapt --predictor default: task kind from the support set (a higher-is-better metric is an accuracy, else its FLOPs correlation decides); for a cost screened-ridge (--screen 8); for an accuracy mp-nas (with --meta-model) or graph-ridge",
        NeedsMetaModel: false, NeedsCosts: true, inputs => inputs.FitAndScore(FewShotFitter.Default, FewShotTaskKind.Auto));

    /// <summary>Every method, in the order help texts list them.</summary>
    public static IReadOnlyList<FewShotMethod> All { get; } = [Flops, OpCountRidge, GraphRidge, CostRidge, PriorRidge, LogPriorRidge, ScreenedRidge, AnchoredRidge, MpNas, MpNasWithGraphRidge, Default];

    /// <summary>The names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(m => m.Name)];

    /// <summary>The method called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static FewShotMethod Get(string name) =>
        All.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"Unknown few-shot method '{name}'; valid: {string.Join(", ", Names)}.", nameof(name));

    private static double[] Average(double[] a, double[] b)
    {
        var za = TargetNormalization.Fit(a).Normalize(a);
        var zb = TargetNormalization.Fit(b).Normalize(b);
        return [.. za.Select((v, i) => (v + (double)zb[i]) / 2)];
    }
}
