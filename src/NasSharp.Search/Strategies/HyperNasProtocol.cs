namespace NasSharp.Search.Strategies;

/// <summary>
/// The HyperNAS search protocol (hypernas App. C.1): measure <see cref="HyperNasProtocolConfig.Train"/> random
/// architectures, train the predictor on them once, run regularized evolution whose fitness is the prediction, and
/// spend the remaining queries on the best predicted architectures evolution visited.
/// </summary>
public sealed class HyperNasProtocol : PredictorGuidedStrategy<IArchitecturePredictor>
{
    /// <summary>Registry name.</summary>
    public const string Id = "hypernas";

    private readonly HyperNasProtocolConfig config;
    private bool evolved;

    /// <summary>Creates the strategy.</summary>
    public HyperNasProtocol(StrategyContext context, HyperNasProtocolConfig config) : base(context, context.RequirePredictor(Id))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        this.config = config;
    }

    /// <inheritdoc/>
    public override string Name => Id;

    /// <inheritdoc/>
    protected override int InitialRandom => config.Train;

    /// <summary>Once: every architecture evolution visited, best predicted first; the paper trains the predictor once.</summary>
    protected override IReadOnlyList<string> NextBatch()
    {
        if (evolved) return [];
        evolved = true;
        return EvolveOnPredictions();
    }

    /// <summary>Every architecture evolution visited, best predicted first.</summary>
    private List<string> EvolveOnPredictions()
    {
        var predictor = Refit();
        var evolution = config.Evolution;
        var score = new Dictionary<string, (string Arch, double Predicted)>(StringComparer.Ordinal);
        var population = new Queue<(string Arch, double Predicted)>();
        void Score(IReadOnlyList<string> archs)
        {
            var fresh = archs.Where(a => !score.ContainsKey(Domain.Key(a))).Distinct().ToArray();
            double[] predicted = fresh.Length == 0 ? [] : predictor.Predict(fresh);
            for (int i = 0; i < fresh.Length; i++) score[Domain.Key(fresh[i])] = (fresh[i], predicted[i]);
            foreach (string a in archs)
            {
                population.Enqueue(score[Domain.Key(a)]);
                if (population.Count > evolution.Population) population.Dequeue();
            }
        }
        // The measured architectures seed the population, as their predictions would.
        Score([.. TopObservations(evolution.Population).Select(o => o.Arch)]);
        // Children are scored a generation at a time (one batched prediction) rather than one by one.
        for (int made = 0; made < config.Cycles;)
        {
            int generation = Math.Min(evolution.Population, config.Cycles - made);
            var children = new string[generation];
            var members = population.ToArray();
            for (int c = 0; c < generation; c++)
            {
                Random.Shuffle(members);
                children[c] = Domain.Mutate(members.Take(evolution.SampleSize).MaxBy(m => m.Predicted).Arch, Random);
            }
            Score(children);
            made += generation;
        }
        return [.. score.Values.Where(s => !IsProposed(s.Arch)).OrderByDescending(s => s.Predicted).Select(s => s.Arch)];
    }
}
