using NasSharp.Graphs;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb101;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.SearchSpaces.Tb101;
using NasSharp.Unified;

namespace NasSharp.Features;

/// <summary>
/// The graph featurizer of each search space (docs/FEATURES.md): one entry per space name, plus
/// <see cref="Unified"/> for any space mapped into MP-NAS's unified vocabulary.
/// </summary>
public static class GraphFeatures
{
    private static readonly Dictionary<string, Func<ISearchSpace, GraphFeatureDefinition>> Definitions = new(StringComparer.Ordinal)
    {
        ["nb201"] = Nb201,
        ["tb101"] = Tb101,
        ["nb101"] = Nb101,
    };

    /// <summary>Names of the spaces with their own graph featurizer.</summary>
    public static IReadOnlyList<string> Spaces { get; } = [.. Definitions.Keys];

    /// <summary>
    /// The graph featurizer of <paramref name="space"/>, on its natural cell: ops on the edges of the 4-node cell
    /// (NB201, TB101) or on the nodes of the DAG (NB101).
    /// </summary>
    /// <exception cref="ArgumentException">No graph features for that space; the message lists the spaces that have them.</exception>
    public static IArchitectureFeaturizer For(ISearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (!Definitions.TryGetValue(space.Name, out var definition))
            throw new ArgumentException(
                $"No graph features for search space '{space.Name}'; spaces with graph features: {string.Join(", ", Spaces)} " +
                $"(or the unified encoding, for spaces mapped into it: {string.Join(", ", UnifiedMappings.Spaces)}).", nameof(space));
        return new GraphFeaturizer(definition(space), Encoder(space, space.Encode));
    }

    /// <summary>
    /// Graph features of <paramref name="space"/>'s cells in the unified encoding (mp-nas.txt §3.3) without its global
    /// node: counts of the 11 unified cell operations, paths over unified op subsets, summary degrees and the macro
    /// skeleton. Names and meaning are the same for every mapped space, so one model can learn across spaces.
    /// </summary>
    /// <exception cref="ArgumentException">The space has no (complete) unified mapping.</exception>
    public static IArchitectureFeaturizer Unified(ISearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var map = UnifiedMappings.NodeTypeMap(space);
        var ops = UnifiedVocabulary.CellOperations;
        int[] Types(params UnifiedOperation[] o) => [.. o.Select(x => (int)x)];
        int[] convs = Types(UnifiedOperation.Conv1D1, UnifiedOperation.Conv3D1, UnifiedOperation.Conv5D1,
            UnifiedOperation.Conv5D2, UnifiedOperation.Conv7D1, UnifiedOperation.Conv7D2);
        var definition = new GraphFeatureDefinition(
            UnifiedVocabulary.NodeTypes,
            Types([.. ops]),
            Types(UnifiedOperation.Zeroize),
            [
                new("conv3", Types(UnifiedOperation.Conv3D1)),
                new("convs", convs),
                new("skip", Types(UnifiedOperation.Skip)),
                new("pool", Types(UnifiedOperation.AvgPool, UnifiedOperation.MaxPool)),
                new("convs+skip", [.. convs, (int)UnifiedOperation.Skip]),
                new("all", Types([.. ops.Where(o => o != UnifiedOperation.Zeroize)])),
            ],
            DegreeLayout.Summary,
            space.Skeleton);
        return new GraphFeaturizer(definition, Encoder(space, arch => Relabelled(space.Encode(arch), map)));
    }

    // Spaces that list themselves are featurized on each key class's representative; NB101's features are invariant
    // under isomorphism by construction (no node positions), and its 423,624 cells are not listed without data.
    private static Func<string, CellGraph> Encoder(ISearchSpace space, Func<string, CellGraph> encode)
    {
        if (space.Enumerate() is null) return encode;
        var representatives = new ClassRepresentatives(space);
        return arch => encode(representatives.Of(arch));
    }

    private static CellGraph Relabelled(CellGraph graph, IReadOnlyList<UnifiedOperation> map) =>
        new([.. graph.NodeTypes.Select(t => (int)map[t])], graph.Adjacency);

    // NB201: the six subsets of the issue-15 baseline (GRAF's NB201 subsets).
    private static GraphFeatureDefinition Nb201(ISearchSpace space)
    {
        var t = space.NodeTypes;
        string c3 = "nor_conv_3x3", c1 = "nor_conv_1x1", skip = "skip_connect", pool = "avg_pool_3x3";
        return new GraphFeatureDefinition(
            t,
            GraphFeatureDefinition.TypesOf(t, [.. Nb201Cell.Operations]),
            GraphFeatureDefinition.TypesOf(t, "none"),
            [
                new("conv3x3", GraphFeatureDefinition.TypesOf(t, c3)),
                new("convs", GraphFeatureDefinition.TypesOf(t, c3, c1)),
                new("skip", GraphFeatureDefinition.TypesOf(t, skip)),
                new("pool", GraphFeatureDefinition.TypesOf(t, pool)),
                new("convs+skip", GraphFeatureDefinition.TypesOf(t, c3, c1, skip)),
                new("all", GraphFeatureDefinition.TypesOf(t, c3, c1, skip, pool)),
            ],
            DegreeLayout.FourNodeCell);
    }

    // TB101 has no pool: every non-empty subset of its three non-zero operations.
    private static GraphFeatureDefinition Tb101(ISearchSpace space)
    {
        var t = space.NodeTypes;
        return new GraphFeatureDefinition(
            t,
            GraphFeatureDefinition.TypesOf(t, [.. Tb101MicroSpace.Operations]),
            GraphFeatureDefinition.TypesOf(t, "none"),
            AllSubsets(t, ["conv3x3", "conv1x1", "skip_connect"]),
            DegreeLayout.FourNodeCell);
    }

    // NB101 has no zero and no skip operation: every non-empty subset of its three operations.
    private static GraphFeatureDefinition Nb101(ISearchSpace space)
    {
        var t = space.NodeTypes;
        return new GraphFeatureDefinition(
            t,
            GraphFeatureDefinition.TypesOf(t, [.. Nb101Cell.Operations]),
            [],
            AllSubsets(t, [.. Nb101Cell.Operations]),
            DegreeLayout.Summary);
    }

    // Subsets by size, then by the positions of their operations in the list; the full set is called "all".
    private static IReadOnlyList<OpSubset> AllSubsets(IReadOnlyList<string> nodeTypes, string[] operations)
    {
        int m = operations.Length, full = (1 << m) - 1;
        int[] Positions(int mask) => [.. Enumerable.Range(0, m).Where(i => (mask & (1 << i)) != 0)];
        return [.. Enumerable.Range(1, full)
            .OrderBy(mask => System.Numerics.BitOperations.PopCount((uint)mask))
            .ThenBy(mask => string.Concat(Positions(mask)), StringComparer.Ordinal)
            .Select(mask =>
            {
                string[] chosen = [.. Positions(mask).Select(i => operations[i])];
                return new OpSubset(mask == full ? "all" : string.Join('+', chosen), GraphFeatureDefinition.TypesOf(nodeTypes, chosen));
            })];
    }
}
