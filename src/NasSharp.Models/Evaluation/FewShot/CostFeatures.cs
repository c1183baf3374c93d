using NasSharp.Features;
using NasSharp.SearchSpaces;

namespace NasSharp.Evaluation.FewShot;

/// <summary>
/// Cost columns as features of NB201 architectures (the device prior and FLOPs/parameters): each column is read
/// once from an <see cref="ICostColumns"/>, log-transformed and z-scored over all its cells. Only the columns given
/// are ever read, so a prior built without a device's columns knows nothing of that device.
/// </summary>
/// <remarks>
/// Logarithms because latencies across devices are close to proportional (a network twice as slow on one device is
/// about twice as slow on another), which is linear in log space; the z-score over the whole column (other devices'
/// measurements, not the held-out task's) gives every column one scale. Values at or below zero (integer-ms phones
/// round fast cells to 0) are floored at half the column's smallest positive value.
/// </remarks>
public sealed class CostFeatures : IArchitectureFeaturizer
{
    private readonly ISearchSpace space;
    private readonly Dictionary<string, int> rowOf;
    private readonly double[][] columns;
    private readonly string[] names;

    /// <summary>The features of <paramref name="selected"/> from <paramref name="source"/>, for architectures of <paramref name="space"/>.</summary>
    /// <exception cref="ArgumentException">No columns, a column twice, or a column with a missing value (it could not describe every cell).</exception>
    public CostFeatures(ISearchSpace space, ICostColumns source, IReadOnlyList<CostColumn> selected)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(selected);
        if (selected.Count == 0) throw new ArgumentException("Cost features need at least one column.", nameof(selected));
        if (selected.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"Cost column '{twice.Key}' is chosen twice.", nameof(selected));
        this.space = space;
        names = [.. selected.Select(c => c.Name)];
        rowOf = new Dictionary<string, int>(source.Architectures.Count, StringComparer.Ordinal);
        for (int i = 0; i < source.Architectures.Count; i++) rowOf[source.Architectures[i]] = i;
        columns = [.. selected.Select(c => Standardise(c, source.Read(c)))];
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Names => names;

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">The architecture is not among the source's.</exception>
    public double[] Compute(string arch)
    {
        string canonical = space.Canonicalize(arch);
        if (!rowOf.TryGetValue(canonical, out int row))
            throw new KeyNotFoundException($"The cost tables have no row for architecture '{canonical}'.");
        var result = new double[columns.Length];
        for (int j = 0; j < columns.Length; j++) result[j] = columns[j][row];
        return result;
    }

    /// <summary>
    /// The zero-shot FLOPs score of <paramref name="architectures"/> (higher = fewer FLOPs, log-scaled, so it ranks
    /// like −FLOPs): what every few-shot cost fit is compared with.
    /// </summary>
    /// <exception cref="KeyNotFoundException">An architecture is not among the source's.</exception>
    public static double[] MinusFlops(ISearchSpace space, ICostColumns source, IReadOnlyList<string> architectures)
    {
        ArgumentNullException.ThrowIfNull(architectures);
        var flops = new CostFeatures(space, source, [DeviceCatalog.Flops]);
        return [.. architectures.Select(a => -flops.Compute(a)[0])];
    }

    private static double[] Standardise(CostColumn column, double[] values)
    {
        if (values.Any(v => !double.IsFinite(v)))
            throw new ArgumentException($"Cost column '{column.Name}' is missing {values.Count(v => !double.IsFinite(v))} cells; a feature must describe every cell.");
        double floor = values.Where(v => v > 0).DefaultIfEmpty(1).Min() / 2;
        var logs = values.Select(v => Math.Log(Math.Max(v, floor))).ToArray();
        double mean = logs.Average();
        double std = Math.Sqrt(logs.Average(v => (v - mean) * (v - mean)));
        if (std < 1e-12) std = 1;
        return [.. logs.Select(v => (v - mean) / std)];
    }
}
