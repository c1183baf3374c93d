namespace NasSharp.Search.Strategies;

/// <summary>
/// The MP-NAS search protocol (mp-nas §4.4): measure a few random architectures, adapt the meta-trained predictor to
/// everything measured, measure the best predicted of a large random candidate set, and repeat.
/// </summary>
public sealed class MpNasProtocol : PredictorGuidedStrategy<IArchitecturePredictor>
{
    /// <summary>Registry name.</summary>
    public const string Id = "mpnas";

    private readonly MpNasProtocolConfig config;

    /// <summary>Creates the strategy.</summary>
    public MpNasProtocol(StrategyContext context, MpNasProtocolConfig config) : base(context, context.RequirePredictor(Id))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        this.config = config;
    }

    /// <inheritdoc/>
    public override string Name => Id;

    /// <inheritdoc/>
    protected override int InitialRandom => config.Initial;

    /// <inheritdoc/>
    protected override IReadOnlyList<string> NextBatch()
    {
        var candidates = RandomCandidates();
        return candidates.Count == 0 ? [] : Top(candidates, Refit().Predict(candidates), config.RefitEvery);
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
}
