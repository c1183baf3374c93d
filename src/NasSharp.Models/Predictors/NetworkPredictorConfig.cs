using NasSharp.Features;
using NasSharp.HyperNetworks;
using NasSharp.SearchSpaces;
using NasSharp.Training;

namespace NasSharp.Predictors;

/// <summary>
/// Configuration of the trained GCN predictors (np, hypernas-p, hypernas, hypernas-h). The defaults are the paper
/// schedule of SPEC §3: every fit trains from scratch for 300 epochs.
/// </summary>
public sealed record NetworkPredictorConfig
{
    /// <summary>Optimisation schedule of a fit from scratch (<see cref="TrainingConfig"/>'s defaults: 300 epochs, batch 10, Adam 1e-3, cosine).</summary>
    public TrainingConfig Training { get; init; } = new();

    /// <summary>The NP network (Wen et al. 2020 defaults).</summary>
    public NpConfig Np { get; init; } = new();

    /// <summary>The global encoding of the HyperNAS kinds (paper defaults).</summary>
    public GlobalEncodingConfig Global { get; init; } = new();

    /// <summary>
    /// The hypernetwork and auxiliary task of hypernas and hypernas-h: <see cref="HyperNasProfile.Cpu"/>'s by default,
    /// whose predictor schedule is <see cref="Training"/>'s default. The tasks are set by the kind.
    /// </summary>
    public HyperNasConfig HyperNas { get; init; } = HyperNasProfile.Cpu.HyperNas;

    /// <summary>
    /// Warm start: when set, every fit after the first continues from the previous fit's weights for this many epochs
    /// (a fresh cosine schedule) instead of training <see cref="Training"/>.Epochs from scratch. A search refits every
    /// ~10 queries on a set that grew by 10, so the previous weights are a good start. Null (the default): every fit
    /// starts from scratch, the paper's protocol.
    /// </summary>
    public int? WarmStartEpochs { get; init; }

    /// <summary>
    /// The hybrid readout (np, hypernas-p): these architecture features (graph features, feature-file columns), standardised
    /// with the training set's mean and standard deviation, are concatenated to the graph embedding before the final MLP.
    /// Null (the default): the plain network.
    /// </summary>
    public FeatureConfig? ReadoutFeatures { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        Training.Validate();
        if (WarmStartEpochs is < 1) throw new ArgumentException($"WarmStartEpochs must be at least 1 (or null: no warm start), got {WarmStartEpochs}.");
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <see cref="ReadoutFeatures"/> are set and <paramref name="kind"/> has no hybrid readout (a hypernetwork kind).</summary>
    public void RequireReadoutOf(PredictorKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (ReadoutFeatures is not null && kind.ModelFile?.HyperNasTasks is not null)
            throw new ArgumentException($"Predictor '{kind.Name}' has no hybrid readout; readout features (--with-features) are for np and hypernas-p.", nameof(kind));
    }

    /// <summary>
    /// The metadata of a model of <paramref name="kind"/> about to be trained on <paramref name="space"/>; training
    /// fills in size and normalisation.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="kind"/> writes no model file, or has a hypernetwork and readout features were asked for.</exception>
    public PredictorMetadata Metadata(PredictorKind kind, ISearchSpace space, string target, string trainMetric, int seed)
    {
        var file = kind.ModelFile ?? throw new ArgumentException($"Predictor '{kind.Name}' is not a trained network with a model file.", nameof(kind));
        RequireReadoutOf(kind);
        return new PredictorMetadata(kind.Name, space.Name, target, trainMetric, Np, Training, seed, 0, new TargetNormalization(0, 1),
            space.NodeTypes.Count, space.MaxNodes, CodeVersion.Current, DateTime.UtcNow,
            file.UsesGlobalEncoding ? Global : null, file.HyperNasTasks is { } tasks ? HyperNas with { Tasks = tasks } : null,
            ReadoutFeatures: ReadoutFeatures);
    }
}
