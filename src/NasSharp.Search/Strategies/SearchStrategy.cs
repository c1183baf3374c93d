using NasSharp.Search.Oracles;
using NasSharp.SearchSpaces;

namespace NasSharp.Search.Strategies;

/// <summary>
/// What every strategy shares: the domain, a seeded random generator, the identities already proposed and the
/// observations so far. Subclasses decide only what to propose next.
/// </summary>
public abstract class SearchStrategy : ISearchStrategy
{
    private readonly HashSet<string> proposed = new(StringComparer.Ordinal);
    private readonly List<Observation> observations = [];
    private string? pending;

    /// <summary>Creates the shared state.</summary>
    protected SearchStrategy(StrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        Domain = context.Domain;
        Random = new Random(context.Seed);
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <summary>How the strategy was created.</summary>
    protected StrategyContext Context { get; }

    /// <summary>The architectures the strategy may propose.</summary>
    protected SearchDomain Domain { get; }

    /// <summary>The strategy's only source of randomness, seeded by <see cref="StrategyContext.Seed"/>.</summary>
    protected Random Random { get; }

    /// <summary>Everything measured so far, in query order.</summary>
    protected IReadOnlyList<Observation> Observations => observations;

    /// <summary>The best observation so far (first of equals), or null before the first.</summary>
    protected Observation? Best { get; private set; }

    /// <summary>Number of distinct identities of the domain, when known.</summary>
    private bool Exhausted => Domain.Size is { } size && proposed.Count >= size;

    /// <inheritdoc/>
    public string? Ask()
    {
        if (pending is not null) throw new InvalidOperationException($"'{pending}' was proposed and is waiting for its measurement (Tell).");
        if (Exhausted) return null;
        string? next = Propose();
        if (next is null) return null;
        if (!proposed.Add(Domain.Key(next)))
            throw new InvalidOperationException($"Strategy '{Name}' proposed '{next}' again; a strategy must propose each architecture once.");
        pending = next;
        return next;
    }

    /// <inheritdoc/>
    public void Tell(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (pending is null) throw new InvalidOperationException("Tell without a proposal waiting for its measurement.");
        if (Domain.Key(pending) != observation.Key)
            throw new InvalidOperationException($"Told the measurement of '{observation.Arch}', but '{pending}' was proposed.");
        pending = null;
        Record(observation);
    }

    private void Record(Observation observation)
    {
        observations.Add(observation);
        if (Best is null || observation.Fitness > Best.Fitness) Best = observation;
        Observed(observation);
    }

    /// <inheritdoc/>
    public void Observe(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (pending is not null && Domain.Key(pending) == observation.Key)
        {
            Tell(observation);
            return;
        }
        if (!proposed.Add(observation.Key))
            throw new InvalidOperationException($"'{observation.Arch}' was proposed or observed already; each architecture is observed once.");
        Record(observation);
    }

    /// <inheritdoc/>
    public bool Reserve(IEnumerable<string> archs)
    {
        ArgumentNullException.ThrowIfNull(archs);
        bool withdrawn = false;
        foreach (string arch in archs)
        {
            string key = Domain.Key(arch);
            proposed.Add(key);
            if (pending is not null && Domain.Key(pending) == key) (pending, withdrawn) = (null, true);
        }
        return withdrawn;
    }

    /// <summary>The next architecture, one not yet proposed (see <see cref="IsProposed"/>); null when nothing is left.</summary>
    protected abstract string? Propose();

    /// <summary>Called after each observation is recorded.</summary>
    protected virtual void Observed(Observation observation) { }

    /// <summary>Whether <paramref name="arch"/>'s identity was proposed already.</summary>
    protected bool IsProposed(string arch) => proposed.Contains(Domain.Key(arch));

    /// <summary>A uniformly random architecture not yet proposed, or null when the domain is exhausted.</summary>
    protected string? SampleNew()
    {
        if (Exhausted) return null;
        // Rejection sampling stays cheap until the domain is nearly used up; then walk the members in a seeded order.
        for (int attempt = 0; attempt < 64; attempt++)
        {
            string arch = Domain.Sample(Random);
            if (!IsProposed(arch)) return arch;
        }
        if (Domain.Members is { } members)
        {
            var order = Enumerable.Range(0, members.Count).ToArray();
            Random.Shuffle(order);
            foreach (int m in order)
                if (!IsProposed(members[m])) return members[m];
            return null;
        }
        throw new InvalidOperationException($"No new architecture found in 64 samples of {Domain.Space.Name}.");
    }

    /// <summary>
    /// A mutation of <paramref name="parent"/> not yet proposed (a few tries), else a not yet proposed neighbour, else
    /// null.
    /// </summary>
    protected string? MutateNew(string parent)
    {
        for (int attempt = 0; attempt < 16; attempt++)
        {
            string child = Domain.Mutate(parent, Random);
            if (!IsProposed(child)) return child;
        }
        var fresh = Domain.Neighbours(parent).Where(n => !IsProposed(n)).ToArray();
        return fresh.Length == 0 ? null : fresh[Random.Next(fresh.Length)];
    }

    /// <summary>
    /// Up to <paramref name="count"/> distinct architectures not yet proposed: <paramref name="random"/> uniformly random
    /// ones, then ones near the <paramref name="parents"/>: their one-edit neighbours (parents in order), then two-edit
    /// mutations of random parents (SEARCH.md §4: candidates made by mutating the best).
    /// </summary>
    protected List<string> CandidatesNear(IReadOnlyList<string> parents, int count, int random = 0)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var candidates = new List<string>(count);
        void Add(string arch)
        {
            if (candidates.Count < count && !IsProposed(arch) && keys.Add(Domain.Key(arch))) candidates.Add(arch);
        }
        for (int attempt = 0; attempt < 4 * random && candidates.Count < random; attempt++)
            Add(Domain.Sample(Random));
        foreach (string parent in parents)
            foreach (string n in Domain.Neighbours(parent))
                Add(n);
        for (int attempt = 0; attempt < 20 * count && candidates.Count < count && parents.Count > 0; attempt++)
            Add(Domain.Mutate(Domain.Mutate(parents[Random.Next(parents.Count)], Random), Random));
        return candidates;
    }

    /// <summary>
    /// Fits <paramref name="predictor"/> on every observation (fitness as the target), seeded by the run's seed and
    /// the fit's number <paramref name="fit"/>.
    /// </summary>
    protected void FitOnObservations(IArchitecturePredictor predictor, int fit)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        predictor.Fit([.. observations.Select(o => o.Arch)], [.. observations.Select(o => o.Fitness)], PredictorSeeds.Of(Context.Seed, fit));
    }

    /// <summary>The <paramref name="count"/> best observations by fitness (ties: earlier first).</summary>
    protected IReadOnlyList<Observation> TopObservations(int count) =>
        [.. observations.Select((o, i) => (o, i)).OrderByDescending(x => x.o.Fitness).ThenBy(x => x.i).Take(count).Select(x => x.o)];

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases predictors a strategy holds.</summary>
    protected virtual void Dispose(bool disposing) { }
}
