using NasSharp.Graphs;

namespace NasSharp.SearchSpaces.Nb201;

/// <summary>
/// NAS-Bench-201 (SPEC §2): 5 operations on the 6 edges of a 4-node cell, 15,625 cells. The ops-on-nodes form has
/// 8 nodes: the input, one node per edge operation, and the output.
/// </summary>
public sealed class Nb201Space : ISearchSpace
{
    /// <summary>Number of cells in the space (5^6).</summary>
    public const int Size = 15_625;

    private static readonly bool[] OpsOnNodesAdjacency = BuildOpsOnNodesAdjacency();

    /// <inheritdoc/>
    public string Name => "nb201";

    /// <inheritdoc/>
    public IReadOnlyList<string> NodeTypes { get; } = ["input", .. Nb201Cell.Operations, "output"];

    /// <inheritdoc/>
    public int MaxNodes => Nb201Cell.Edges.Count + 2;

    /// <summary>Stem, 3 stages of 5 cells, residual reduction blocks at positions 5 and 11: 17 cells.</summary>
    public MacroSkeleton Skeleton { get; } = MacroSkeleton.Stacked(stages: 3, cellsPerStage: 5);

    /// <inheritdoc/>
    public string Canonicalize(string arch) => Nb201Cell.Parse(arch).ToString();

    /// <inheritdoc/>
    public CellGraph Encode(string arch) => Encode(Nb201Cell.Parse(arch));

    /// <summary>Ops-on-nodes graph: input, the 6 edge operations in canonical order, output.</summary>
    public static CellGraph Encode(Nb201Cell cell)
    {
        var types = new int[Nb201Cell.Edges.Count + 2];
        types[0] = 0;
        for (int e = 0; e < Nb201Cell.Edges.Count; e++) types[e + 1] = cell.OperationIndices[e] + 1;
        types[^1] = Nb201Cell.Operations.Count + 1;
        return new CellGraph(types, OpsOnNodesAdjacency);
    }

    /// <summary>All 15,625 cells in base-5 order of the edge operations (first edge slowest); not the benchmark index order.</summary>
    public static IEnumerable<Nb201Cell> Enumerate()
    {
        int n = Nb201Cell.Operations.Count, e = Nb201Cell.Edges.Count;
        for (int code = 0; code < Size; code++)
        {
            var ops = new int[e];
            for (int k = e - 1, c = code; k >= 0; k--, c /= n) ops[k] = c % n;
            yield return new Nb201Cell(ops);
        }
    }

    /// <inheritdoc/>
    public string Sample(Random rng) =>
        new Nb201Cell(Enumerable.Range(0, Nb201Cell.Edges.Count).Select(_ => rng.Next(Nb201Cell.Operations.Count)).ToArray()).ToString();

    /// <summary>Changes the operation on one random edge to a different one.</summary>
    public string Mutate(string arch, Random rng)
    {
        var ops = Nb201Cell.Parse(arch).OperationIndices.ToArray();
        int edge = rng.Next(ops.Length);
        ops[edge] = (ops[edge] + 1 + rng.Next(Nb201Cell.Operations.Count - 1)) % Nb201Cell.Operations.Count;
        return new Nb201Cell(ops).ToString();
    }

    private static bool[] BuildOpsOnNodesAdjacency()
    {
        int n = Nb201Cell.Edges.Count + 2, output = n - 1;
        var adj = new bool[n * n];
        for (int a = 0; a < Nb201Cell.Edges.Count; a++)
        {
            var (from, to) = Nb201Cell.Edges[a];
            if (from == 0) adj[0 * n + a + 1] = true;
            if (to == 3) adj[(a + 1) * n + output] = true;
            for (int b = 0; b < Nb201Cell.Edges.Count; b++)
                if (Nb201Cell.Edges[b].From == to) adj[(a + 1) * n + b + 1] = true;
        }
        return adj;
    }
}
