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

    /// <inheritdoc/>
    public string Name => "nb201";

    /// <inheritdoc/>
    public IReadOnlyList<string> NodeTypes { get; } = ["input", .. Nb201Cell.Operations, "output"];

    /// <inheritdoc/>
    public int MaxNodes => FourNodeCell.OpsOnNodesCount;

    /// <summary>Stem, 3 stages of 5 cells, residual reduction blocks at positions 5 and 11: 17 cells.</summary>
    public MacroSkeleton Skeleton { get; } = MacroSkeleton.Stacked(stages: 3, cellsPerStage: 5);

    /// <summary>
    /// NB201's residual reduction block: input → 3×3 conv (stride 2) → 3×3 conv → output, plus the shortcut
    /// input → 2×2 average pool → 1×1 conv → output (the average pool is typed as the space's only pooling op).
    /// </summary>
    public CellGraph? FixedReductionCell { get; } = new(
        [0, 4, 4, 5, 3, 6],
        Edges(6, (0, 1), (1, 2), (2, 5), (0, 3), (3, 4), (4, 5)));

    /// <inheritdoc/>
    public string Canonicalize(string arch) => Nb201Cell.Parse(arch).ToString();

    /// <inheritdoc/>
    public CellGraph Encode(string arch) => Encode(Nb201Cell.Parse(arch));

    /// <summary>Ops-on-nodes graph: input, the 6 edge operations in canonical order, output.</summary>
    public static CellGraph Encode(Nb201Cell cell) => FourNodeCell.Encode(cell.OperationIndices, Nb201Cell.Operations.Count);

    /// <summary>All 15,625 cells in base-5 order of the edge operations (first edge slowest); not the benchmark index order.</summary>
    public static IEnumerable<Nb201Cell> Enumerate() =>
        FourNodeCell.EnumerateOperations(Nb201Cell.Operations.Count).Select(ops => new Nb201Cell(ops));

    /// <summary>The 15,625 canonical strings of <see cref="Enumerate()"/>, in its order.</summary>
    IReadOnlyList<string>? ISearchSpace.Enumerate() => all.Value;

    private readonly Lazy<IReadOnlyList<string>> all = new(() => Array.AsReadOnly(Enumerate().Select(c => c.ToString()).ToArray()));

    /// <summary><see cref="Nb201Cell.IsomorphismKey"/>: 15,625 cells, 6,466 keys.</summary>
    public string Key(string arch) => Nb201Cell.Parse(arch).IsomorphismKey();

    /// <summary>Each of the 6 edges changed to each of the 4 other operations (24 moves), deduplicated by key.</summary>
    public IReadOnlyList<string> Neighbours(string arch) =>
        FourNodeCell.Neighbours(Nb201Cell.Parse(arch).OperationIndices, Nb201Cell.Operations.Count,
            ops => new Nb201Cell(ops).IsomorphismKey(), ops => new Nb201Cell(ops).ToString());

    /// <inheritdoc/>
    public string Sample(Random rng) =>
        new Nb201Cell(Enumerable.Range(0, Nb201Cell.Edges.Count).Select(_ => rng.Next(Nb201Cell.Operations.Count)).ToArray()).ToString();

    /// <summary>A flattened <paramref name="n"/>×<paramref name="n"/> adjacency with the given edges.</summary>
    internal static bool[] Edges(int n, params (int From, int To)[] edges)
    {
        var adjacency = new bool[n * n];
        foreach (var (from, to) in edges) adjacency[from * n + to] = true;
        return adjacency;
    }

    /// <summary>Changes the operation on one random edge to a different one.</summary>
    public string Mutate(string arch, Random rng) =>
        new Nb201Cell(FourNodeCell.MutateOneEdge(Nb201Cell.Parse(arch).OperationIndices, Nb201Cell.Operations.Count, rng)).ToString();
}
