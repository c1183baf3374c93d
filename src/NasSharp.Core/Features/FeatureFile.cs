using System.Text.Json.Serialization;

namespace NasSharp.Features;

/// <summary>One CSV file of features in a <see cref="FeatureConfig"/> (read by <see cref="FeatureTable"/>).</summary>
/// <param name="Path">The CSV file (<c>.gz</c> allowed).</param>
/// <param name="ArchColumn">Column holding the architecture strings.</param>
/// <param name="Columns">Numeric columns used as features, named <c>file:COLUMN</c>.</param>
public sealed record FeatureFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("arch_column")] string ArchColumn,
    [property: JsonPropertyName("columns")] IReadOnlyList<string> Columns)
{
    /// <summary>Value equality, the column list compared element by element.</summary>
    public bool Equals(FeatureFile? other) =>
        other is not null && Path == other.Path && ArchColumn == other.ArchColumn && Columns.SequenceEqual(other.Columns);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Path);
        h.Add(ArchColumn);
        foreach (string c in Columns) h.Add(c);
        return h.ToHashCode();
    }
}
