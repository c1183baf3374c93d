using System.Text;

namespace NasSharp.SearchSpaces.Nb101;

/// <summary>
/// A NAS-Bench-101 cell: n ≤ 7 vertices, an upper-triangular adjacency and one label per vertex (<c>input</c>,
/// inner operations, <c>output</c>). Canonical string: the n×n adjacency bits row-major, ':', then the labels joined
/// by '|', e.g. <c>010001000:input|conv3x3-bn-relu|output</c>.
/// </summary>
public sealed record Nb101Cell
{
    /// <summary>Largest number of vertices.</summary>
    public const int MaxVertices = 7;

    /// <summary>Largest number of edges.</summary>
    public const int MaxEdges = 9;

    /// <summary>Inner operations in NAS-Bench-101's canonical order (their index is the hash label).</summary>
    public static readonly IReadOnlyList<string> Operations = ["conv3x3-bn-relu", "conv1x1-bn-relu", "maxpool3x3"];

    private readonly bool[] adjacency;
    private readonly string[] labels;

    /// <summary>Creates a cell; call <see cref="Validate"/> to check it is a member of the space.</summary>
    public Nb101Cell(bool[] adjacency, IReadOnlyList<string> labels)
    {
        if (adjacency.Length != labels.Count * labels.Count)
            throw new ArgumentException($"Adjacency has {adjacency.Length} entries; {labels.Count} labels need {labels.Count * labels.Count}.");
        this.adjacency = adjacency;
        this.labels = labels.ToArray();
    }

    /// <summary>Number of vertices.</summary>
    public int VertexCount => labels.Length;

    /// <summary>Vertex labels, input first and output last.</summary>
    public IReadOnlyList<string> Labels => labels;

    /// <summary>Whether the edge i→j exists.</summary>
    public bool HasEdge(int i, int j) => adjacency[i * VertexCount + j];

    /// <summary>Number of edges.</summary>
    public int EdgeCount => adjacency.Count(e => e);

    /// <summary>
    /// Parses the canonical string, or the benchmark tables' form: a 49-character padded 7×7 adjacency, ':', and n
    /// labels (the top-left n×n block is the cell; the padding must be zero). Checks syntax only; see <see cref="Validate"/>.
    /// </summary>
    public static Nb101Cell Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = text.Trim();
        int colon = s.IndexOf(':');
        if (colon < 0)
            throw Error(text, "missing ':' between the adjacency bits and the operations");
        string bits = s[..colon];
        string[] ops = s[(colon + 1)..].Split('|');
        int n = ops.Length;
        if (n > MaxVertices)
            throw Error(text, $"{n} vertices; at most {MaxVertices} are allowed");
        if (n < 2)
            throw Error(text, "a cell needs at least the input and output vertices");
        foreach (char c in bits)
            if (c is not ('0' or '1'))
                throw Error(text, $"adjacency may only hold '0' and '1', found '{c}'");
        var adjacency = new bool[n * n];
        if (bits.Length == n * n)
        {
            for (int k = 0; k < n * n; k++) adjacency[k] = bits[k] == '1';
        }
        else if (bits.Length == MaxVertices * MaxVertices)
        {
            for (int i = 0; i < MaxVertices; i++)
                for (int j = 0; j < MaxVertices; j++)
                {
                    bool edge = bits[i * MaxVertices + j] == '1';
                    if (i < n && j < n) adjacency[i * n + j] = edge;
                    else if (edge) throw Error(text, $"padded adjacency has an edge {i}→{j} outside the {n}×{n} cell");
                }
        }
        else
        {
            throw Error(text, $"adjacency has {bits.Length} bits; {n} operations need {n * n} (or a padded {MaxVertices * MaxVertices})");
        }
        return new Nb101Cell(adjacency, ops);
    }

    /// <summary>
    /// Checks membership of the space as NAS-Bench-101 does: labels, an upper-triangular (acyclic) matrix, at most 7
    /// vertices, an input→output path, and at most 9 edges after pruning. Returns the pruned cell.
    /// </summary>
    public Nb101Cell Validate()
    {
        int n = VertexCount;
        if (labels[0] != "input") throw Error(ToString(), $"the first operation must be 'input', found '{labels[0]}'");
        if (labels[^1] != "output") throw Error(ToString(), $"the last operation must be 'output', found '{labels[^1]}'");
        for (int v = 1; v < n - 1; v++)
            if (!Operations.Contains(labels[v]))
                throw Error(ToString(), $"unknown operation '{labels[v]}' at vertex {v}; expected one of {string.Join(", ", Operations)}");
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                if (HasEdge(i, j))
                    throw Error(ToString(), $"edge {i}→{j} is on or below the diagonal; the matrix must be upper triangular (no cycles)");
        var pruned = Prune();
        if (pruned.EdgeCount > MaxEdges)
            throw Error(ToString(), $"{pruned.EdgeCount} edges; at most {MaxEdges} are allowed");
        return pruned;
    }

    /// <summary>Removes vertices not on an input→output path (NAS-Bench-101's <c>ModelSpec</c> pruning).</summary>
    public Nb101Cell Prune()
    {
        int n = VertexCount;
        var fromInput = new bool[n];
        fromInput[0] = true;
        for (int i = 0; i < n; i++)
            if (fromInput[i])
                for (int j = i + 1; j < n; j++)
                    if (HasEdge(i, j)) fromInput[j] = true;
        var toOutput = new bool[n];
        toOutput[n - 1] = true;
        for (int j = n - 1; j >= 0; j--)
            if (toOutput[j])
                for (int i = 0; i < j; i++)
                    if (HasEdge(i, j)) toOutput[i] = true;
        if (!fromInput[n - 1])
            throw Error(ToString(), "there is no path from input to output");
        var keep = Enumerable.Range(0, n).Where(v => fromInput[v] && toOutput[v]).ToArray();
        if (keep.Length == n) return this;
        var adjacency = new bool[keep.Length * keep.Length];
        for (int a = 0; a < keep.Length; a++)
            for (int b = 0; b < keep.Length; b++)
                adjacency[a * keep.Length + b] = HasEdge(keep[a], keep[b]);
        return new Nb101Cell(adjacency, keep.Select(v => labels[v]).ToArray());
    }

    /// <summary>The canonical string (of this cell as is; validate first to get the pruned form).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(adjacency.Length + 16 * labels.Length);
        foreach (bool e in adjacency) sb.Append(e ? '1' : '0');
        return sb.Append(':').AppendJoin('|', labels).ToString();
    }

    /// <summary>Value equality on adjacency and labels.</summary>
    public bool Equals(Nb101Cell? other) =>
        other is not null && adjacency.AsSpan().SequenceEqual(other.adjacency) && labels.AsSpan().SequenceEqual(other.labels);

    /// <inheritdoc/>
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    private static ArchitectureFormatException Error(string text, string what) =>
        new($"Invalid NB101 cell '{text}': {what}. Expected '<n×n adjacency bits>:input|<op>|...|output' with ops " +
            $"{string.Join(", ", Operations)}, e.g. '010001000:input|conv3x3-bn-relu|output'.");
}
