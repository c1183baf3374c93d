using System.Text.Json.Serialization;
using NasSharp.Features;
using NasSharp.HyperNetworks;
using NasSharp.Predictors;
using NasSharp.Predictors.Features;
using NasSharp.Training;

namespace NasSharp.Evaluation;

/// <summary>Configuration of one <c>rank</c> invocation, stored in <c>rank.json</c>; a resume requires an equal one.</summary>
public sealed record RankConfig(
    [property: JsonPropertyName("predictor")] string Predictor,
    [property: JsonPropertyName("space")] string Space,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("train_metric")] string TrainMetric,
    [property: JsonPropertyName("eval_metric")] string EvalMetric,
    [property: JsonPropertyName("train_sizes")] int[] TrainSizes,
    [property: JsonPropertyName("seeds")] int[] Seeds,
    [property: JsonPropertyName("training")] TrainingConfig Training,
    [property: JsonPropertyName("data_root")] string DataRoot)
{
    /// <summary>Global-encoding settings (hypernas-p, hypernas).</summary>
    [JsonPropertyName("global")]
    public GlobalEncodingConfig? Global { get; init; }

    /// <summary>HyperNAS settings (hypernas).</summary>
    [JsonPropertyName("hypernas")]
    public HyperNasConfig? HyperNas { get; init; }

    /// <summary>The hybrid readout's features (np, hypernas-p with --with-features); null (not written) for the plain networks.</summary>
    [JsonPropertyName("readout_features")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FeatureConfig? ReadoutFeatures { get; init; }

    /// <summary>The features of a feature model (forest, lgbm, boost); null for other kinds.</summary>
    [JsonPropertyName("features")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FeatureConfig? Features { get; init; }

    /// <summary>How a feature model chooses its tree settings; null for other kinds.</summary>
    [JsonPropertyName("feature_model")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FeatureModelConfig? FeatureModel { get; init; }

    /// <summary>
    /// When the ranked predictor is an ensemble of <see cref="Predictor"/>'s kind (<c>rank --ensemble</c>): its members'
    /// kind and number; null (not written) for a single predictor.
    /// </summary>
    [JsonPropertyName("ensemble")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EnsembleConfig? Ensemble { get; init; }

    /// <summary>The ranked predictor for titles: its kind, or e.g. <c>ensemble of 5 np</c>.</summary>
    [JsonIgnore]
    public string PredictorLabel => Ensemble is { } e ? $"ensemble of {e.Size} {Predictor}" : Predictor;

    /// <summary>Epochs of one run's training, over every ensemble member (for progress).</summary>
    [JsonIgnore]
    public int EpochsPerRun => Training.Epochs * (Ensemble?.Size ?? 1);

    /// <summary>Every (size, seed) pair, sizes outermost.</summary>
    public IEnumerable<(int Size, int Seed)> Runs() =>
        from size in TrainSizes from seed in Seeds select (size, seed);

    /// <summary>Whether <paramref name="other"/> describes the same experiment (the data root may move).</summary>
    public bool SameExperiment(RankConfig other) =>
        Predictor == other.Predictor && Space == other.Space && Target == other.Target && TrainMetric == other.TrainMetric &&
        EvalMetric == other.EvalMetric && Training == other.Training && Global == other.Global && HyperNas == other.HyperNas &&
        ReadoutFeatures == other.ReadoutFeatures && Features == other.Features && FeatureModel == other.FeatureModel &&
        Ensemble == other.Ensemble;
}
