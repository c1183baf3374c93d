using System.Text.Json.Serialization;
using NasSharp.Search.Strategies;
using NasSharp.SearchSpaces;

namespace NasSharp.Studies;

/// <summary>
/// What a study searches and how; stored with the study, so every process that asks for a trial builds the same
/// strategy. Settings of the strategies are their defaults (<see cref="StrategySettings"/>), as <c>nassharp search</c>
/// uses without options.
/// </summary>
/// <param name="Name">The study's name, unique within its store.</param>
/// <param name="Space">Search space name (<see cref="SearchSpaceCatalog"/>).</param>
/// <param name="Strategy">Strategy name (<see cref="StrategyRegistry"/>).</param>
/// <param name="Predictor">Predictor kind of a predictor-guided strategy (<c>np</c> by default); null for the others.</param>
/// <param name="Budget">Trials to run: waiting + running + complete + failed never exceed it (a trial that failed for good used its share, so a broken command cannot run forever).</param>
/// <param name="Seed">Seed of the strategy (its sampling, mutations and predictor fits).</param>
/// <param name="Minimize">Whether the first objective is minimised (a loss, a latency); maximised by default.</param>
/// <param name="Domain">
/// Null: every architecture of the space. A benchmark target (e.g. <c>cifar10</c>): the architectures the space's
/// benchmark measures for it, the domain <c>nassharp search --target</c> searches, so a study answered from the table
/// (<c>evaluate --from-table</c>) retraces that search.
/// </param>
/// <param name="Objectives">
/// The result fields recorded as the trial's values, in order (default <c>value</c>); the strategy optimises the first.
/// </param>
/// <param name="Constraints">
/// Bounds on costs a benchmark table knows before training (<see cref="ArchitectureConstraint"/>, e.g.
/// <c>params-cifar10&lt;=0.5</c>): the strategy proposes only architectures that satisfy all of them. None by default.
/// </param>
public sealed record StudyDefinition(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("space")] string Space,
    [property: JsonPropertyName("strategy")] string Strategy,
    [property: JsonPropertyName("predictor")] string? Predictor,
    [property: JsonPropertyName("budget")] int Budget,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("minimize")] bool Minimize = false,
    [property: JsonPropertyName("domain")] string? Domain = null,
    [property: JsonPropertyName("objectives")] IReadOnlyList<string>? Objectives = null,
    [property: JsonPropertyName("constraints")] IReadOnlyList<string>? Constraints = null)
{
    /// <summary>The objective read when none is named.</summary>
    public const string DefaultObjective = "value";

    /// <summary>The result fields recorded, the first optimised.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> ObjectiveNames => Objectives is { Count: > 0 } ? Objectives : [DefaultObjective];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("A study needs a name (--name).");
        SearchSpaceCatalog.Get(Space);
        var strategy = StrategyRegistry.Get(Strategy);
        if (strategy.UsesPredictor && Predictor is null)
            throw new ArgumentException($"Strategy '{Strategy}' is guided by a predictor; choose one with --predictor.");
        if (Budget < 1) throw new ArgumentException($"The budget must be at least 1 trial, got {Budget}.");
        foreach (string constraint in Constraints ?? []) ArchitectureConstraint.Parse(constraint, SearchSpaceCatalog.Get(Space));
        var names = ObjectiveNames;
        if (names.Any(string.IsNullOrWhiteSpace) || names.Distinct(StringComparer.Ordinal).Count() != names.Count)
            throw new ArgumentException($"Objectives must be distinct, non-empty result fields; got '{string.Join(",", names)}'.");
    }

    /// <summary>The value signed so that higher is better, as the strategy is told it.</summary>
    public double Fitness(double value) => Minimize ? -value : value;
}
