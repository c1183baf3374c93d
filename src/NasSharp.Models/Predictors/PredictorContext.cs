using NasSharp.Features;
using NasSharp.Images;
using NasSharp.Meta;
using NasSharp.Predictors.Features;
using NasSharp.SearchSpaces;

namespace NasSharp.Predictors;

/// <summary>
/// Everything a <see cref="PredictorKind"/> may need to make a predictor: the space it predicts, the torch device, and
/// each kind's configuration (a kind reads only its own part; every part has documented defaults).
/// </summary>
/// <param name="Space">The space whose canonical architecture strings the predictor takes.</param>
public sealed record PredictorContext(ISearchSpace Space)
{
    /// <summary>The torch device of the trained networks (the CPU by default).</summary>
    public Device Device { get; init; } = CPU;

    /// <summary>What the fitted values are, recorded in model files (e.g. <c>cifar10</c>); <c>values</c> by default.</summary>
    public string Target { get; init; } = "values";

    /// <summary>The metric the fitted values came from, recorded in model files (e.g. <c>cifar10-valid</c>); <c>values</c> by default.</summary>
    public string TrainMetric { get; init; } = "values";

    /// <summary>Called with the epochs done during each fit of a kind that trains for epochs (progress displays); none by default.</summary>
    public Action<int>? EpochDone { get; init; }

    /// <summary>np, hypernas-p, hypernas, hypernas-h: network, schedule, warm start.</summary>
    public NetworkPredictorConfig Network { get; init; } = new();

    /// <summary>CIFAR-10 training images of the hypernetwork's auxiliary task (hypernas, hypernas-h); none by default.</summary>
    public Cifar10Dataset? Images { get; init; }

    /// <summary>mp-nas: the meta-trained model file (<c>nassharp meta-train --out</c>); required for that kind.</summary>
    public string? MetaModelPath { get; init; }

    /// <summary>mp-nas: the meta-test fine-tuning (<see cref="MetaTestConfig"/>'s defaults).</summary>
    public MetaTestConfig MetaTest { get; init; } = new();

    /// <summary>op-count: the ridge penalty λ (<see cref="OpCountPredictor.DefaultPenalty"/>).</summary>
    public double OpCountPenalty { get; init; } = OpCountPredictor.DefaultPenalty;

    /// <summary>ensemble: the members' kind and number.</summary>
    public EnsembleConfig Ensemble { get; init; } = new();

    /// <summary>forest, lgbm, boost: the features the trees learn from (the space's graph features by default).</summary>
    public FeatureConfig Features { get; init; } = new();

    /// <summary>forest, lgbm, boost: how the tree settings are chosen (cross-validation on the training cells by default).</summary>
    public FeatureModelConfig FeatureModel { get; init; } = new();
}
