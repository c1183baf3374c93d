namespace NasSharp.SearchSpaces.Nb201;

/// <summary>
/// A NAS-Bench-201 cell: 4 nodes and an operation on each of the 6 edges j→i (j &lt; i), stored in the order the
/// canonical string lists them: 0→1, 0→2, 1→2, 0→3, 1→3, 2→3.
/// </summary>
public sealed record Nb201Cell
{
    /// <summary>Edge operations, in the order of the canonical string.</summary>
    public static readonly IReadOnlyList<string> Operations =
        ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"];

    /// <summary>(source, target) of each edge, in canonical order.</summary>
    public static IReadOnlyList<(int From, int To)> Edges => FourNodeCell.Edges;

    private readonly int[] ops;

    /// <summary>Creates a cell from 6 operation indices into <see cref="Operations"/>.</summary>
    public Nb201Cell(IReadOnlyList<int> operationIndices)
    {
        if (operationIndices.Count != Edges.Count)
            throw new ArchitectureFormatException($"An NB201 cell has {Edges.Count} edges; got {operationIndices.Count} operations.");
        foreach (int op in operationIndices)
            if (op < 0 || op >= Operations.Count)
                throw new ArchitectureFormatException($"Operation index {op} is outside 0..{Operations.Count - 1}.");
        ops = operationIndices.ToArray();
    }

    /// <summary>Operation index of each edge, canonical order.</summary>
    public IReadOnlyList<int> OperationIndices => ops;

    /// <summary>Parses <c>|op~0|+|op~0|op~1|+|op~0|op~1|op~2|</c>.</summary>
    /// <exception cref="ArchitectureFormatException">The text is not a cell string; the message says where.</exception>
    public static Nb201Cell Parse(string text) =>
        new(FourNodeCell.ParseOperations(text, Operations, what => Error(text, what)));

    /// <summary>The canonical string.</summary>
    public override string ToString() => FourNodeCell.Format(ops.Select(o => Operations[o]));

    /// <summary>
    /// Key shared by all cells that compute the same function, following NAS-Bench-201's own de-isomorphism:
    /// each node is the sorted sum of its incoming terms, <c>skip_connect</c> passes its input through and
    /// <c>none</c> (or a zero input) contributes a zero term. 15,625 cells fall into 6,466 classes.
    /// </summary>
    public string IsomorphismKey()
    {
        var node = new string[4];
        node[0] = "0";
        int edge = 0;
        for (int i = 1; i <= 3; i++)
        {
            var terms = new List<string>(i);
            for (int j = 0; j < i; j++)
            {
                string op = Operations[ops[edge++]];
                terms.Add(op == "none" || node[j] == "#" ? "#"
                    : op == "skip_connect" ? node[j]
                    : $"({node[j]})@{op}");
            }
            terms.Sort(StringComparer.Ordinal);
            node[i] = string.Join('+', terms);
        }
        return node[3];
    }

    /// <summary>Whether any input→output path carries a non-zero operation (NB201's <c>check_valid</c>).</summary>
    public bool HasInputOutputPath() => FourNodeCell.HasInputOutputPath(ops, zeroOperation: 0);

    /// <summary>Value equality on the operations.</summary>
    public bool Equals(Nb201Cell? other) => other is not null && ops.AsSpan().SequenceEqual(other.ops);

    /// <inheritdoc/>
    public override int GetHashCode() => ops.Aggregate(17, (h, o) => h * 7 + o);

    private static ArchitectureFormatException Error(string text, string what) =>
        new($"Invalid NB201 cell string '{text}': {what}. Expected a string like " +
            "'|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|skip_connect~2|'.");
}
