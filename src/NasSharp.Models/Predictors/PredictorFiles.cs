using NasSharp.Predictors.Features;
using NasSharp.SearchSpaces;

namespace NasSharp.Predictors;

/// <summary>Loads any saved predictor, whichever kind wrote it: a feature model or a network model file.</summary>
public static class PredictorFiles
{
    /// <summary>
    /// The fitted predictor saved at <paramref name="path"/>, of <paramref name="space"/> (default: the model's);
    /// network models go to <paramref name="device"/> (default: the CPU).
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Not a model file, or a damaged one; the message names it.</exception>
    /// <exception cref="ArgumentException">The model was fitted on another space than <paramref name="space"/>.</exception>
    public static ISavablePredictor Load(string path, ISearchSpace? space = null, Device? device = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        return FeatureModelFile.Matches(path) ? FeatureModelPredictor.Load(path, space) : NetworkPredictor.Load(path, space, device);
    }
}
