using System.Text.Json.Serialization;
using System.Text.Json.Nodes;
using NasSharp.Search.Strategies;

namespace NasSharp.Search.Experiments;

/// <summary>
/// A query-budget search experiment (SEARCH.md §1): every strategy runs <see cref="Runs"/> times on the seeds
/// <see cref="Seed"/>, <see cref="Seed"/> + 1, …, the same seeds for every strategy. Stored as the <c>config</c> of
/// <c>search.json</c>; a rerun resumes when it describes the same experiment (<see cref="SameExperiment"/>), so a
/// folder can grow by more runs or strategies.
/// </summary>
/// <param name="Oracle">Where the measurements come from.</param>
/// <param name="Strategies">Strategy names (<see cref="StrategyRegistry"/>).</param>
/// <param name="Predictor">The predictor guiding the predictor-based strategies.</param>
/// <param name="Budget">Queries per run.</param>
/// <param name="Runs">Runs per strategy.</param>
/// <param name="Seed">Seed of the first run.</param>
/// <param name="Settings">Strategy settings.</param>
public sealed record SearchConfig(OracleSource Oracle, IReadOnlyList<string> Strategies, SearchPredictorConfig Predictor, int Budget, int Runs, int Seed, StrategySettings Settings)
{
    /// <summary>The seeds of the runs of every strategy (derived, so not stored).</summary>
    [JsonIgnore]
    public IEnumerable<int> RunSeeds => Enumerable.Range(Seed, Runs);

    /// <summary>
    /// Whether the stored config <paramref name="stored"/> (search.json's <c>config</c>) describes the same experiment
    /// as <paramref name="current"/>: everything equal except which strategies and seeds are run, since each
    /// (strategy, seed) run is recorded on its own and does not depend on the others.
    /// </summary>
    public static bool SameExperiment(JsonNode? stored, JsonNode current) =>
        stored is JsonObject && JsonNode.DeepEquals(WithoutRunSet(stored), WithoutRunSet(current));

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (Strategies.Count == 0) throw new ArgumentException("Choose at least one strategy.");
        foreach (string s in Strategies) StrategyRegistry.Get(s);
        if (Strategies.Distinct().Count() != Strategies.Count) throw new ArgumentException($"A strategy is listed twice: {string.Join(", ", Strategies)}.");
        if (Budget < 1) throw new ArgumentException($"The budget must be at least 1 query, got {Budget}.");
        if (Runs < 1) throw new ArgumentException($"Runs must be at least 1, got {Runs}.");
        if (Strategies.Any(s => StrategyRegistry.Get(s).UsesPredictor)) Predictor.Validate();
        Oracle.ParsedConstraints();
    }

    private static JsonNode WithoutRunSet(JsonNode config)
    {
        var copy = config.DeepClone().AsObject();
        foreach (string field in new[] { nameof(Strategies), nameof(Runs), nameof(Seed) }) copy.Remove(field);
        return copy;
    }
}
