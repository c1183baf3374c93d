using NasSharp.SearchSpaces;

namespace NasSharp.Features;

/// <summary>
/// For a space that lists itself (<see cref="ISearchSpace.Enumerate"/>), the representative of each
/// <see cref="ISearchSpace.Key"/> class: its first member in enumeration order. Features computed on the
/// representative are equal for all cells that compute the same network, whatever the cell string spells on edges
/// the key ignores. Built on first use (NB201: 15,625 keys).
/// </summary>
public sealed class ClassRepresentatives
{
    private readonly ISearchSpace space;
    private readonly Lazy<Dictionary<string, string>> byKey;

    /// <summary>Representatives of <paramref name="space"/>'s key classes.</summary>
    /// <exception cref="ArgumentException">The space cannot list its architectures.</exception>
    public ClassRepresentatives(ISearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var all = space.Enumerate()
            ?? throw new ArgumentException($"Search space '{space.Name}' cannot list its architectures, so its key classes have no representatives.", nameof(space));
        this.space = space;
        byKey = new Lazy<Dictionary<string, string>>(() =>
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string arch in all) map.TryAdd(space.Key(arch), arch);
            return map;
        });
    }

    /// <summary>The canonical string of the representative of <paramref name="arch"/>'s key class.</summary>
    /// <exception cref="ArchitectureFormatException">Not a valid architecture of the space.</exception>
    public string Of(string arch) => byKey.Value[space.Key(arch)];
}
