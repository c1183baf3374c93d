using NasSharp.SearchSpaces;

namespace NasSharp.Predictors;

/// <summary>
/// A predictor that <c>train</c> can save and <c>predict</c> can load (<see cref="PredictorFiles.Load"/>): the GCN
/// network kinds and the feature models.
/// </summary>
public interface ISavablePredictor : IArchitecturePredictor
{
    /// <summary>The space whose architectures the predictor takes.</summary>
    ISearchSpace Space { get; }

    /// <summary>The metric the fitted values came from, e.g. <c>cifar10-valid</c> (what the scores estimate).</summary>
    string TrainMetric { get; }

    /// <summary>Writes the fitted predictor to <paramref name="path"/> atomically, in its kind's checksummed format.</summary>
    /// <exception cref="InvalidOperationException">Called before <see cref="IArchitecturePredictor.Fit"/>.</exception>
    void Save(string path);
}
