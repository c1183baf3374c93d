using System.Text.Json.Serialization;
using NasSharp.Benchmarks;
using NasSharp.Data;
using NasSharp.Search.Oracles;
using NasSharp.SearchSpaces;

namespace NasSharp.Search.Experiments;

/// <summary>
/// Where a search's measurements come from: a benchmark table of the data root (<see cref="Benchmark"/>) or a user
/// CSV (<see cref="File"/>), with the metric searched on, the one reported and an optional cost.
/// </summary>
/// <param name="Space">Search space name.</param>
/// <param name="Benchmark">Benchmark name (e.g. <c>nb201</c>); null for a user CSV.</param>
/// <param name="File">User CSV path; null for a benchmark.</param>
/// <param name="ArchColumn">The CSV's architecture column (user CSV only).</param>
/// <param name="SearchMetric">The metric strategies optimise (validation accuracy on the benchmarks).</param>
/// <param name="ReportMetric">The metric reported for the incumbent (test accuracy); null for none.</param>
/// <param name="CostMetric">The metric summed as the simulated cost of the queries; null for none.</param>
/// <param name="LowerIsBetter">Whether the search metric is minimised (a user CSV's; a benchmark metric knows its direction).</param>
public sealed record OracleSource(string Space, string? Benchmark, string? File, string? ArchColumn, string SearchMetric, string? ReportMetric,
    string? CostMetric, bool LowerIsBetter)
{
    /// <summary>
    /// The benchmark of <paramref name="space"/> for <paramref name="target"/> (e.g. NB201 <c>cifar10</c>): search on
    /// the target's training metric (validation accuracy), report its evaluation metric (test accuracy) when that differs.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown space or target.</exception>
    public static OracleSource ForTarget(string space, string target, string? costMetric = null)
    {
        var rankingTarget = BenchmarkCatalog.RankingTarget(SearchSpaceCatalog.Get(space), target);
        return new OracleSource(space, space, null, null, rankingTarget.TrainMetric, rankingTarget.EvalMetric, costMetric, false);
    }

    /// <summary>
    /// Bounds on costs a benchmark table knows before training (<see cref="ArchitectureConstraint"/>, e.g.
    /// <c>params-cifar10&lt;=0.5</c>): only the architectures satisfying all of them can be queried. Null (not written,
    /// so unconstrained result files stay resumable) for none.
    /// </summary>
    [JsonPropertyName("constraints")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Constraints { get; init; }

    /// <summary>Checks the constraints' syntax and benchmarks without loading any table.</summary>
    /// <exception cref="ArgumentException">A malformed constraint, or one on another space's benchmark.</exception>
    public IReadOnlyList<ArchitectureConstraint> ParsedConstraints() =>
        [.. (Constraints ?? []).Select(c => ArchitectureConstraint.Parse(c, SearchSpaceCatalog.Get(Space)))];

    /// <summary>Reads the measurements, restricted to the architectures that satisfy <see cref="Constraints"/>.</summary>
    /// <exception cref="FileNotFoundException">The table is missing.</exception>
    /// <exception cref="Data.DataFormatException">The table is malformed; the message names file, line and column.</exception>
    /// <exception cref="ArgumentException">A constraint on a metric its table lacks, or one no architecture satisfies.</exception>
    public OracleTable Load(Func<DataRoot> root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var constraints = ParsedConstraints();
        var table = LoadUnconstrained(root);
        return constraints.Count == 0 ? table : table.Restrict(ArchitectureConstraint.Restrict(table.Domain, constraints, root));
    }

    private OracleTable LoadUnconstrained(Func<DataRoot> root)
    {
        var space = SearchSpaceCatalog.Get(Space);
        if (File is not null)
            return OracleTable.FromCsv(File, space, ArchColumn ?? throw new ArgumentException("A user table needs its architecture column."),
                SearchMetric, LowerIsBetter, ReportMetric, CostMetric);
        var table = BenchmarkCatalog.Load(root(), Benchmark ?? throw new ArgumentException("Name a benchmark or a table file."));
        if (table.Space.Name != space.Name)
            throw new ArgumentException($"Benchmark '{table.Name}' holds {table.Space.Name} architectures, not {space.Name}.");
        return OracleTable.FromBenchmark(table, SearchMetric, ReportMetric, CostMetric);
    }
}
