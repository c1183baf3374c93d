using System.Text;

namespace NasSharp.Benchmarks;

/// <summary>
/// A benchmark the catalog knows, described without reading its file: where it lives under the data root, how it is
/// read, and which ranking targets it offers. Used for <c>--help</c>, listings and error messages.
/// </summary>
/// <param name="Schema">How the file is read (name, space, metrics).</param>
/// <param name="RelativePath">Path below the data root, '/'-separated, e.g. <c>nb201/nb201.csv</c>.</param>
/// <param name="Description">One line: what the table holds.</param>
/// <param name="RankingTargets">Targets <c>--target</c> accepts for this benchmark (may be empty).</param>
public sealed record BenchmarkInfo(BenchmarkSchema Schema, string RelativePath, string Description, IReadOnlyList<RankingTarget> RankingTargets)
{
    /// <summary>Benchmark name, e.g. <c>nb201</c>.</summary>
    public string Name => Schema.Name;

    /// <summary>The metrics the table offers.</summary>
    public IReadOnlyList<MetricInfo> Metrics => Schema.Metrics;

    /// <summary>The ranking target called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown target; the message lists the valid ones.</exception>
    public RankingTarget Target(string name) =>
        RankingTargets.FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException(RankingTargets.Count == 0
            ? $"Benchmark '{Name}' offers no ranking targets (target '{name}' requested)."
            : $"Unknown target '{name}' for {Name}; valid: {string.Join(", ", RankingTargets.Select(t => t.Name))}.", nameof(name));

    /// <summary>A multi-line description: file, targets and every metric with unit and direction.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append(Name).Append(" (").Append(RelativePath).Append(", space ").Append(Schema.Space.Name).Append("): ").AppendLine(Description);
        if (RankingTargets.Count > 0)
            sb.Append("  targets: ").AppendLine(string.Join("; ", RankingTargets));
        if (Metrics.Count == 0)
            sb.AppendLine("  metrics: none (architectures only)");
        foreach (var m in Metrics)
            sb.Append("  ").AppendLine(m.ToString());
        return sb.ToString();
    }
}
