using System.Globalization;
using NasSharp.Graphs;
using NasSharp.SearchSpaces;

namespace NasSharp.Features;

/// <summary>
/// GRAF-style graph features (Kadlecová et al., ICML 2024) of a space's cells, computed on the ops-on-nodes graph
/// after pruning: operation nodes of a zero type, or on no input→output path of non-zero operations, are dead and
/// count as the zero operation. Features, in order (docs/FEATURES.md lists them per space):
/// <list type="bullet">
/// <item><c>count:OP</c> per counted type: live nodes of that type; the zero type's count also takes the dead nodes.</item>
/// <item><c>paths:S</c>, <c>min_path:S</c>, <c>max_path:S</c> per op subset S: input→output paths using only S, the
/// fewest and most operations on one (0 when there is none).</item>
/// <item>degree features of <see cref="GraphFeatureDefinition.Degrees"/>, and the macro features when a skeleton is given.</item>
/// </list>
/// Graphs come from an encoder the caller gives (<see cref="GraphFeatures"/> uses the space's, after mapping each
/// architecture to its class representative, so that cells with one <see cref="ISearchSpace.Key"/> share features).
/// </summary>
public sealed class GraphFeaturizer : IArchitectureFeaturizer
{
    private readonly GraphFeatureDefinition definition;
    private readonly Func<string, CellGraph> encode;
    private readonly bool[] zero;
    private readonly string[] names;

    /// <summary>A featurizer of the graphs <paramref name="encode"/> makes, as <paramref name="definition"/> says.</summary>
    /// <exception cref="ArgumentException">A type index outside the vocabulary, or a subset holding a zero type.</exception>
    public GraphFeaturizer(GraphFeatureDefinition definition, Func<string, CellGraph> encode)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(encode);
        int types = definition.NodeTypes.Count;
        zero = new bool[types];
        foreach (int t in definition.ZeroTypes.Concat(definition.CountedTypes).Concat(definition.Subsets.SelectMany(s => s.Types)))
            if (t < 0 || t >= types)
                throw new ArgumentException($"Node type {t} is outside the {types} types of the definition.", nameof(definition));
        foreach (int t in definition.ZeroTypes) zero[t] = true;
        foreach (var subset in definition.Subsets)
            if (subset.Types.Any(t => zero[t]))
                throw new ArgumentException($"Op subset '{subset.Name}' holds a zero type; paths through zeros carry nothing.", nameof(definition));
        this.definition = definition;
        this.encode = encode;
        names = [.. BuildNames(definition)];
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Names => names;

    /// <inheritdoc/>
    public double[] Compute(string arch) => Compute(encode(arch));

    /// <summary>The features of an ops-on-nodes <paramref name="graph"/> whose node types index the definition's vocabulary.</summary>
    public double[] Compute(CellGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        int n = graph.NodeCount;
        var live = CellPaths.Live(graph, t => !zero[t]);
        var result = new double[names.Length];
        int k = 0;
        foreach (int type in definition.CountedTypes)
        {
            int count = 0;
            for (int v = 1; v < n - 1; v++)
                if (live[v] ? graph.NodeTypes[v] == type : zero[type]) count++;
            result[k++] = count;
        }
        foreach (var subset in definition.Subsets)
        {
            var paths = CellPaths.Statistics(graph, subset.Contains);
            result[k++] = paths.Count;
            result[k++] = paths.MinLength;
            result[k++] = paths.MaxLength;
        }
        k = definition.Degrees == DegreeLayout.FourNodeCell
            ? FourNodeDegrees(graph, live, result, k)
            : SummaryDegrees(graph, live, result, k);
        if (definition.Skeleton is { } skeleton)
        {
            result[k++] = skeleton.Cells.Count;
            result[k++] = skeleton.ReductionPositions.Count;
        }
        return result;
    }

    private static int FourNodeDegrees(CellGraph graph, bool[] live, double[] result, int k)
    {
        if (graph.NodeCount != FourNodeCell.OpsOnNodesCount)
            throw new ArgumentException($"A 4-node cell encodes to {FourNodeCell.OpsOnNodesCount} ops-on-nodes nodes, got {graph.NodeCount}.", nameof(graph));
        var inDegree = new int[4];
        var outDegree = new int[4];
        for (int e = 0; e < FourNodeCell.Edges.Count; e++)
        {
            if (!live[e + 1]) continue;
            outDegree[FourNodeCell.Edges[e].From]++;
            inDegree[FourNodeCell.Edges[e].To]++;
        }
        result[k++] = outDegree[0];
        for (int node = 1; node <= 2; node++)
        {
            result[k++] = inDegree[node];
            result[k++] = outDegree[node];
        }
        result[k++] = inDegree[3];
        return k;
    }

    private static int SummaryDegrees(CellGraph graph, bool[] live, double[] result, int k)
    {
        int n = graph.NodeCount;
        var inDegree = new int[n];
        var outDegree = new int[n];
        int edges = 0;
        for (int u = 0; u < n; u++)
            for (int v = u + 1; v < n; v++)
                if (live[u] && live[v] && graph.HasEdge(u, v))
                {
                    edges++;
                    outDegree[u]++;
                    inDegree[v]++;
                }
        int ops = 0, maxIn = 0, maxOut = 0;
        for (int v = 1; v < n - 1; v++)
        {
            if (!live[v]) continue;
            ops++;
            maxIn = Math.Max(maxIn, inDegree[v]);
            maxOut = Math.Max(maxOut, outDegree[v]);
        }
        result[k++] = ops;
        result[k++] = edges;
        result[k++] = outDegree[0];
        result[k++] = inDegree[n - 1];
        result[k++] = maxIn;
        result[k++] = maxOut;
        return k;
    }

    private static IEnumerable<string> BuildNames(GraphFeatureDefinition definition)
    {
        foreach (int type in definition.CountedTypes) yield return $"count:{definition.NodeTypes[type]}";
        foreach (var subset in definition.Subsets)
        {
            yield return $"paths:{subset.Name}";
            yield return $"min_path:{subset.Name}";
            yield return $"max_path:{subset.Name}";
        }
        if (definition.Degrees == DegreeLayout.FourNodeCell)
        {
            yield return "out_degree:0";
            for (int node = 1; node <= 2; node++)
            {
                string id = node.ToString(CultureInfo.InvariantCulture);
                yield return $"in_degree:{id}";
                yield return $"out_degree:{id}";
            }
            yield return "in_degree:3";
        }
        else
        {
            yield return "live_ops";
            yield return "live_edges";
            yield return "out_degree:input";
            yield return "in_degree:output";
            yield return "max_in_degree";
            yield return "max_out_degree";
        }
        if (definition.Skeleton is not null)
        {
            yield return "macro:cells";
            yield return "macro:reductions";
        }
    }
}
