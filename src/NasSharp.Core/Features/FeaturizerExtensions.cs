namespace NasSharp.Features;

/// <summary>Batch helpers over <see cref="IArchitectureFeaturizer"/>.</summary>
public static class FeaturizerExtensions
{
    /// <summary>The features of each of <paramref name="archs"/>, in order: one row per architecture.</summary>
    /// <exception cref="SearchSpaces.ArchitectureFormatException">An architecture is not one of the space.</exception>
    /// <exception cref="KeyNotFoundException">A feature source has no value for an architecture.</exception>
    public static double[][] ComputeAll(this IArchitectureFeaturizer featurizer, IReadOnlyList<string> archs)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        ArgumentNullException.ThrowIfNull(archs);
        var rows = new double[archs.Count][];
        for (int i = 0; i < rows.Length; i++) rows[i] = featurizer.Compute(archs[i]);
        return rows;
    }
}
