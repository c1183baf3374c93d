using NasSharp.Features;
using NasSharp.HyperNetworks;
using NasSharp.Training;

namespace NasSharp.Predictors;

/// <summary>Everything needed to rebuild, trust and reproduce a saved predictor; stored as JSON in the model file.</summary>
/// <param name="Predictor">Predictor kind, e.g. <c>np</c>.</param>
/// <param name="Space">Search space name the model encodes.</param>
/// <param name="Target">What the model predicts, e.g. <c>cifar10</c>.</param>
/// <param name="TrainMetric">Benchmark metric the targets came from, e.g. <c>cifar10-valid</c>.</param>
/// <param name="Np">Network configuration.</param>
/// <param name="Training">Optimisation schedule.</param>
/// <param name="Seed">Seed of sampling, initialisation, dropout and shuffling.</param>
/// <param name="TrainSize">Number of training architectures.</param>
/// <param name="Normalization">Target z-scoring.</param>
/// <param name="NodeTypes">One-hot width the model was built for.</param>
/// <param name="MaxNodes">Padded node count the model was built for.</param>
/// <param name="CodeVersion">NasSharp version (with commit when built from git).</param>
/// <param name="CreatedUtc">When the model was trained.</param>
/// <param name="Global">Global-encoding settings (HyperNAS predictors only).</param>
/// <param name="HyperNas">Hypernetwork, target network and auxiliary-task settings (hypernas and hypernas-h only).</param>
/// <param name="ImageMean">Per-channel mean of the training images the target network was trained on (HyperNAS only).</param>
/// <param name="ImageStd">Per-channel standard deviation of those images (HyperNAS only).</param>
/// <param name="ReadoutFeatures">The architecture features of a hybrid readout (np, hypernas-p); null for the plain networks.</param>
/// <param name="FeatureScaling">Their standardisation, fitted on the training set (hybrid readouts only).</param>
public sealed record PredictorMetadata(
    string Predictor, string Space, string Target, string TrainMetric, NpConfig Np, TrainingConfig Training, int Seed,
    int TrainSize, TargetNormalization Normalization, int NodeTypes, int MaxNodes, string CodeVersion, DateTime CreatedUtc,
    GlobalEncodingConfig? Global = null, HyperNasConfig? HyperNas = null, float[]? ImageMean = null, float[]? ImageStd = null,
    FeatureConfig? ReadoutFeatures = null, FeatureScaling? FeatureScaling = null)
{
    /// <summary>Width of the readout's architecture features: 0 for the plain networks.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int FeatureCount => FeatureScaling?.Names.Count ?? 0;
}
