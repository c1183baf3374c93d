using NasSharp.Features;
using NasSharp.SearchSpaces;

namespace NasSharp.Predictors;

/// <summary>
/// The trained GCN predictors as an <see cref="IArchitecturePredictor"/>: NP, HyperNAS-P, and HyperNAS (and HyperNAS-H,
/// which fits but cannot predict) through <see cref="ArchitecturePredictor.Train"/>. Architectures are encoded in the
/// space's own vocabulary (<see cref="ISearchSpace.Encode"/>); predictions are in the fitted values' unit. With
/// <see cref="NetworkPredictorConfig.ReadoutFeatures"/> (np, hypernas-p) it also computes each architecture's features
/// for the hybrid readout.
/// </summary>
public sealed class NetworkPredictor : ISavablePredictor
{
    private readonly PredictorKind kind;
    private readonly PredictorContext context;
    private readonly IArchitectureFeaturizer? featurizer;
    private ArchitecturePredictor? model;

    /// <summary>An unfitted predictor of <paramref name="kind"/> (a kind with a <see cref="PredictorKind.ModelFile"/>).</summary>
    /// <exception cref="ArgumentException">
    /// Not a network kind, a bad configuration, images missing for a kind that trains on them, or readout features for a
    /// kind without a hybrid readout.
    /// </exception>
    /// <exception cref="Data.DataFormatException">A feature file of the readout features is malformed.</exception>
    public NetworkPredictor(PredictorKind kind, PredictorContext context)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(context);
        if (kind.ModelFile is null)
            throw new ArgumentException($"Predictor '{kind.Name}' is not a trained network; network kinds: " +
                                        $"{string.Join(", ", PredictorRegistry.ModelFileKinds.Select(k => k.Name))}.", nameof(kind));
        if (kind.UsesImages && context.Images is null)
            throw new ArgumentException($"Predictor '{kind.Name}' trains a hypernetwork on CIFAR-10 images, and none were given (PredictorContext.Images).", nameof(context));
        context.Network.Validate();
        context.Network.RequireReadoutOf(kind);
        this.kind = kind;
        this.context = context;
        featurizer = context.Network.ReadoutFeatures?.Create(context.Space);
    }

    /// <summary>A fitted predictor around a loaded <paramref name="model"/> (now owned by this predictor) of <paramref name="space"/>.</summary>
    /// <exception cref="ArgumentException">The model was trained on another space.</exception>
    /// <exception cref="InvalidDataException">
    /// The model has a hybrid readout whose features cannot be computed here (a feature file missing or changed).
    /// </exception>
    public NetworkPredictor(ArchitecturePredictor model, ISearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(space);
        if (model.Metadata.Space != space.Name)
            throw new ArgumentException($"The model was trained on '{model.Metadata.Space}', not '{space.Name}'.", nameof(space));
        var meta = model.Metadata;
        kind = PredictorRegistry.Get(meta.Predictor);
        context = new PredictorContext(space)
        {
            Device = model.Device, Target = meta.Target, TrainMetric = meta.TrainMetric,
            Network = new NetworkPredictorConfig
            {
                Training = meta.Training, Np = meta.Np, Global = meta.Global ?? new(), HyperNas = meta.HyperNas ?? new NetworkPredictorConfig().HyperNas,
                ReadoutFeatures = meta.ReadoutFeatures,
            },
        };
        featurizer = LoadedFeaturizer(meta, space);
        this.model = model;
    }

    /// <summary>The featurizer of a loaded model's hybrid readout (null for a plain one), refused unless it gives the trained features.</summary>
    private static IArchitectureFeaturizer? LoadedFeaturizer(PredictorMetadata meta, ISearchSpace space)
    {
        if (meta.ReadoutFeatures is not { } features) return null;
        IArchitectureFeaturizer created;
        try
        {
            created = features.Create(space);
        }
        catch (Exception e) when (e is IOException or Data.DataFormatException or ArgumentException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"The '{meta.Predictor}' model's readout takes features that are unavailable here: {e.Message}", e);
        }
        var trained = meta.FeatureScaling!.Names;
        if (!created.Names.SequenceEqual(trained))
            throw new InvalidDataException(
                $"The '{meta.Predictor}' model's readout was trained on {trained.Count} features ({string.Join(", ", trained)}), but its feature " +
                $"config now gives {created.Names.Count} ({string.Join(", ", created.Names)}); retrain it.");
        return created;
    }

    /// <summary>
    /// Loads the model file at <paramref name="path"/> (<see cref="ArchitecturePredictor.Load"/>) onto
    /// <paramref name="device"/> (default: the CPU) as a fitted predictor of <paramref name="space"/> (default: the model's).
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Not a model file, or a damaged one.</exception>
    /// <exception cref="ArgumentException">The model was trained on another space than <paramref name="space"/>.</exception>
    /// <exception cref="InvalidDataException">Also: the model's readout features are unavailable here.</exception>
    public static NetworkPredictor Load(string path, ISearchSpace? space = null, Device? device = null)
    {
        var model = ArchitecturePredictor.Load(path, device);
        try
        {
            return new NetworkPredictor(model, space ?? SearchSpaceCatalog.Get(model.Metadata.Space));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public string Kind => kind.Name;

    /// <inheritdoc/>
    public ISearchSpace Space => context.Space;

    /// <inheritdoc/>
    public string TrainMetric => model?.Metadata.TrainMetric ?? context.TrainMetric;

    /// <summary>The trained model of the last fit (null before the first), e.g. to save or to generate weights with.</summary>
    public ArchitecturePredictor? Model => model;

    /// <summary>
    /// Trains on <paramref name="architectures"/> and their <paramref name="values"/>: from scratch for
    /// <see cref="NetworkPredictorConfig.Training"/>'s epochs, or, with <see cref="NetworkPredictorConfig.WarmStartEpochs"/>
    /// set and a previous fit, from that fit's weights for that many epochs. Same inputs, seed and history, same predictor.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 architectures, mismatched counts, a non-finite value, or an architecture outside the space.</exception>
    /// <exception cref="Training.TrainingDivergedException">Training diverged; the predictor is left unfitted.</exception>
    public void Fit(IReadOnlyList<string> architectures, IReadOnlyList<double> values, int seed)
    {
        PredictorInputs.CheckFit(Kind, architectures, values, minimum: 2);
        var graphs = PredictorInputs.Encode(architectures, context.Space.Encode, context.Space);
        var features = featurizer is null ? null : new FeatureRows(featurizer.Names, featurizer.ComputeAll(architectures));
        var previous = model;
        model = null;
        try
        {
            model = previous is not null && context.Network.WarmStartEpochs is int epochs
                ? previous.Refit(graphs, values, epochs, seed, context.EpochDone, context.Images, features)
                : ArchitecturePredictor.Train(context.Network.Metadata(kind, context.Space, context.Target, context.TrainMetric, seed),
                    graphs, values, context.EpochDone, context.Images, context.Device, features);
        }
        finally
        {
            previous?.Dispose();
        }
    }

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">The kind has no score head (hypernas-h).</exception>
    /// <exception cref="KeyNotFoundException">A feature file of the hybrid readout has no row for an architecture.</exception>
    public double[] Predict(IReadOnlyList<string> architectures)
    {
        var fitted = model ?? throw new InvalidOperationException($"Predictor '{Kind}' predicts only after Fit.");
        var graphs = PredictorInputs.Encode(architectures, context.Space.Encode, context.Space);
        return fitted.Predict(graphs, featurizer?.ComputeAll(architectures));
    }

    /// <summary>Writes the fitted model to <paramref name="path"/> (<see cref="ArchitecturePredictor.Save"/>).</summary>
    public void Save(string path) => (model ?? throw new InvalidOperationException($"Predictor '{Kind}' has nothing to save before Fit.")).Save(path);

    /// <inheritdoc/>
    public void Dispose()
    {
        model?.Dispose();
        model = null;
    }
}
