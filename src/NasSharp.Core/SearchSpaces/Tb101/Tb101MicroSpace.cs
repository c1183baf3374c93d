using System.Text;
using NasSharp.Graphs;

namespace NasSharp.SearchSpaces.Tb101;

/// <summary>
/// TransNAS-Bench-101 micro (SPEC §2): the NB201 cell topology with 4 operations, 4,096 cells, written
/// <c>64-41414-a_bc_def</c>: 64 base channels, macro skeleton <c>41414</c>, and op codes (0 none, 1 skip_connect,
/// 2 conv1x1, 3 conv3x3, each conv ReLU-Conv-BN) on the edges a = 0→1 | b = 0→2, c = 1→2 | d = 0→3, e = 1→3, f = 2→3.
/// Node types of the ops-on-nodes encoding: input, none, skip_connect, conv1x1, conv3x3, output.
/// </summary>
public sealed class Tb101MicroSpace : ISearchSpace
{
    /// <summary>Number of cells in the space (4^6).</summary>
    public const int Size = 4_096;

    /// <summary>Base channels and macro skeleton every micro string starts with.</summary>
    public const string Prefix = "64-41414-";

    /// <summary>Operations by op code.</summary>
    public static readonly IReadOnlyList<string> Operations = ["none", "skip_connect", "conv1x1", "conv3x3"];

    /// <inheritdoc/>
    public string Name => "tb101";

    /// <inheritdoc/>
    public IReadOnlyList<string> NodeTypes { get; } = ["input", .. Operations, "output"];

    /// <inheritdoc/>
    public int MaxNodes => FourNodeCell.OpsOnNodesCount;

    /// <summary>
    /// The fixed micro macro-skeleton <c>41414</c>: five modules of two cells each (TransNAS's <c>MacroNet</c> builds
    /// every module from 2 cells). Module code 4 halves the resolution and doubles the channels in its first cell,
    /// code 1 changes nothing, so the 10 cells have reductions at positions 0, 4 and 8. The reductions are the
    /// searched cell itself run with stride 2, hence <see cref="FixedReductionCell"/> is null.
    /// </summary>
    public MacroSkeleton Skeleton { get; } = BuildSkeleton("41414", cellsPerModule: 2);

    /// <summary>Null: reduction positions hold the searched cell itself, with stride 2 and widening.</summary>
    public CellGraph? FixedReductionCell => null;

    /// <summary>Op codes of the 6 edges in canonical order.</summary>
    /// <exception cref="ArchitectureFormatException">Not a micro string; the message says what is wrong.</exception>
    public static int[] Parse(string arch)
    {
        ArgumentNullException.ThrowIfNull(arch);
        string s = arch.Trim();
        int lastDash = s.LastIndexOf('-');
        if (lastDash < 0)
            throw Error(arch, $"expected the form '{Prefix}a_bc_def', found no '-'");
        string prefix = s[..(lastDash + 1)];
        if (prefix != Prefix)
            throw Error(arch, $"must start with the micro macro-skeleton '{Prefix}' (64 base channels, modules 41414), found '{prefix}'");
        string[] groups = s[Prefix.Length..].Split('_');
        if (groups.Length != 3 || groups[0].Length != 1 || groups[1].Length != 2 || groups[2].Length != 3)
            throw Error(arch, $"the cell part must be three '_'-separated groups of 1, 2 and 3 op codes (nodes 1, 2, 3), found '{s[Prefix.Length..]}'");
        var ops = new int[FourNodeCell.Edges.Count];
        int e = 0;
        foreach (char c in string.Concat(groups))
        {
            if (c is < '0' or > '3')
                throw Error(arch, $"op code '{c}' on edge {FourNodeCell.Edges[e].From}→{FourNodeCell.Edges[e].To} is not one of 0 (none), 1 (skip_connect), 2 (conv1x1), 3 (conv3x3)");
            ops[e++] = c - '0';
        }
        return ops;
    }

    /// <summary>The canonical string of 6 op codes in edge order.</summary>
    /// <exception cref="ArgumentException">Not 6 codes in 0..3.</exception>
    public static string Format(IReadOnlyList<int> ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        if (ops.Count != FourNodeCell.Edges.Count || ops.Any(o => o is < 0 or > 3))
            throw new ArgumentException($"Expected {FourNodeCell.Edges.Count} op codes in 0..3, got [{string.Join(", ", ops)}].", nameof(ops));
        var sb = new StringBuilder(Prefix).Append(ops[0]).Append('_').Append(ops[1]).Append(ops[2]).Append('_');
        return sb.Append(ops[3]).Append(ops[4]).Append(ops[5]).ToString();
    }

    /// <summary>All 4,096 cells, op codes counting up in base 4 with edge a slowest.</summary>
    public static IEnumerable<string> Enumerate() => FourNodeCell.EnumerateOperations(Operations.Count).Select(Format);

    /// <summary>The 4,096 canonical strings of <see cref="Enumerate()"/>, in its order.</summary>
    IReadOnlyList<string>? ISearchSpace.Enumerate() => all.Value;

    private readonly Lazy<IReadOnlyList<string>> all = new(() => Array.AsReadOnly(Enumerate().ToArray()));

    /// <summary>
    /// The canonical string with every <c>skip_connect</c> that leaves a zero node (one whose incoming edges are all
    /// <c>none</c>, after this rewrite) replaced by <c>none</c>: both pass on zeros, have no parameters and cost no
    /// FLOPs, so the two cells are the same network. Nothing else is merged: a convolution of a zero node still adds
    /// its BatchNorm shift and its FLOPs, and TransNAS trains differently wired cells to different values (see
    /// DECISIONS, issue 14). 4,096 cells, 3,588 keys.
    /// </summary>
    public string Key(string arch) => Format(ZeroSkipsRemoved(Parse(arch)));

    /// <summary>Each of the 6 edges changed to each of the 3 other operations (18 moves), deduplicated by key.</summary>
    public IReadOnlyList<string> Neighbours(string arch) =>
        FourNodeCell.Neighbours(Parse(arch), Operations.Count, ops => Format(ZeroSkipsRemoved(ops)), Format);

    /// <summary>Whether the output is reachable from the input through non-<c>none</c> edges (other cells output zeros).</summary>
    public static bool HasInputOutputPath(string arch) => FourNodeCell.HasInputOutputPath(Parse(arch), zeroOperation: 0);

    /// <inheritdoc/>
    public string Canonicalize(string arch) => Format(Parse(arch));

    /// <inheritdoc/>
    public CellGraph Encode(string arch) => FourNodeCell.Encode(Parse(arch), Operations.Count);

    /// <inheritdoc/>
    public string Sample(Random rng) =>
        Format(Enumerable.Range(0, FourNodeCell.Edges.Count).Select(_ => rng.Next(Operations.Count)).ToArray());

    /// <summary>Changes the operation on one random edge to a different one.</summary>
    public string Mutate(string arch, Random rng) => Format(FourNodeCell.MutateOneEdge(Parse(arch), Operations.Count, rng));

    private static int[] ZeroSkipsRemoved(IReadOnlyList<int> operations)
    {
        const int none = 0, skip = 1;
        var ops = operations.ToArray();
        var zero = new bool[4];
        int e = 0;
        for (int node = 1; node <= 3; node++)
        {
            zero[node] = true;
            for (int from = 0; from < node; from++, e++)
            {
                if (ops[e] == skip && zero[from]) ops[e] = none;
                if (ops[e] != none) zero[node] = false;
            }
        }
        return ops;
    }

    // Module codes as in TransNAS's MacroNet: even codes double the channels, codes above 2 use stride 2; either
    // makes the module's first cell a reduction.
    private static MacroSkeleton BuildSkeleton(string macroCode, int cellsPerModule)
    {
        var cells = new List<CellKind>();
        foreach (char code in macroCode)
            for (int c = 0; c < cellsPerModule; c++)
                cells.Add(c == 0 && code != '1' ? CellKind.Reduction : CellKind.Normal);
        return new MacroSkeleton(cells);
    }

    private static ArchitectureFormatException Error(string arch, string what) =>
        new($"Invalid TransNAS-Bench-101 micro string '{arch}': {what}. Expected e.g. '64-41414-3_13_201' (op codes 0-3 on edges a_bc_def).");
}
