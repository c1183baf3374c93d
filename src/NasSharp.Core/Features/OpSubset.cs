namespace NasSharp.Features;

/// <summary>
/// A set of operations for the path features of <see cref="GraphFeaturizer"/>: input→output paths whose every
/// operation is in the set.
/// </summary>
/// <param name="Name">Short name used in feature names, e.g. <c>convs</c> in <c>paths:convs</c>.</param>
/// <param name="Types">Node types (indices into <see cref="GraphFeatureDefinition.NodeTypes"/>) the paths may use.</param>
public sealed record OpSubset(string Name, IReadOnlyList<int> Types)
{
    /// <summary>Whether node type <paramref name="type"/> is in the subset.</summary>
    public bool Contains(int type)
    {
        foreach (int t in Types)
            if (t == type) return true;
        return false;
    }
}
