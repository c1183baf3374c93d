namespace NasSharp.Predictors;

/// <summary>One entry of the <see cref="PredictorRegistry"/>: a predictor kind, what it needs, and how to make one.</summary>
/// <param name="Name">The kind's name on the command line and in model files, e.g. <c>np</c>.</param>
/// <param name="Description">One line for help texts: what the predictor is and where it comes from.</param>
/// <param name="UsesImages">Whether fitting trains a hypernetwork on CIFAR-10 images (<see cref="PredictorContext.Images"/>).</param>
/// <param name="HasScoreHead">
/// Whether it predicts at all: HyperNAS-H trains only the hypernetwork, so its <see cref="IArchitecturePredictor.Predict"/>
/// refuses; searches and rankings must not choose it.
/// </param>
/// <param name="Factory">Makes an unfitted predictor of this kind from a context.</param>
public sealed record PredictorKind(
    string Name, string Description, bool UsesImages, bool HasScoreHead, Func<PredictorContext, IArchitecturePredictor> Factory)
{
    /// <summary>How the kind's network is built from a model file's metadata; null for kinds that write no model file.</summary>
    public ModelFileNetwork? ModelFile { get; init; }

    /// <summary>Whether fitted predictors of this kind are <see cref="ISavablePredictor"/>s, so <c>train</c> can save them.</summary>
    public bool Saves { get; init; }

    /// <summary>Whether the kind learns from <see cref="PredictorContext.Features"/> (the feature models).</summary>
    public bool UsesFeatures { get; init; }

    /// <summary>Whether the kind is a tree model on features, whose settings <see cref="PredictorContext.FeatureModel"/> chooses.</summary>
    public bool IsFeatureModel => UsesFeatures && ModelFile is null && AliasOf is null;

    /// <summary>
    /// For an alias (<c>default</c>): the kind it stands for in a context; null for a kind of its own. Commands record the
    /// resolved kind (<see cref="Resolve"/>), so result files name what actually ran.
    /// </summary>
    public Func<PredictorContext, PredictorKind>? AliasOf { get; init; }

    /// <summary>
    /// For a preset (np-hybrid): the settings the kind fixes on top of the context it is given; null for a kind that
    /// takes its context as it is. Applied by <see cref="Create"/> and <see cref="Prepare"/>.
    /// </summary>
    public Func<PredictorContext, PredictorContext>? Preset { get; init; }

    /// <summary>
    /// The context a predictor of this kind runs with: <paramref name="context"/> with the kind's <see cref="Preset"/>
    /// applied, so commands record the settings that actually train (idempotent).
    /// </summary>
    public PredictorContext Prepare(PredictorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Preset?.Invoke(context) ?? context;
    }

    /// <summary>The kind that runs in <paramref name="context"/>: this one, or the kind an alias stands for.</summary>
    public PredictorKind Resolve(PredictorContext context) => AliasOf?.Invoke(context).Resolve(context) ?? this;

    /// <summary>An unfitted predictor of this kind for <paramref name="context"/>.</summary>
    /// <exception cref="ArgumentException">The context lacks what the kind needs (images, a meta-model file, a supported device).</exception>
    public IArchitecturePredictor Create(PredictorContext context)
    {
        return Factory(Prepare(context));
    }
}
