using System.Text.Json.Serialization;
using NasSharp.Features;

namespace NasSharp.Predictors.Features;

/// <summary>Everything needed to rebuild, trust and reproduce a saved feature model; stored as JSON in its model file.</summary>
/// <param name="Predictor">Registry kind, e.g. <c>lgbm</c>.</param>
/// <param name="Learner">The ML.NET learner.</param>
/// <param name="Space">Search space name.</param>
/// <param name="Target">What the model predicts, e.g. <c>cifar10</c>.</param>
/// <param name="TrainMetric">The metric the fitted values came from, e.g. <c>cifar10-valid</c>.</param>
/// <param name="Seed">Seed of the fold assignment and of every fit.</param>
/// <param name="TrainSize">Training architectures.</param>
/// <param name="Features">The feature configuration the featurizer is rebuilt from.</param>
/// <param name="FeatureNames">The features the model was trained on, in order; a rebuilt featurizer must give the same.</param>
/// <param name="Settings">The tree settings of the final model.</param>
/// <param name="CrossValidation">How the settings were chosen; null when they were fixed.</param>
/// <param name="Normalization">Target z-scoring of the labels the trees were fitted on.</param>
/// <param name="CodeVersion">NasSharp version (with commit when built from git).</param>
/// <param name="CreatedUtc">When the model was fitted.</param>
public sealed record FeatureModelMetadata(
    [property: JsonPropertyName("predictor")] string Predictor,
    [property: JsonPropertyName("learner")] TreeLearner Learner,
    [property: JsonPropertyName("space")] string Space,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("train_metric")] string TrainMetric,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("train_size")] int TrainSize,
    [property: JsonPropertyName("features")] FeatureConfig? Features,
    [property: JsonPropertyName("feature_names")] IReadOnlyList<string> FeatureNames,
    [property: JsonPropertyName("settings")] TreeSettings Settings,
    [property: JsonPropertyName("cross_validation")] CrossValidationResult? CrossValidation,
    [property: JsonPropertyName("normalization")] TargetNormalization Normalization,
    [property: JsonPropertyName("code_version")] string CodeVersion,
    [property: JsonPropertyName("created_utc")] DateTime CreatedUtc);
