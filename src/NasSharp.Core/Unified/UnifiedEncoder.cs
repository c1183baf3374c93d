using NasSharp.Graphs;
using NasSharp.SearchSpaces;

namespace NasSharp.Unified;

/// <summary>
/// Encodes architectures of one search space in MP-NAS's unified form (mp-nas.txt §3.3): the space's ops-on-nodes
/// graph with node types relabelled to <see cref="UnifiedOperation"/>s (via <see cref="UnifiedMappings"/>), plus a
/// global node connected to every node.
/// </summary>
/// <remarks>
/// The global node is appended as the <b>last</b> node with an edge <b>from every other node to it</b>
/// (node → global). mp-nas.txt does not state the direction; this follows the BRP-NAS/LatBench encoding MP-NAS builds
/// on, whose <c>add_global_node</c> appends an all-ones column to the adjacency. Two consequences: the adjacency
/// stays upper triangular (the <see cref="CellGraph"/> convention), and a GCN's forward pass (along A) gathers every
/// node into the global node while its backward pass (along Aᵀ) broadcasts the global node to every node. Unlike a
/// plain space encoding, the last node of a unified graph is the global node; the output is the one before it.
/// </remarks>
public sealed class UnifiedEncoder
{
    /// <summary>
    /// Largest node count of a unified graph, what batches pad to: NB201/TB101 ops-on-nodes 8 + global = 9
    /// (NB101: 7 + global = 8).
    /// </summary>
    public const int MaxNodes = 9;

    private readonly IReadOnlyList<UnifiedOperation> nodeTypeMap;

    /// <summary>An encoder for architectures of <paramref name="space"/>.</summary>
    /// <exception cref="ArgumentException">The space has no (complete) mapping in <see cref="UnifiedMappings"/>.</exception>
    public UnifiedEncoder(ISearchSpace space)
    {
        Space = space;
        nodeTypeMap = UnifiedMappings.NodeTypeMap(space);
    }

    /// <summary>The space whose architectures this encoder takes.</summary>
    public ISearchSpace Space { get; }

    /// <summary>The unified graph of <paramref name="arch"/>; node types are <see cref="UnifiedOperation"/> values.</summary>
    /// <exception cref="ArchitectureFormatException">Not a valid architecture of <see cref="Space"/>.</exception>
    public CellGraph Encode(string arch) => Encode(Space.Encode(arch), nodeTypeMap);

    /// <summary>
    /// Relabels an ops-on-nodes <paramref name="graph"/> (node type <c>t</c> becomes <paramref name="nodeTypeMap"/>[t])
    /// and appends the global node with an edge from every node to it.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A node type outside <paramref name="nodeTypeMap"/>, or a graph too large for <see cref="MaxNodes"/>.
    /// </exception>
    public static CellGraph Encode(CellGraph graph, IReadOnlyList<UnifiedOperation> nodeTypeMap)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(nodeTypeMap);
        int n = graph.NodeCount, m = n + 1;
        if (m > MaxNodes)
            throw new ArgumentException($"A {n}-node cell plus the global node exceeds {nameof(MaxNodes)} = {MaxNodes}.", nameof(graph));
        var types = new int[m];
        for (int v = 0; v < n; v++)
        {
            int t = graph.NodeTypes[v];
            if (t < 0 || t >= nodeTypeMap.Count)
                throw new ArgumentException($"Node {v} has type {t}, outside the {nodeTypeMap.Count} mapped node types.", nameof(graph));
            types[v] = (int)nodeTypeMap[t];
        }
        types[n] = (int)UnifiedOperation.Global;
        var adjacency = new bool[m * m];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) adjacency[i * m + j] = graph.HasEdge(i, j);
            adjacency[i * m + n] = true;
        }
        return new CellGraph(types, adjacency);
    }
}
