using System.Globalization;
using NasSharp.Benchmarks;
using NasSharp.Data;

namespace NasSharp.SearchSpaces;

/// <summary>
/// A bound on a cost a benchmark table knows before anything is trained (parameters, FLOPs, a device's latency), e.g.
/// <c>params-cifar10&lt;=0.5</c> or <c>nb201-latency-help:gold-6226&lt;8</c>. A constrained search proposes only
/// architectures the table holds and whose value satisfies every bound (<see cref="Restrict"/>), so no training is spent
/// on an infeasible one; a bound on what a trial itself measures cannot be known before the trial and is not one of these.
/// </summary>
/// <param name="Benchmark">The benchmark table (<see cref="BenchmarkCatalog"/>), of the searched space.</param>
/// <param name="Metric">The table's metric.</param>
/// <param name="Operator">One of <c>&lt;=</c>, <c>&lt;</c>, <c>&gt;=</c>, <c>&gt;</c>.</param>
/// <param name="Bound">The bound, in the metric's unit.</param>
public sealed record ArchitectureConstraint(string Benchmark, string Metric, string Operator, double Bound)
{
    private static readonly string[] Operators = ["<=", ">=", "<", ">"];

    /// <summary>
    /// Parses <c>[BENCHMARK:]METRIC OP NUMBER</c>; without a benchmark, the main table of <paramref name="space"/>.
    /// The metric is checked when the constraint is applied (<see cref="Restrict"/>), where the table is loaded.
    /// </summary>
    /// <exception cref="ArgumentException">No operator, an empty metric, a bound that is not a finite number, or a benchmark of another space.</exception>
    public static ArchitectureConstraint Parse(string text, ISearchSpace space)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentNullException.ThrowIfNull(space);
        string? op = Operators.FirstOrDefault(o => text.Contains(o, StringComparison.Ordinal));
        if (op is null)
            throw new ArgumentException($"Constraint '{text}': expected METRIC<=NUMBER (or <, >=, >), e.g. params-cifar10<=0.5.", nameof(text));
        int at = text.IndexOf(op, StringComparison.Ordinal);
        string left = text[..at].Trim(), right = text[(at + op.Length)..].Trim();
        if (!double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out double bound) || !double.IsFinite(bound))
            throw new ArgumentException($"Constraint '{text}': the bound '{right}' is not a finite number.", nameof(text));
        int colon = left.IndexOf(':', StringComparison.Ordinal);
        string benchmark = colon < 0 ? space.Name : left[..colon].Trim();
        string metric = colon < 0 ? left : left[(colon + 1)..].Trim();
        if (metric.Length == 0) throw new ArgumentException($"Constraint '{text}': no metric before '{op}'.", nameof(text));
        var info = BenchmarkCatalog.Info(benchmark);
        if (info.Schema.Space.Name != space.Name)
            throw new ArgumentException($"Constraint '{text}': benchmark '{info.Name}' describes {info.Schema.Space.Name}, not {space.Name}.", nameof(text));
        return new ArchitectureConstraint(info.Name, metric, op, bound);
    }

    /// <summary>Whether <paramref name="value"/> satisfies the bound; a missing (NaN) value never does.</summary>
    public bool Admits(double value) => Operator switch
    {
        "<=" => value <= Bound,
        "<" => value < Bound,
        ">=" => value >= Bound,
        ">" => value > Bound,
        _ => throw new InvalidOperationException($"Unknown constraint operator '{Operator}'."),
    };

    /// <summary>
    /// The members of <paramref name="domain"/> (every architecture of the space when it is whole) that the tables hold
    /// and that satisfy every constraint, as a restricted domain in the same order.
    /// </summary>
    /// <exception cref="ArgumentException">A metric the table lacks (the message lists its metrics), or no architecture left.</exception>
    /// <exception cref="InvalidOperationException">A whole domain of a space that does not enumerate itself (NB101): restrict it to a table first.</exception>
    public static SearchDomain Restrict(SearchDomain domain, IReadOnlyList<ArchitectureConstraint> constraints, Func<DataRoot> root)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentNullException.ThrowIfNull(root);
        if (constraints.Count == 0) return domain;
        var members = domain.Members
            ?? throw new InvalidOperationException($"The whole {domain.Space.Name} space is not enumerated; constrain a table's cells (a study's --domain) instead.");
        var tables = constraints.Select(c => c.Benchmark).Distinct().ToDictionary(b => b, b => BenchmarkCatalog.Load(root(), b));
        foreach (var c in constraints)
            if (!tables[c.Benchmark].HasMetric(c.Metric))
                throw new ArgumentException($"Constraint {c}: benchmark '{c.Benchmark}' has no metric '{c.Metric}'; it has {string.Join(", ", tables[c.Benchmark].Metrics.Select(m => m.Name))}.");
        var feasible = members.Where(arch => constraints.All(c =>
        {
            var table = tables[c.Benchmark];
            int row = table.IndexOf(arch);
            return row >= 0 && c.Admits(table.Value(c.Metric, row));
        })).ToArray();
        if (feasible.Length == 0)
            throw new ArgumentException($"No architecture of the {domain.Space.Name} domain satisfies {string.Join(" and ", constraints)}.");
        return SearchDomain.Restricted(domain.Space, feasible);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Benchmark}:{Metric}{Operator}{Bound.ToString(CultureInfo.InvariantCulture)}";
}
