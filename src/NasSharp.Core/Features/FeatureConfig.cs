using System.Text.Json.Serialization;
using NasSharp.SearchSpaces;

namespace NasSharp.Features;

/// <summary>
/// Which features a feature model uses, as model files and experiment configs store it: the space's graph features
/// (<see cref="GraphFeatures.For"/>) and columns of CSV files (<see cref="FeatureTable"/>). Value equality, lists
/// compared element by element.
/// </summary>
public sealed record FeatureConfig
{
    /// <summary>Whether to use the space's graph features (default true).</summary>
    [JsonPropertyName("graph")]
    public bool Graph { get; init; } = true;

    /// <summary>Feature files whose columns follow the graph features, in order (default none).</summary>
    [JsonPropertyName("files")]
    public IReadOnlyList<FeatureFile> Files { get; init; } = [];

    /// <summary>The featurizer: graph features, then each file's columns, concatenated.</summary>
    /// <exception cref="ArgumentException">No features at all, a space without graph features, or a column name used twice.</exception>
    /// <exception cref="Data.DataFormatException">A feature file is malformed (see <see cref="FeatureTable"/>).</exception>
    public IArchitectureFeaturizer Create(ISearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var files = Files ?? throw new ArgumentException("The feature config's \"files\" is null; write [] for no files.");
        if (!Graph && files.Count == 0)
            throw new ArgumentException("The feature config selects no features: \"graph\" is false and \"files\" is empty.");
        var parts = new List<IArchitectureFeaturizer>();
        if (Graph) parts.Add(GraphFeatures.For(space));
        foreach (var file in files)
        {
            if (file?.Path is null || file.ArchColumn is null || file.Columns is null)
                throw new ArgumentException("A feature file entry needs \"path\", \"arch_column\" and \"columns\".");
            parts.Add(new FeatureTable(space, file.Path, file.ArchColumn, file.Columns));
        }
        return parts.Count == 1 ? parts[0] : new ConcatenatedFeaturizer(parts);
    }

    /// <summary>Value equality, the file list compared element by element.</summary>
    public bool Equals(FeatureConfig? other) =>
        other is not null && Graph == other.Graph && Files.SequenceEqual(other.Files);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Graph);
        foreach (var f in Files) h.Add(f);
        return h.ToHashCode();
    }
}
