using NasSharp.Data;
using NasSharp.Search.Experiments;
using NasSharp.Search.Strategies;
using NasSharp.SearchSpaces;

namespace NasSharp.Studies;

/// <summary>
/// Makes a study's strategy as <c>nassharp search</c> makes it for the same strategy, predictor and seed: the same
/// domain, default settings and predictors, so a study answered from a table retraces that search.
/// </summary>
public sealed class StudyStrategy
{
    private readonly StudyDefinition definition;
    private readonly PredictorSource? predictors;

    /// <summary>
    /// Prepares the strategies of <paramref name="definition"/>; the data root is read only for a benchmark domain, constraints
    /// or image-using predictors.
    /// </summary>
    /// <exception cref="ArgumentException">An invalid definition.</exception>
    /// <exception cref="FileNotFoundException">The benchmark table of the domain is missing.</exception>
    public StudyStrategy(StudyDefinition definition, Func<DataRoot> root, Device device)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(root);
        definition.Validate();
        this.definition = definition;
        var space = SearchSpaceCatalog.Get(definition.Space);
        var domain = definition.Domain is { } target ? OracleSource.ForTarget(definition.Space, target).Load(root).Domain : SearchDomain.Whole(space);
        Domain = ArchitectureConstraint.Restrict(domain, [.. (definition.Constraints ?? []).Select(c => ArchitectureConstraint.Parse(c, space))], root);
        if (StrategyRegistry.Get(definition.Strategy).UsesPredictor)
        {
            var config = new SearchPredictorConfig(definition.Predictor!);
            var images = PredictorRegistry.Get(config.Kind).UsesImages ? Images.Cifar10Dataset.LoadTrain(root()) : null;
            predictors = PredictorSource.For(config, space, device, images);
        }
    }

    /// <summary>The architectures the strategy proposes: the study's domain, less those its constraints rule out.</summary>
    public SearchDomain Domain { get; }

    /// <summary>A fresh strategy, seeded with the study's seed.</summary>
    public ISearchStrategy Create() => StrategyRegistry.Get(definition.Strategy).Create(
        new StrategyContext(Domain, definition.Seed, definition.Budget, predictors?.Create, predictors?.CreateEnsemble), new StrategySettings());
}
