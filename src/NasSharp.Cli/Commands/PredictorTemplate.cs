using NasSharp.Predictors;
using NasSharp.SearchSpaces;
using NasSharp.Training;

namespace NasSharp.Cli.Commands;

/// <summary>Metadata of a predictor about to be trained; training fills in size and normalisation.</summary>
public static class PredictorTemplate
{
    /// <summary>Metadata for <paramref name="kind"/> on <paramref name="space"/> with default network settings.</summary>
    public static PredictorMetadata Create(string kind, ISearchSpace space, string target, string trainMetric,
        TrainingConfig training, int seed) =>
        new(kind, space.Name, target, trainMetric, new NpConfig(), training, seed, 0, new TargetNormalization(0, 1),
            space.NodeTypes.Count, space.MaxNodes, CodeVersion.Current, DateTime.UtcNow,
            kind == "np" ? null : new GlobalEncodingConfig());
}
