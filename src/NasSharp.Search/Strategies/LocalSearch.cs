using NasSharp.Search.Oracles;

namespace NasSharp.Search.Strategies;

/// <summary>
/// Best-improvement local search (NASLib's): start from the best of a few random architectures, measure its whole
/// one-edit neighbourhood in random order, move to the best neighbour if it improves, and restart from a new random
/// architecture at a local optimum.
/// </summary>
public sealed class LocalSearch : SearchStrategy
{
    /// <summary>Registry name.</summary>
    public const string Id = "ls";

    private readonly LocalSearchConfig config;
    private readonly Queue<string> neighbourhood = new();
    private Observation? current;
    private Observation? bestNeighbour;
    private bool restarting;

    /// <summary>Creates the strategy.</summary>
    public LocalSearch(StrategyContext context, LocalSearchConfig config) : base(context)
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
        if (Observations.Count < config.InitialRandom) return SampleNew();
        if (current is null) Climb(Best!);
        while (true)
        {
            while (neighbourhood.TryDequeue(out string? next))
                if (!IsProposed(next)) return next;
            // The neighbourhood is measured: move if it improved, else restart.
            if (bestNeighbour is not null && bestNeighbour.Fitness > current!.Fitness)
            {
                Climb(bestNeighbour);
                continue;
            }
            restarting = true;
            return SampleNew();
        }
    }

    /// <inheritdoc/>
    protected override void Observed(Observation observation)
    {
        if (restarting)
        {
            restarting = false;
            Climb(observation);
        }
        else if (current is not null && (bestNeighbour is null || observation.Fitness > bestNeighbour.Fitness))
        {
            bestNeighbour = observation;
        }
    }

    private void Climb(Observation from)
    {
        current = from;
        bestNeighbour = null;
        neighbourhood.Clear();
        var neighbours = Domain.Neighbours(from.Arch).ToArray();
        Random.Shuffle(neighbours);
        foreach (string n in neighbours) neighbourhood.Enqueue(n);
    }
}
