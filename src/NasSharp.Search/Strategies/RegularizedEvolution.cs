using NasSharp.Search.Oracles;

namespace NasSharp.Search.Strategies;

/// <summary>
/// Regularized (aging) evolution, Real et al. 2019: a random initial population; then each child is a one-edit
/// mutation of the best of a random tournament, joins the population, and the oldest member dies.
/// </summary>
public sealed class RegularizedEvolution : SearchStrategy
{
    /// <summary>Registry name.</summary>
    public const string Id = "rea";

    private readonly RegularizedEvolutionConfig config;
    private readonly Queue<Observation> population = new();

    /// <summary>Creates the strategy.</summary>
    public RegularizedEvolution(StrategyContext context, RegularizedEvolutionConfig config) : base(context)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        this.config = config;
    }

    /// <inheritdoc/>
    public override string Name => Id;

    /// <inheritdoc/>
    protected override string? Propose()
    {
        if (Observations.Count < config.Population) return SampleNew();
        var members = population.ToArray();
        Random.Shuffle(members);
        var parent = members.Take(config.SampleSize).MaxBy(o => o.Fitness)!;
        return MutateNew(parent.Arch) ?? SampleNew();
    }

    /// <inheritdoc/>
    protected override void Observed(Observation observation)
    {
        population.Enqueue(observation);
        if (population.Count > config.Population) population.Dequeue();
    }
}
