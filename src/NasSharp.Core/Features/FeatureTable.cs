using NasSharp.Data;
using NasSharp.SearchSpaces;

namespace NasSharp.Features;

/// <summary>
/// Features read from a CSV file: one row per architecture (an architecture column plus numeric columns), e.g. the
/// NB201 table's <c>arch_str</c> and <c>naswot_v1_score_cifar10</c>, or the <c>arch,naswot,synflow</c> file of
/// <c>nassharp proxies</c>. Feature names are <c>file:COLUMN</c>, so they never clash with graph features. An
/// architecture is looked up by its canonical string, else by its <see cref="ISearchSpace.Key"/> (the first row of
/// its class), so an isomorphic variant of a listed cell finds its class's values. An empty field is a missing
/// value and becomes NaN (the NB201 table has 341 empty NASWOT scores); written-out NaN or infinity is an error. A
/// column may be transformed, <c>log1p(synflow)</c> (see <see cref="FeatureColumn"/>).
/// </summary>
public sealed class FeatureTable : IArchitectureFeaturizer
{
    private readonly ISearchSpace space;
    private readonly Dictionary<string, double[]> byArch = new(StringComparer.Ordinal);
    private readonly Lazy<Dictionary<string, double[]>> byKey;
    private readonly string[] names;

    /// <summary>Reads <paramref name="columns"/> (column specs, <see cref="FeatureColumn.Parse"/>) of <paramref name="path"/> for architectures of <paramref name="space"/>.</summary>
    /// <exception cref="DataFormatException">
    /// A missing column, a non-numeric value (or one outside a transform's domain), an architecture that is not one
    /// of the space, or one listed twice; the message names file, line and column.
    /// </exception>
    /// <exception cref="ArgumentException">No columns, a malformed column spec, or a spec asked for twice.</exception>
    public FeatureTable(ISearchSpace space, string path, string archColumn, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(archColumn);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
            throw new ArgumentException($"Feature file '{path}': no feature columns chosen.", nameof(columns));
        FeatureColumn[] specs;
        try
        {
            specs = [.. columns.Select(FeatureColumn.Parse)];
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Feature file '{path}': {e.Message}", nameof(columns), e);
        }
        var repeated = specs.GroupBy(c => c.Spec, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new ArgumentException($"Feature file '{path}': column '{repeated.Key}' is chosen twice.", nameof(columns));
        this.space = space;
        File = path;
        names = [.. specs.Select(c => $"file:{c.Spec}")];
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var reader = CsvReader.Open(path))
        {
            int arch = reader.RequireColumn(archColumn);
            int[] value = [.. specs.Select(c => reader.RequireColumn(c.Column))];
            while (reader.Read())
            {
                string canonical;
                try
                {
                    canonical = space.Canonicalize(reader[arch]);
                }
                catch (ArchitectureFormatException e)
                {
                    throw reader.Error(arch, $"expected an architecture of search space '{space.Name}': {e.Message}");
                }
                if (!lines.TryAdd(canonical, reader.Line))
                    throw reader.Error(arch, $"expected each architecture once, but '{canonical}' is also on line {lines[canonical]}");
                byArch[canonical] = [.. specs.Select((c, i) => c.Read(reader, value[i]))];
            }
        }
        // Keys cost a parse (NB101: a hash) per row, so the fallback index is built only when an unlisted cell asks.
        byKey = new Lazy<Dictionary<string, double[]>>(() =>
        {
            var map = new Dictionary<string, double[]>(StringComparer.Ordinal);
            foreach (var (arch, values) in byArch.OrderBy(kv => lines[kv.Key])) map.TryAdd(space.Key(arch), values);
            return map;
        });
    }

    /// <summary>Path of the file the values came from.</summary>
    public string File { get; }

    /// <summary>Number of architectures the file lists.</summary>
    public int Count => byArch.Count;

    /// <inheritdoc/>
    public IReadOnlyList<string> Names => names;

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">Neither the architecture nor any cell of its key class is in the file.</exception>
    public double[] Compute(string arch)
    {
        string canonical = space.Canonicalize(arch);
        if (byArch.TryGetValue(canonical, out var values) || byKey.Value.TryGetValue(space.Key(canonical), out values))
            return [.. values];
        throw new KeyNotFoundException(
            $"Feature file '{File}' has no row for architecture '{canonical}' of search space '{space.Name}' (nor for any cell with its key).");
    }
}
