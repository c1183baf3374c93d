using NasSharp.Images;
using NasSharp.SearchSpaces;

namespace NasSharp.Search.Experiments;

/// <summary>How a search experiment makes the predictors its predictor-guided strategies fit.</summary>
/// <param name="Kind">The predictor kind, recorded with each run.</param>
/// <param name="Create">A fresh, unfitted predictor.</param>
/// <param name="CreateEnsemble">A fresh ensemble of the given number of members of that kind.</param>
public sealed record PredictorSource(string Kind, Func<IArchitecturePredictor> Create, Func<int, IUncertainPredictor> CreateEnsemble)
{
    /// <summary>
    /// Predictors of <paramref name="config"/>'s kind for <paramref name="space"/> from the <see cref="PredictorRegistry"/>,
    /// on <paramref name="device"/>; <paramref name="images"/> feed the hypernetwork of the hypernas kind.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown kind, or one that cannot guide a search.</exception>
    public static PredictorSource For(SearchPredictorConfig config, ISearchSpace space, Device device, Cifar10Dataset? images = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var context = new PredictorContext(space)
        {
            Device = device, Network = config.Network, MetaModelPath = config.MetaModel, Images = images,
            Features = config.Features ?? new(), FeatureModel = config.FeatureModel ?? new(),
        };
        return new PredictorSource(config.Kind,
            () => PredictorRegistry.Create(config.Kind, context),
            size => (IUncertainPredictor)PredictorRegistry.Create(PredictorRegistry.Ensemble,
                context with { Ensemble = new EnsembleConfig(config.Kind, size) }));
    }
}
