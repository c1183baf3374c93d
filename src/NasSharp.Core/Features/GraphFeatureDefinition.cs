using NasSharp.Graphs;

namespace NasSharp.Features;

/// <summary>
/// What <see cref="GraphFeaturizer"/> computes for the ops-on-nodes graphs of one space: the node-type vocabulary of
/// the graphs, which types are the zero operation, which are counted, the op subsets for path features, the degree
/// layout and, optionally, the macro skeleton. <see cref="GraphFeatures"/> holds the definition of each space.
/// </summary>
/// <param name="NodeTypes">Names of the node types of the graphs the featurizer is given (counted ones name features).</param>
/// <param name="CountedTypes">Types counted one feature each (<c>count:NAME</c>), in feature order.</param>
/// <param name="ZeroTypes">Types of the zero operation (<c>none</c>, <c>zeroize</c>): they carry nothing to the output.</param>
/// <param name="Subsets">Op subsets of the path features, in feature order; none may contain a zero type.</param>
/// <param name="Degrees">Which degree features to report.</param>
/// <param name="Skeleton">
/// When set, two more features describe it (<c>macro:cells</c>, <c>macro:reductions</c>): constant within one space,
/// they tell spaces apart for models trained across spaces.
/// </param>
public sealed record GraphFeatureDefinition(
    IReadOnlyList<string> NodeTypes,
    IReadOnlyList<int> CountedTypes,
    IReadOnlyList<int> ZeroTypes,
    IReadOnlyList<OpSubset> Subsets,
    DegreeLayout Degrees,
    MacroSkeleton? Skeleton = null)
{
    /// <summary>The type indices of the node types called <paramref name="names"/>.</summary>
    /// <exception cref="ArgumentException">A name is not one of <see cref="NodeTypes"/>.</exception>
    public static IReadOnlyList<int> TypesOf(IReadOnlyList<string> nodeTypes, params string[] names) =>
        [.. names.Select(name =>
        {
            for (int t = 0; t < nodeTypes.Count; t++)
                if (nodeTypes[t] == name) return t;
            throw new ArgumentException($"Node type '{name}' is not one of {string.Join(", ", nodeTypes)}.", nameof(names));
        })];
}
