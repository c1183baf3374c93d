using NasSharp.Graphs;
using NasSharp.SearchSpaces;

namespace NasSharp.Unified;

/// <summary>
/// A cell of MP-NAS's mixed-ops extension (mp-nas.txt §3.3, Appendix A): the NB201/TB101 4-node topology
/// (<see cref="FourNodeCell"/>) with any of the 11 unified cell operations on each of its 6 edges, 11^6 cells.
/// Written like an NB201 cell with unified names, e.g. <c>|conv5-d2~0|+|skip~0|zeroize~1|+|maxpool~0|linear~1|conv3-d1~2|</c>.
/// </summary>
public sealed record MixedOpsCell
{
    /// <summary>Number of cells (11^6 = 1,771,561).</summary>
    public const int Size = 1_771_561;

    // Node types of FourNodeCell.Encode over the 11 cell operations: 0 input, 1 + k the k-th operation, 12 output.
    private static readonly UnifiedOperation[] FourNodeTypeMap =
        [UnifiedOperation.Input, .. UnifiedVocabulary.CellOperations, UnifiedOperation.Output];

    private readonly UnifiedOperation[] operations;

    /// <summary>A cell with <paramref name="operations"/> on the edges 0→1, 0→2, 1→2, 0→3, 1→3, 2→3.</summary>
    /// <exception cref="ArgumentException">Not 6 operations, or one is input, output or global.</exception>
    public MixedOpsCell(IReadOnlyList<UnifiedOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count != FourNodeCell.Edges.Count)
            throw new ArgumentException($"A mixed-ops cell has {FourNodeCell.Edges.Count} edges; got {operations.Count} operations.", nameof(operations));
        var bad = operations.Where(o => !UnifiedVocabulary.CellOperations.Contains(o)).ToArray();
        if (bad.Length > 0)
            throw new ArgumentException(
                $"Edges carry cell operations only, not {string.Join(", ", bad)}; valid: {string.Join(", ", UnifiedVocabulary.CellOperations.Select(UnifiedVocabulary.Name))}.",
                nameof(operations));
        this.operations = [.. operations];
    }

    /// <summary>Operation of each edge, in canonical edge order.</summary>
    public IReadOnlyList<UnifiedOperation> Operations => operations;

    /// <summary>A uniformly random cell: each edge draws one of the 11 cell operations from <paramref name="rng"/>.</summary>
    public static MixedOpsCell Sample(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var ops = UnifiedVocabulary.CellOperations;
        return new MixedOpsCell([.. FourNodeCell.Edges.Select(_ => ops[rng.Next(ops.Count)])]);
    }

    /// <summary>Parses the string form, <c>|op~0|+|op~0|op~1|+|op~0|op~1|op~2|</c> with unified operation names.</summary>
    /// <exception cref="ArchitectureFormatException">Not a mixed-ops cell string; the message says where.</exception>
    public static MixedOpsCell Parse(string text)
    {
        var names = UnifiedVocabulary.CellOperations.Select(UnifiedVocabulary.Name).ToArray();
        return new MixedOpsCell([.. FourNodeCell.ParseOperations(text, names, what => Error(text, what)).Select(i => UnifiedVocabulary.CellOperations[i])]);
    }

    /// <summary>The string form that <see cref="Parse"/> reads.</summary>
    public override string ToString() => FourNodeCell.Format(operations.Select(UnifiedVocabulary.Name));

    /// <summary>The unified graph: input, the 6 edge operations, output and the global node (<see cref="UnifiedEncoder"/>).</summary>
    public CellGraph Encode()
    {
        int[] indices = [.. operations.Select(o => Array.IndexOf(FourNodeTypeMap, o) - 1)];
        return UnifiedEncoder.Encode(FourNodeCell.Encode(indices, UnifiedVocabulary.CellOperations.Count), FourNodeTypeMap);
    }

    /// <summary>Value equality on the operations.</summary>
    public bool Equals(MixedOpsCell? other) => other is not null && operations.AsSpan().SequenceEqual(other.operations);

    /// <inheritdoc/>
    public override int GetHashCode() => operations.Aggregate(17, (h, o) => h * 31 + (int)o);

    private static ArchitectureFormatException Error(string text, string what) =>
        new($"Invalid mixed-ops cell string '{text}': {what}. Expected e.g. '|conv5-d2~0|+|skip~0|zeroize~1|+|maxpool~0|linear~1|conv3-d1~2|'.");
}
