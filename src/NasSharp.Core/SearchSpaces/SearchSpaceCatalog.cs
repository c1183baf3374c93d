using NasSharp.SearchSpaces.Nb101;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.SearchSpaces.Tb101;

namespace NasSharp.SearchSpaces;

/// <summary>The search spaces addressable by name on the command line.</summary>
public static class SearchSpaceCatalog
{
    /// <summary>Names of the supported spaces.</summary>
    public static IReadOnlyList<string> Names { get; } = ["nb201", "nb101", "tb101"];

    /// <summary>The space called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static ISearchSpace Get(string name) => name.ToLowerInvariant() switch
    {
        "nb201" => new Nb201Space(),
        "nb101" => new Nb101Space(),
        "tb101" => new Tb101MicroSpace(),
        _ => throw new ArgumentException($"Unknown search space '{name}'; valid: {string.Join(", ", Names)}."),
    };
}
