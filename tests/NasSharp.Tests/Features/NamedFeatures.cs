using NasSharp.Features;

namespace NasSharp.Tests.Features;

/// <summary>Features of one architecture by name, for assertions that read like the definitions.</summary>
public static class NamedFeatures
{
    /// <summary>Each feature name of <paramref name="featurizer"/> with its value for <paramref name="arch"/>.</summary>
    public static Dictionary<string, double> Of(IArchitectureFeaturizer featurizer, string arch) =>
        featurizer.Names.Zip(featurizer.Compute(arch)).ToDictionary(p => p.First, p => p.Second);

    /// <summary>(paths, min_path, max_path) of op subset <paramref name="subset"/>.</summary>
    public static double[] Path(Dictionary<string, double> features, string subset) =>
        [features[$"paths:{subset}"], features[$"min_path:{subset}"], features[$"max_path:{subset}"]];

    /// <summary>The six degrees of a 4-node cell, in feature order.</summary>
    public static double[] FourNodeDegrees(Dictionary<string, double> features) =>
        [.. new[] { "out_degree:0", "in_degree:1", "out_degree:1", "in_degree:2", "out_degree:2", "in_degree:3" }.Select(n => features[n])];
}
