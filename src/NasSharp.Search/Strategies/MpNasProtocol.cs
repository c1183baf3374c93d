namespace NasSharp.Search.Strategies;

/// <summary>
/// The MP-NAS search protocol (mp-nas §4.4): measure a few random architectures, adapt the meta-trained predictor to
/// everything measured, measure the best predicted of a large random candidate set, and repeat.
/// </summary>
public sealed class MpNasProtocol : SearchStrategy
{
    /// <summary>Registry name.</summary>
    public const string Id = "mpnas";

    private readonly MpNasProtocolConfig config;
    private readonly Lazy<IArchitecturePredictor> predictor;
    private readonly Queue<string> proposals = new();
    private int fits;

    /// <summary>Creates the strategy.</summary>
    public MpNasProtocol(StrategyContext context, MpNasProtocolConfig config) : base(context)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        this.config = config;
        predictor = new(context.RequirePredictor(Id));
    }

    /// <inheritdoc/>
    public override string Name => Id;

    /// <inheritdoc/>
    protected override string? Propose()
    {
        if (Observations.Count < config.Initial) return SampleNew();
        while (proposals.TryDequeue(out string? next))
            if (!IsProposed(next)) return next;
        var candidates = RandomCandidates();
        if (candidates.Count == 0) return null;
        FitOnObservations(predictor.Value, fits++);
        double[] predicted = predictor.Value.Predict(candidates);
        foreach (int i in Ranking.Descending(predicted).Take(config.RefitEvery)) proposals.Enqueue(candidates[i]);
        return proposals.Dequeue();
    }

    private List<string> RandomCandidates()
    {
        if (Domain.Members is { } members && members.Count - Observations.Count <= config.Candidates)
            return [.. members.Where(m => !IsProposed(m))];
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var candidates = new List<string>(config.Candidates);
        for (int attempt = 0; attempt < 4 * config.Candidates && candidates.Count < config.Candidates; attempt++)
        {
            string arch = Domain.Sample(Random);
            if (!IsProposed(arch) && keys.Add(Domain.Key(arch))) candidates.Add(arch);
        }
        return candidates;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && predictor.IsValueCreated) predictor.Value.Dispose();
    }
}
