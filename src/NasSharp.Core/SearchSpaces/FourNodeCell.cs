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
    /// Parses the NB201-style cell string <c>|op~0|+|op~0|op~1|+|op~0|op~1|op~2|</c> into one index into
    /// <paramref name="operations"/> per edge; <paramref name="error"/> turns a description of what is wrong into the
    /// exception to throw, so each cell type words its own message.
    /// </summary>
    public static int[] ParseOperations(string text, IReadOnlyList<string> operations, Func<string, Exception> error)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] groups = text.Trim().Split('+');
        if (groups.Length != 3) throw error($"expected 3 node groups separated by '+', found {groups.Length}");
        var result = new int[Edges.Count];
        int edge = 0;
        for (int node = 1; node <= 3; node++)
        {
            string g = groups[node - 1];
            if (g.Length < 2 || g[0] != '|' || g[^1] != '|') throw error($"node group {node} '{g}' must start and end with '|'");
            string[] items = g[1..^1].Split('|');
            if (items.Length != node) throw error($"node {node} must have {node} incoming edge(s), found {items.Length} in '{g}'");
            for (int j = 0; j < node; j++)
            {
                string item = items[j];
                int tilde = item.LastIndexOf('~');
                if (tilde < 0) throw error($"edge '{item}' must look like op~{j}");
                string op = item[..tilde], source = item[(tilde + 1)..];
                if (source != j.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    throw error($"edge '{item}' of node {node}: expected source node {j}, found '{source}'");
                int index = -1;
                for (int o = 0; o < operations.Count && index < 0; o++)
                    if (operations[o] == op) index = o;
                if (index < 0) throw error($"unknown operation '{op}'; expected one of {string.Join(", ", operations)}");
                result[edge++] = index;
            }
        }
        return result;
    }

    /// <summary>The cell string <see cref="ParseOperations"/> reads, from each edge's operation name.</summary>
    public static string Format(IEnumerable<string> edgeOperations)
    {
        var sb = new System.Text.StringBuilder();
        int edge = 0;
        foreach (string op in edgeOperations)
        {
            var (from, to) = Edges[edge++];
            if (from == 0) sb.Append(to > 1 ? "+|" : "|");
            sb.Append(op).Append('~').Append(from).Append('|');
        }
        return sb.ToString();
    }

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

    /// <summary>
    /// Every cell one operation change away from <paramref name="operations"/> (edge order, then operation order), as
    /// <paramref name="format"/> spells them: one per distinct <paramref name="key"/>, without the key of
    /// <paramref name="operations"/> itself.
    /// </summary>
    public static IReadOnlyList<string> Neighbours(
        IReadOnlyList<int> operations, int operationCount, Func<int[], string> key, Func<int[], string> format)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { key([.. operations]) };
        var result = new List<string>(operations.Count * (operationCount - 1));
        for (int e = 0; e < operations.Count; e++)
            for (int op = 0; op < operationCount; op++)
            {
                if (op == operations[e]) continue;
                int[] changed = [.. operations];
                changed[e] = op;
                if (seen.Add(key(changed))) result.Add(format(changed));
            }
        return result;
    }

    /// <summary>Every combination of <paramref name="operationCount"/> operations on the 6 edges, first edge slowest.</summary>
    public static IEnumerable<int[]> EnumerateOperations(int operationCount)
    {
        int edges = Edges.Count, size = 1;
        for (int e = 0; e < edges; e++) size *= operationCount;
        for (int code = 0; code < size; code++)
        {
            var ops = new int[edges];
            for (int k = edges - 1, c = code; k >= 0; k--, c /= operationCount) ops[k] = c % operationCount;
            yield return ops;
        }
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
