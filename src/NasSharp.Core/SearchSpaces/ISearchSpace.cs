using NasSharp.Graphs;

namespace NasSharp.SearchSpaces;

/// <summary>
/// A cell-based search space. Architectures travel as canonical strings (what users type and CSV files hold);
/// the space parses, validates and encodes them into ops-on-nodes <see cref="CellGraph"/>s.
/// </summary>
public interface ISearchSpace
{
    /// <summary>Short name used on the command line, e.g. <c>nb201</c>.</summary>
    string Name { get; }

    /// <summary>Vocabulary of node types; a node's one-hot feature has this length.</summary>
    IReadOnlyList<string> NodeTypes { get; }

    /// <summary>Largest node count of an encoded cell; batches pad to this.</summary>
    int MaxNodes { get; }

    /// <summary>The macro-architecture the cell is stacked into.</summary>
    MacroSkeleton Skeleton { get; }

    /// <summary>
    /// Ops-on-nodes graph of the space's fixed reduction block (in <see cref="NodeTypes"/>), or null when reduction
    /// positions hold the searched cell itself. The global encoding (HyperNAS §3.3) encodes it with its own GCN.
    /// </summary>
    CellGraph? FixedReductionCell { get; }

    /// <summary>Parses and validates <paramref name="arch"/> and returns its canonical string.</summary>
    /// <exception cref="ArchitectureFormatException">Not a valid architecture of this space (message says why).</exception>
    string Canonicalize(string arch);

    /// <summary>Ops-on-nodes graph of <paramref name="arch"/> (pruned where the space prunes).</summary>
    /// <exception cref="ArchitectureFormatException">Not a valid architecture of this space.</exception>
    CellGraph Encode(string arch);

    /// <summary>A uniformly random valid architecture.</summary>
    string Sample(Random rng);

    /// <summary>
    /// A valid architecture that differs from <paramref name="arch"/> by one elementary change. It may share
    /// <paramref name="arch"/>'s <see cref="Key"/> (an edit on a dead edge) unless the space says otherwise;
    /// <see cref="SearchDomain.Mutate"/> always changes the key.
    /// </summary>
    string Mutate(string arch, Random rng);

    /// <summary>
    /// Identity of <paramref name="arch"/> as a network: architectures that compute the same function share it, so a
    /// search never pays twice for one network. A stable string (result files hold it); equal keys mean equal networks.
    /// </summary>
    /// <exception cref="ArchitectureFormatException">Not a valid architecture of this space.</exception>
    string Key(string arch);

    /// <summary>
    /// Every architecture one elementary edit away from <paramref name="arch"/> (the moves <see cref="Mutate"/> draws
    /// from), as canonical strings: one per distinct <see cref="Key"/>, without <paramref name="arch"/>'s own key, in a
    /// fixed order (the first move reaching a key names it).
    /// </summary>
    /// <exception cref="ArchitectureFormatException">Not a valid architecture of this space.</exception>
    IReadOnlyList<string> Neighbours(string arch);

    /// <summary>
    /// Every architecture of the space as canonical strings, isomorphic ones included, in a fixed order; null when the
    /// space cannot list itself without data (NB101's 423,624 cells come from its pool file, see
    /// <see cref="SearchSpaceEntry.LoadPool"/>).
    /// </summary>
    IReadOnlyList<string>? Enumerate();
}
