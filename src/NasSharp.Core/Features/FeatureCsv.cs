using System.Globalization;

namespace NasSharp.Features;

/// <summary>
/// Feature vectors as CSV: header <c>arch,NAME,...</c>, one row per architecture, values in round-trip form. A file
/// <see cref="FeatureTable"/> reads back (architecture column <c>arch</c>), for external tools and for inspection.
/// </summary>
public static class FeatureCsv
{
    /// <summary>Writes <paramref name="rows"/> (aligned with <paramref name="archs"/> and <paramref name="names"/>) to <paramref name="writer"/>.</summary>
    /// <exception cref="ArgumentException">Rows and architectures differ in number, or a row in length from the names.</exception>
    public static void Write(TextWriter writer, IReadOnlyList<string> names, IReadOnlyList<string> archs, IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(archs);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count != archs.Count)
            throw new ArgumentException($"{rows.Count} feature rows for {archs.Count} architectures.", nameof(rows));
        writer.Write("arch");
        foreach (string name in names) writer.Write($",{Quoted(name)}");
        writer.Write('\n');
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != names.Count)
                throw new ArgumentException($"Row {i} has {rows[i].Length} values for {names.Count} feature names.", nameof(rows));
            writer.Write(Quoted(archs[i]));
            // NaN (a missing file value) is written as an empty field, the tables' spelling of a missing value.
            foreach (double v in rows[i]) writer.Write(double.IsNaN(v) ? "," : "," + v.ToString("R", CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    private static string Quoted(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
