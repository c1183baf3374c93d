using NasSharp.Benchmarks;
using NasSharp.SearchSpaces.Nb101;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.SearchSpaces.Tb101;

namespace NasSharp.SearchSpaces;

/// <summary>The search spaces addressable by name on the command line: one registry entry per space.</summary>
public static class SearchSpaceCatalog
{
    /// <summary>Every space, in the order listings show them.</summary>
    public static IReadOnlyList<SearchSpaceEntry> Entries { get; } =
    [
        new("nb201", "NAS-Bench-201: 5 operations on the 6 edges of a 4-node cell, 15,625 cells (6,466 distinct networks)",
            () => new Nb201Space()),
        new("nb101", "NAS-Bench-101: DAGs of up to 7 vertices and 9 edges, 3 operations, 423,624 distinct cells (pool file nb101/nb101_space.csv.gz)",
            () => new Nb101Space(), root => BenchmarkCatalog.LoadNb101Pool(root).Architectures),
        new("tb101", "TransNAS-Bench-101 micro: the NB201 cell with 4 operations, 4,096 cells (3,588 distinct networks)",
            () => new Tb101MicroSpace()),
    ];

    /// <summary>Names of the supported spaces.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Entries.Select(e => e.Name)];

    /// <summary>The entry called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static SearchSpaceEntry Entry(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown search space '{name}'; valid: {string.Join(", ", Names)}.");
    }

    /// <summary>A new instance of the space called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static ISearchSpace Get(string name) => Entry(name).Create();
}
