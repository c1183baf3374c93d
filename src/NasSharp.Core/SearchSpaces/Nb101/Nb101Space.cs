using NasSharp.Graphs;

namespace NasSharp.SearchSpaces.Nb101;

/// <summary>
/// NAS-Bench-101 (SPEC §2): DAGs of up to 7 vertices and 9 edges with 3 inner operations, 423,624 unique cells.
/// Architectures are pruned before encoding, so the canonical string is the pruned cell.
/// </summary>
public sealed class Nb101Space : ISearchSpace
{
    /// <inheritdoc/>
    public string Name => "nb101";

    /// <inheritdoc/>
    public IReadOnlyList<string> NodeTypes { get; } = ["input", "conv1x1-bn-relu", "conv3x3-bn-relu", "maxpool3x3", "output"];

    /// <inheritdoc/>
    public int MaxNodes => Nb101Cell.MaxVertices;

    /// <summary>Stem, 3 stacks of 3 cells with down-sampling between: 11 cells, reductions at 3 and 7.</summary>
    public MacroSkeleton Skeleton { get; } = MacroSkeleton.Stacked(stages: 3, cellsPerStage: 3);

    /// <summary>NB101's down-sampling between stacks: a 2×2 max pool (typed as the space's max-pool op).</summary>
    public CellGraph? FixedReductionCell { get; } = new([0, 3, 4], [false, true, false, false, false, true, false, false, false]);

    /// <summary>Parses, validates and prunes.</summary>
    public static Nb101Cell ParseValid(string arch) => Nb101Cell.Parse(arch).Validate();

    /// <summary>The official module hash of <paramref name="arch"/>.</summary>
    public static string Hash(string arch) => Nb101Hash.Compute(ParseValid(arch));

    /// <inheritdoc/>
    public string Canonicalize(string arch) => ParseValid(arch).ToString();

    /// <inheritdoc/>
    public CellGraph Encode(string arch) => Encode(ParseValid(arch));

    /// <summary>Ops-on-nodes graph of a pruned cell.</summary>
    public CellGraph Encode(Nb101Cell cell)
    {
        int n = cell.VertexCount;
        var types = new int[n];
        for (int v = 0; v < n; v++)
        {
            types[v] = -1;
            for (int t = 0; t < NodeTypes.Count; t++)
                if (NodeTypes[t] == cell.Labels[v]) types[v] = t;
        }
        var adjacency = new bool[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                adjacency[i * n + j] = cell.HasEdge(i, j);
        return new CellGraph(types, adjacency);
    }

    /// <summary>
    /// NAS-Bench-101's own sampler: a random 7×7 upper-triangular matrix and random inner operations, redrawn until
    /// the cell is valid. Returns the pruned canonical string.
    /// </summary>
    public string Sample(Random rng)
    {
        int n = Nb101Cell.MaxVertices;
        while (true)
        {
            var adjacency = new bool[n * n];
            for (int i = 0; i < n; i++)
                for (int j = i + 1; j < n; j++)
                    adjacency[i * n + j] = rng.Next(2) == 1;
            var labels = new string[n];
            labels[0] = "input";
            labels[^1] = "output";
            for (int v = 1; v < n - 1; v++) labels[v] = Nb101Cell.Operations[rng.Next(Nb101Cell.Operations.Count)];
            if (TryValid(new Nb101Cell(adjacency, labels), out var valid)) return valid.ToString();
        }
    }

    /// <summary>
    /// One elementary change: the pruned cell is padded back to 7 vertices (extra vertices get random operations and
    /// no edges), then one upper-triangular edge flips, one inner operation changes, or (while the cell has fewer
    /// than 7 vertices) a new vertex is put on a path into the output, since a lone edge flip can never add a vertex
    /// that pruning keeps. Redrawn until the result is valid and not isomorphic to the original.
    /// </summary>
    public string Mutate(string arch, Random rng)
    {
        var cell = ParseValid(arch);
        string original = Nb101Hash.Compute(cell);
        int n = Nb101Cell.MaxVertices, m = cell.VertexCount;
        // The cell's inner vertices keep positions 1..m-2, the output moves to n-1.
        int Position(int v) => v == m - 1 ? n - 1 : v;
        int edgeSlots = n * (n - 1) / 2, opSlots = n - 2, growSlots = m < n ? 1 : 0;
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            var adjacency = new bool[n * n];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < m; j++)
                    adjacency[Position(i) * n + Position(j)] = cell.HasEdge(i, j);
            var labels = new string[n];
            for (int v = 0; v < n; v++)
                labels[v] = v == 0 ? "input" : v == n - 1 ? "output"
                    : v < m - 1 ? cell.Labels[v] : Nb101Cell.Operations[rng.Next(Nb101Cell.Operations.Count)];
            int slot = rng.Next(edgeSlots + opSlots + growSlots);
            if (slot == edgeSlots + opSlots)
            {
                int added = m - 1;
                var sources = Enumerable.Range(0, added).Where(i => adjacency[i * n + n - 1]).ToArray();
                if (sources.Length == 0) continue;
                adjacency[sources[rng.Next(sources.Length)] * n + added] = true;
                adjacency[added * n + n - 1] = true;
            }
            else if (slot < edgeSlots)
            {
                var (i, j) = UpperTriangle(n).ElementAt(slot);
                adjacency[i * n + j] = !adjacency[i * n + j];
            }
            else
            {
                int v = slot - edgeSlots + 1;
                var others = Nb101Cell.Operations.Where(o => o != labels[v]).ToArray();
                labels[v] = others[rng.Next(others.Length)];
            }
            if (TryValid(new Nb101Cell(adjacency, labels), out var mutated) && Nb101Hash.Compute(mutated) != original)
                return mutated.ToString();
        }
        throw new InvalidOperationException($"No valid single-step mutation of '{arch}' found in 1000 attempts.");
    }

    private static IEnumerable<(int, int)> UpperTriangle(int n) =>
        from i in Enumerable.Range(0, n) from j in Enumerable.Range(i + 1, n - i - 1) select (i, j);

    private static bool TryValid(Nb101Cell cell, out Nb101Cell valid)
    {
        try
        {
            valid = cell.Validate();
            return true;
        }
        catch (ArchitectureFormatException)
        {
            valid = cell;
            return false;
        }
    }
}
