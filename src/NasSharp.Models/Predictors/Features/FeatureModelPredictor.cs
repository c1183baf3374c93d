using NasSharp.Features;
using NasSharp.SearchSpaces;

namespace NasSharp.Predictors.Features;

/// <summary>
/// A tree ensemble (ML.NET FastForest, FastTree or LightGBM) on an architecture's features, behind the predictor
/// contract. Fit featurizes only the architectures it is given, chooses the tree settings by cross-validation over
/// them (<see cref="TreeCrossValidation"/>, unless configured fixed), then fits the final model on all of them; the
/// same inputs and seed give the same predictor. Predictions are in the fitted values' unit.
/// </summary>
public sealed class FeatureModelPredictor : ISavablePredictor
{
    private readonly IArchitectureFeaturizer featurizer;
    private readonly FeatureConfig? features;
    private readonly FeatureModelConfig config;
    private readonly string target;
    private readonly string trainMetric;
    private TreeEnsemble? ensemble;

    /// <summary>
    /// An unfitted model of registry kind <paramref name="kind"/> with <paramref name="learner"/> on
    /// <paramref name="featurizer"/>'s features of <paramref name="space"/>. <paramref name="features"/> is the
    /// configuration the featurizer was made from (<see cref="FeatureConfig.Create"/>), which a model file needs to
    /// rebuild it; null for a featurizer of your own, and then <see cref="Save"/> refuses.
    /// </summary>
    /// <exception cref="ArgumentException">An invalid <paramref name="config"/>, or a featurizer with no features.</exception>
    public FeatureModelPredictor(string kind, TreeLearner learner, ISearchSpace space, IArchitectureFeaturizer featurizer,
        FeatureConfig? features, FeatureModelConfig config, string target = "values", string trainMetric = "values")
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(featurizer);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (featurizer.Names.Count == 0) throw new ArgumentException($"Predictor '{kind}': the featurizer has no features.", nameof(featurizer));
        Kind = kind;
        Learner = learner;
        Space = space;
        this.featurizer = featurizer;
        this.features = features;
        this.config = config;
        this.target = target;
        this.trainMetric = trainMetric;
    }

    private FeatureModelPredictor(FeatureModelMetadata metadata, ISearchSpace space, IArchitectureFeaturizer featurizer, TreeEnsemble ensemble)
        : this(metadata.Predictor, metadata.Learner, space, featurizer, metadata.Features, new FeatureModelConfig(), metadata.Target, metadata.TrainMetric)
    {
        Metadata = metadata;
        this.ensemble = ensemble;
    }

    /// <inheritdoc/>
    public string Kind { get; }

    /// <summary>The ML.NET learner.</summary>
    public TreeLearner Learner { get; }

    /// <inheritdoc/>
    public ISearchSpace Space { get; }

    /// <inheritdoc/>
    public string TrainMetric => Metadata?.TrainMetric ?? trainMetric;

    /// <summary>How the last fit was made (settings, cross-validation scores); null before the first fit.</summary>
    public FeatureModelMetadata? Metadata { get; private set; }

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">A feature file has no row for one of <paramref name="architectures"/>.</exception>
    public void Fit(IReadOnlyList<string> architectures, IReadOnlyList<double> values, int seed)
    {
        PredictorInputs.CheckFit(Kind, architectures, values, minimum: 2);
        var rows = Featurize(architectures);
        var normalization = TargetNormalization.Fit(values);
        float[] labels = normalization.Normalize(values);
        ensemble = null;
        Metadata = null;
        CrossValidationResult? cv = config.CrossValidate && rows.Length >= TreeCrossValidation.MinimumRows
            ? TreeCrossValidation.Choose(Learner, config.GridFor(Learner), rows, labels, config.Folds, seed)
            : null;
        var settings = cv?.Chosen ?? config.FixedFor(Learner);
        ensemble = TreeEnsemble.Fit(Learner, settings, rows, labels, seed);
        Metadata = new FeatureModelMetadata(Kind, Learner, Space.Name, target, trainMetric, seed, rows.Length, features,
            [.. featurizer.Names], settings, cv, normalization, CodeVersion.Current, DateTime.UtcNow);
    }

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">A feature file has no row for one of <paramref name="architectures"/>.</exception>
    public double[] Predict(IReadOnlyList<string> architectures)
    {
        var fitted = ensemble ?? throw new InvalidOperationException($"Predictor '{Kind}' predicts only after Fit.");
        var normalization = Metadata!.Normalization;
        return [.. fitted.Predict(Featurize(architectures)).Select(z => z * normalization.Std + normalization.Mean)];
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Called before <see cref="Fit"/>, or on a featurizer with no <see cref="FeatureConfig"/> to rebuild it from.</exception>
    public void Save(string path)
    {
        var fitted = ensemble ?? throw new InvalidOperationException($"Predictor '{Kind}' has nothing to save before Fit.");
        if (features is null)
            throw new InvalidOperationException($"Predictor '{Kind}' runs on a featurizer given directly, which a model file cannot rebuild; " +
                                                "make it from a FeatureConfig to save it.");
        FeatureModelFile.Save(path, Metadata!, fitted);
    }

    /// <summary>
    /// Loads a model written by <see cref="Save"/> as a fitted predictor of <paramref name="space"/> (default: the
    /// model's), rebuilding its featurizer from the recorded <see cref="FeatureConfig"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Not a feature-model file, damaged, or its features can no longer be computed alike.</exception>
    /// <exception cref="ArgumentException">The model was fitted on another space than <paramref name="space"/>.</exception>
    public static FeatureModelPredictor Load(string path, ISearchSpace? space = null)
    {
        var (metadata, fitted) = FeatureModelFile.Load(path);
        var modelSpace = SearchSpaceCatalog.Get(metadata.Space);
        if (space is not null && space.Name != modelSpace.Name)
            throw new ArgumentException($"The model '{path}' was fitted on '{modelSpace.Name}', not '{space.Name}'.", nameof(space));
        IArchitectureFeaturizer rebuilt;
        try
        {
            rebuilt = metadata.Features!.Create(modelSpace);
        }
        catch (Exception e) when (e is ArgumentException or Data.DataFormatException or IOException)
        {
            throw new InvalidDataException($"Model file '{path}': its features cannot be rebuilt: {e.Message}", e);
        }
        if (!rebuilt.Names.SequenceEqual(metadata.FeatureNames))
            throw new InvalidDataException($"Model file '{path}' was fitted on the features [{string.Join(", ", metadata.FeatureNames)}], " +
                                           $"but its feature configuration now gives [{string.Join(", ", rebuilt.Names)}]; refit it.");
        return new FeatureModelPredictor(metadata, modelSpace, rebuilt, fitted);
    }

    /// <inheritdoc/>
    public void Dispose() => ensemble = null;

    /// <summary>Feature rows of <paramref name="architectures"/> as floats; an architecture outside the space names its position.</summary>
    private float[][] Featurize(IReadOnlyList<string> architectures)
    {
        var rows = new float[architectures.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            double[] values;
            try
            {
                values = featurizer.Compute(architectures[i]);
            }
            catch (ArchitectureFormatException e)
            {
                throw new ArgumentException($"Architecture {i} ('{architectures[i]}') is not one of {Space.Name}: {e.Message}", nameof(architectures), e);
            }
            rows[i] = [.. values.Select(v => (float)v)];
        }
        return rows;
    }
}
