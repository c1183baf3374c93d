using NasSharp.Data;

namespace NasSharp.SearchSpaces;

/// <summary>One search space of <see cref="SearchSpaceCatalog"/>: its name, what it is, how to make it and its pool.</summary>
/// <param name="Name">Short name used on the command line, e.g. <c>nb201</c>; equals the created space's <see cref="ISearchSpace.Name"/>.</param>
/// <param name="Description">One line for listings and <c>--help</c>.</param>
/// <param name="Create">A new instance of the space.</param>
/// <param name="PoolFile">
/// Reads every architecture of the space from a data root, for spaces that cannot list themselves
/// (<see cref="ISearchSpace.Enumerate"/> returns null); null when the space enumerates itself.
/// </param>
public sealed record SearchSpaceEntry(
    string Name, string Description, Func<ISearchSpace> Create, Func<DataRoot, IReadOnlyList<string>>? PoolFile = null)
{
    /// <summary>
    /// Every architecture of <paramref name="space"/> (an instance of this entry): its own enumeration without touching
    /// <paramref name="root"/>, else what <see cref="PoolFile"/> reads from it.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="space"/> is another space, or it neither enumerates itself nor has a pool file.
    /// </exception>
    public IReadOnlyList<string> LoadPool(Func<DataRoot> root, ISearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(space);
        if (space.Name != Name)
            throw new ArgumentException($"The pool of search space '{Name}' was asked for with space '{space.Name}'.", nameof(space));
        return space.Enumerate()
            ?? PoolFile?.Invoke(root())
            ?? throw new ArgumentException($"Search space '{Name}' cannot list its architectures and has no pool file.");
    }
}
