using NasSharp.Data;
using NasSharp.SearchSpaces;

namespace NasSharp.Tasks;

/// <summary>
/// Reads a user's measured architectures, the support set MP-NAS adapts to (mp-nas §3.2 "Meta-testing"): a CSV with
/// the header <c>arch,value</c>, one row per architecture in its space's canonical string (quoted fields allowed,
/// RFC 4180) and a finite number in invariant culture (<c>.</c> as the decimal point). A header-only file is a valid
/// empty support set (K = 0, zero-shot). Every problem is a <see cref="DataFormatException"/> naming the file, the
/// line and, where one is at fault, the column.
/// </summary>
public static class SupportSetCsv
{
    /// <summary>The required header line.</summary>
    public const string Header = "arch,value";

    private const int ArchColumn = 0;
    private const int ValueColumn = 1;

    /// <summary>
    /// The support set in <paramref name="path"/>: canonical architecture strings of <paramref name="space"/> and
    /// their values oriented so that higher is better, in file order.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="space">The space the architectures belong to; its <see cref="ISearchSpace.Canonicalize"/> validates them.</param>
    /// <param name="lowerIsBetter">
    /// The values are lower-is-better (latency, error): they are negated, as <see cref="NasTask.Orient"/> orients a
    /// benchmark metric, so that scores learned from them are higher-is-better too.
    /// </param>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="DataFormatException">
    /// An empty file, a header other than <c>arch,value</c>, a row with another number of fields, an invalid
    /// architecture, a value that is not a finite number, or an architecture listed twice (compared after
    /// canonicalisation; the message names both lines).
    /// </exception>
    public static (IReadOnlyList<string> Architectures, IReadOnlyList<double> Values) Read(string path, ISearchSpace space, bool lowerIsBetter = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(space);
        using var reader = CsvReader.Open(path);
        // Names are compared leniently (spaces, case) because spreadsheets write headers their own way; the
        // columns themselves, and their order, must be exactly these two.
        var header = reader.Header;
        if (header.Count != 2 || !IsName(header[ArchColumn], "arch") || !IsName(header[ValueColumn], "value"))
            throw new DataFormatException(path, 1, null,
                $"expected the header '{Header}', found '{string.Join(",", header)}' (the first line names the columns; " +
                $"each further line is one measured {space.Name} architecture and its value)");

        var architectures = new List<string>();
        var values = new List<double>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            string arch;
            try
            {
                arch = space.Canonicalize(reader[ArchColumn]);
            }
            catch (ArchitectureFormatException e)
            {
                throw reader.Error(ArchColumn, $"expected an architecture of the {space.Name} space. {e.Message}");
            }
            double value = reader.ParseDouble(ValueColumn);
            // Two rows of one architecture would weigh it twice and, with different values, contradict each other.
            if (!lineOf.TryAdd(arch, reader.Line))
                throw reader.Error(ArchColumn,
                    $"'{reader[ArchColumn]}' is the same architecture as line {lineOf[arch]} (canonical '{arch}'); list each architecture once");
            architectures.Add(arch);
            values.Add(lowerIsBetter ? -value : value);
        }
        return (architectures, values);
    }

    private static bool IsName(string field, string name) => string.Equals(field.Trim(), name, StringComparison.OrdinalIgnoreCase);
}
