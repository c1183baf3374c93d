using System.Text.Json.Serialization;
using NasSharp.Features;
using NasSharp.Predictors.Features;

namespace NasSharp.Search.Experiments;

/// <summary>The predictor guiding a search's predictor-based strategies, as <c>search.json</c> records it.</summary>
/// <param name="Kind">
/// Predictor kind (<see cref="PredictorRegistry"/>): by default <see cref="PredictorRegistry.Default"/>, the best measured
/// predictor of the space, which searched as well as np or better on held-out seeds (docs/DECISIONS.md).
/// </param>
public sealed record SearchPredictorConfig(string Kind = PredictorRegistry.Default)
{
    /// <summary>
    /// Epochs of each refit in a search: a third of the ranking protocol's 300. Chosen on the search metric (validation
    /// accuracy of the incumbent) of NB201 CIFAR-10 runs, where it found the same incumbents in a third of the time
    /// (docs/DECISIONS.md, "Search speed").
    /// </summary>
    public const int DefaultEpochs = 100;

    /// <summary>The trained networks' configuration (np, hypernas-p, hypernas): <see cref="DefaultEpochs"/> per fit from scratch.</summary>
    public NetworkPredictorConfig Network { get; init; } = new() { Training = new Training.TrainingConfig(Epochs: DefaultEpochs) };

    /// <summary>mp-nas: the meta-trained model file; required for that kind.</summary>
    public string? MetaModel { get; init; }

    /// <summary>forest, lgbm, boost, default: the features (null, the default, for the space's graph features).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FeatureConfig? Features { get; init; }

    /// <summary>forest, lgbm, boost, default: how the tree settings are chosen (null, the default, for cross-validation).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FeatureModelConfig? FeatureModel { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        var kind = PredictorRegistry.Get(Kind);
        if (!kind.HasScoreHead) throw new ArgumentException($"Predictor '{Kind}' predicts nothing (it has no score head), so it cannot guide a search.");
        if (Kind == PredictorRegistry.Ensemble) throw new ArgumentException($"Choose the members' kind instead of '{Kind}': strategies that need an ensemble (bananas) build it.");
        if (Kind == PredictorRegistry.MpNas && MetaModel is null) throw new ArgumentException($"Predictor '{Kind}' needs a meta-trained model file (--meta-model).");
        Network.Validate();
        FeatureModel?.Validate();
    }
}
