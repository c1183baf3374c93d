using System.Text;
using NasSharp.Graphs;

namespace NasSharp.SearchSpaces.Tb101;

/// <summary>
/// TransNAS-Bench-101 micro (SPEC §2): the NB201 cell topology with 4 operations, 4,096 cells, written
/// <c>64-41414-a_bc_def</c> where a..f are op codes (0 none, 1 skip_connect, 2 conv1x1, 3 conv3x3) on the edges
/// 0→1 | 0→2, 1→2 | 0→3, 1→3, 2→3.
/// </summary>
public sealed class Tb101MicroSpace : ISearchSpace
{
    /// <summary>Operations by op code.</summary>
    public static readonly IReadOnlyList<string> Operations = ["none", "skip_connect", "conv1x1", "conv3x3"];

    private const string Prefix = "64-41414-";

    /// <inheritdoc/>
    public string Name => "tb101";

    /// <inheritdoc/>
    public IReadOnlyList<string> NodeTypes { get; } = ["input", .. Operations, "output"];

    /// <inheritdoc/>
    public int MaxNodes => FourNodeCell.OpsOnNodesCount;

    /// <summary>
    /// The fixed micro macro-skeleton <c>41414</c>, one cell per module: code 4 (down-sample and widen) is a reduction,
    /// code 1 a normal cell, so reductions sit at positions 0, 2 and 4.
    /// </summary>
    public MacroSkeleton Skeleton { get; } = new([CellKind.Reduction, CellKind.Normal, CellKind.Reduction, CellKind.Normal, CellKind.Reduction]);

    /// <summary>Null: TransNAS micro modules coded 4 hold the searched cell itself, with stride and widening.</summary>
    public CellGraph? FixedReductionCell => null;

    /// <summary>Op codes of the 6 edges in canonical order.</summary>
    /// <exception cref="ArchitectureFormatException">Not a micro string; the message says what is wrong.</exception>
    public static int[] Parse(string arch)
    {
        ArgumentNullException.ThrowIfNull(arch);
        string s = arch.Trim();
        if (!s.StartsWith(Prefix, StringComparison.Ordinal))
            throw Error(arch, $"must start with the micro macro-skeleton '{Prefix}'");
        string[] groups = s[Prefix.Length..].Split('_');
        if (groups.Length != 3 || groups[0].Length != 1 || groups[1].Length != 2 || groups[2].Length != 3)
            throw Error(arch, "the cell part must be three '_'-separated groups of 1, 2 and 3 op codes");
        var ops = new int[FourNodeCell.Edges.Count];
        int e = 0;
        foreach (char c in string.Concat(groups))
        {
            if (c is < '0' or > '3')
                throw Error(arch, $"op code '{c}' is not one of 0 (none), 1 (skip_connect), 2 (conv1x1), 3 (conv3x3)");
            ops[e++] = c - '0';
        }
        return ops;
    }

    /// <summary>The canonical string of op codes.</summary>
    public static string Format(IReadOnlyList<int> ops)
    {
        var sb = new StringBuilder(Prefix).Append(ops[0]).Append('_').Append(ops[1]).Append(ops[2]).Append('_');
        return sb.Append(ops[3]).Append(ops[4]).Append(ops[5]).ToString();
    }

    /// <inheritdoc/>
    public string Canonicalize(string arch) => Format(Parse(arch));

    /// <inheritdoc/>
    public CellGraph Encode(string arch) => FourNodeCell.Encode(Parse(arch), Operations.Count);

    /// <inheritdoc/>
    public string Sample(Random rng) =>
        Format(Enumerable.Range(0, FourNodeCell.Edges.Count).Select(_ => rng.Next(Operations.Count)).ToArray());

    /// <summary>Changes the operation on one random edge to a different one.</summary>
    public string Mutate(string arch, Random rng) => Format(FourNodeCell.MutateOneEdge(Parse(arch), Operations.Count, rng));

    private static ArchitectureFormatException Error(string arch, string what) =>
        new($"Invalid TransNAS-Bench-101 micro string '{arch}': {what}. Expected e.g. '64-41414-3_13_201'.");
}
