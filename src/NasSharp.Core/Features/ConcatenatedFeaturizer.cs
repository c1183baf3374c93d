namespace NasSharp.Features;

/// <summary>Several featurizers side by side: the features of each part, in order, in one vector.</summary>
public sealed class ConcatenatedFeaturizer : IArchitectureFeaturizer
{
    private readonly IArchitectureFeaturizer[] parts;
    private readonly string[] names;

    /// <summary>The concatenation of <paramref name="parts"/>.</summary>
    /// <exception cref="ArgumentException">No parts, or two features with one name (the message names it).</exception>
    public ConcatenatedFeaturizer(IReadOnlyList<IArchitectureFeaturizer> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) throw new ArgumentException("A concatenation needs at least one featurizer.", nameof(parts));
        this.parts = [.. parts];
        names = [.. parts.SelectMany(p => p.Names)];
        var clash = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new ArgumentException($"Feature '{clash.Key}' comes from more than one source; each name must be unique.", nameof(parts));
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Names => names;

    /// <inheritdoc/>
    public double[] Compute(string arch)
    {
        var result = new double[names.Length];
        int k = 0;
        foreach (var part in parts)
        {
            double[] values = part.Compute(arch);
            values.CopyTo(result, k);
            k += values.Length;
        }
        return result;
    }
}
