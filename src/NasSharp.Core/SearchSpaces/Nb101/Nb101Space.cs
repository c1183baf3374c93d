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
        int edgeSlots = n * (n - 1) / 2, opSlots = n - 2, growSlots = m < n ? 1 : 0;
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            var (adjacency, labels) = Padded(cell, padding: "");
            for (int v = m - 1; v < n - 1; v++) labels[v] = Nb101Cell.Operations[rng.Next(Nb101Cell.Operations.Count)];
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

    /// <summary>The module hash (<see cref="Hash"/>), NAS-Bench-101's own identity of a cell.</summary>
    public string Key(string arch) => Hash(arch);

    /// <summary>
    /// Every cell <see cref="Mutate"/> can return, in this order: each upper-triangular edge of the cell padded to 7
    /// vertices flipped, each inner operation changed to each other one, and (below 7 vertices) a new vertex of each
    /// operation put between each vertex that feeds the output and the output. Only valid results count (a path from
    /// input to output, at most 9 edges after pruning); they are pruned and deduplicated by module hash. Flips that touch
    /// only padding vertices are pruned away again, so they never add a neighbour.
    /// </summary>
    public IReadOnlyList<string> Neighbours(string arch)
    {
        var cell = ParseValid(arch);
        int n = Nb101Cell.MaxVertices, m = cell.VertexCount;
        var (adjacency, labels) = Padded(cell, padding: Nb101Cell.Operations[0]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { Nb101Hash.Compute(cell) };
        var result = new List<string>();
        void Consider(bool[] a, string[] l)
        {
            if (TryValid(new Nb101Cell(a, l), out var valid) && seen.Add(Nb101Hash.Compute(valid))) result.Add(valid.ToString());
        }
        foreach (var (i, j) in UpperTriangle(n))
        {
            var flipped = (bool[])adjacency.Clone();
            flipped[i * n + j] = !flipped[i * n + j];
            Consider(flipped, labels);
        }
        for (int v = 1; v < m - 1; v++)
            foreach (string op in Nb101Cell.Operations.Where(o => o != labels[v]))
            {
                var changed = (string[])labels.Clone();
                changed[v] = op;
                Consider(adjacency, changed);
            }
        if (m < n)
        {
            int added = m - 1;
            for (int source = 0; source < added; source++)
            {
                if (!adjacency[source * n + n - 1]) continue;
                foreach (string op in Nb101Cell.Operations)
                {
                    var grown = (bool[])adjacency.Clone();
                    grown[source * n + added] = grown[added * n + n - 1] = true;
                    var grownLabels = (string[])labels.Clone();
                    grownLabels[added] = op;
                    Consider(grown, grownLabels);
                }
            }
        }
        return result;
    }

    /// <summary>Null: the 423,624 cells are listed by the pool file <c>nb101/nb101_space.csv.gz</c>, not generated.</summary>
    public IReadOnlyList<string>? Enumerate() => null;

    /// <summary>
    /// The pruned cell on 7 vertices as <see cref="Mutate"/> lays it out: inner vertices keep positions 1..m-2, the
    /// output moves to 6, the padding vertices between get <paramref name="padding"/> and no edges.
    /// </summary>
    private static (bool[] Adjacency, string[] Labels) Padded(Nb101Cell cell, string padding)
    {
        int n = Nb101Cell.MaxVertices, m = cell.VertexCount;
        int Position(int v) => v == m - 1 ? n - 1 : v;
        var adjacency = new bool[n * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
                adjacency[Position(i) * n + Position(j)] = cell.HasEdge(i, j);
        var labels = new string[n];
        for (int v = 0; v < n; v++)
            labels[v] = v == 0 ? "input" : v == n - 1 ? "output" : v < m - 1 ? cell.Labels[v] : padding;
        return (adjacency, labels);
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
