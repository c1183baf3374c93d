using NasSharp.Graphs;

namespace NasSharp.SearchSpaces;

/// <summary>
/// The cell topology NB201 and TransNAS-Bench-101 micro share: 4 nodes, an operation on each of the 6 edges j→i
/// (j &lt; i), listed 0→1, 0→2, 1→2, 0→3, 1→3, 2→3. Its ops-on-nodes form has 8 nodes: the input, one node per edge
/// operation, and the output; an edge node feeds every edge node leaving the node it enters.
/// </summary>
public static class FourNodeCell
{
    /// <summary>(source, target) of each edge, in canonical order.</summary>
    public static readonly IReadOnlyList<(int From, int To)> Edges = [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3)];

    /// <summary>Nodes of the ops-on-nodes graph: input, 6 edge operations, output.</summary>
    public const int OpsOnNodesCount = 8;

    private static readonly bool[] OpsOnNodesAdjacency = BuildOpsOnNodesAdjacency();

    /// <summary>
    /// Ops-on-nodes graph for edge operations <paramref name="operations"/> (indices into a vocabulary of
    /// <paramref name="operationCount"/> operations). Node types: 0 input, 1 + op, <paramref name="operationCount"/> + 1 output.
    /// </summary>
    public static CellGraph Encode(IReadOnlyList<int> operations, int operationCount)
    {
        var types = new int[OpsOnNodesCount];
        for (int e = 0; e < Edges.Count; e++) types[e + 1] = operations[e] + 1;
        types[^1] = operationCount + 1;
        return new CellGraph(types, OpsOnNodesAdjacency);
    }

    /// <summary>Whether the output is reachable from the input through edges whose operation is not the zero op.</summary>
    public static bool HasInputOutputPath(IReadOnlyList<int> operations, int zeroOperation)
    {
        var live = new bool[4];
        live[0] = true;
        for (int e = 0; e < Edges.Count; e++)
            if (operations[e] != zeroOperation && live[Edges[e].From]) live[Edges[e].To] = true;
        return live[3];
    }

    /// <summary>The operations with one random edge changed to a different operation.</summary>
    public static int[] MutateOneEdge(IReadOnlyList<int> operations, int operationCount, Random rng)
    {
        var ops = operations.ToArray();
        int edge = rng.Next(ops.Length);
        ops[edge] = (ops[edge] + 1 + rng.Next(operationCount - 1)) % operationCount;
        return ops;
    }

    private static bool[] BuildOpsOnNodesAdjacency()
    {
        const int n = OpsOnNodesCount, output = n - 1;
        var adj = new bool[n * n];
        for (int a = 0; a < Edges.Count; a++)
        {
            var (from, to) = Edges[a];
            if (from == 0) adj[a + 1] = true;
            if (to == 3) adj[(a + 1) * n + output] = true;
            for (int b = 0; b < Edges.Count; b++)
                if (Edges[b].From == to) adj[(a + 1) * n + b + 1] = true;
        }
        return adj;
    }
}
