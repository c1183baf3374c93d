using System.Globalization;
using System.IO.Compression;

namespace NasSharp.Data;

/// <summary>
/// A comma-separated file read whole (transparently gunzipped for <c>.gz</c>), with lookups that fail with the file,
/// line and column at fault. The benchmark tables hold no quoted fields; a quote character is rejected rather than
/// silently mis-split.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> columns;

    private CsvTable(string file, string[] header, List<(int Line, string[] Fields)> rows)
    {
        File = file;
        Header = header;
        Rows = rows;
        columns = header.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Path the table was read from.</summary>
    public string File { get; }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Data rows with their 1-based line numbers.</summary>
    public IReadOnlyList<(int Line, string[] Fields)> Rows { get; }

    /// <summary>Reads <paramref name="path"/>; every row must have as many fields as the header.</summary>
    public static CsvTable Read(string path)
    {
        using var stream = System.IO.File.OpenRead(path);
        using var reader = new StreamReader(path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(stream, CompressionMode.Decompress) : stream);
        string? headerLine;
        try
        {
            headerLine = reader.ReadLine();
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, 1, null, $"cannot be decompressed ({e.Message})");
        }
        if (string.IsNullOrWhiteSpace(headerLine))
            throw new DataFormatException(path, 1, null, "expected a header line, found an empty file");
        string[] header = headerLine.Split(',');
        var rows = new List<(int, string[])>();
        int lineNo = 1;
        try
        {
            for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            {
                lineNo++;
                if (line.Length == 0) continue;
                if (line.Contains('"'))
                    throw new DataFormatException(path, lineNo, null, "quoted fields are not supported in benchmark tables");
                string[] fields = line.Split(',');
                if (fields.Length != header.Length)
                    throw new DataFormatException(path, lineNo, null, $"expected {header.Length} fields as in the header, found {fields.Length}");
                rows.Add((lineNo, fields));
            }
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, lineNo, null, $"cannot be decompressed ({e.Message}); the file is truncated or corrupt");
        }
        return new CsvTable(path, header, rows);
    }

    /// <summary>Index of <paramref name="name"/>; a missing column names the file and lists the available ones.</summary>
    public int Column(string name) => columns.TryGetValue(name, out int i) ? i
        : throw new DataFormatException(File, 1, name, $"required column is missing; the header has {string.Join(", ", Header)}");

    /// <summary>
    /// Parses a finite number at (<paramref name="row"/>, <paramref name="column"/>). An empty field gives NaN when
    /// <paramref name="allowMissing"/>; otherwise, like NaN/∞ text, it is an error.
    /// </summary>
    public double Number(int row, int column, bool allowMissing = false)
    {
        var (line, fields) = Rows[row];
        string text = fields[column];
        if (text.Length == 0)
        {
            if (allowMissing) return double.NaN;
            throw new DataFormatException(File, line, Header[column], "expected a number, found an empty field");
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new DataFormatException(File, line, Header[column], $"expected a finite number, found '{text}'");
        return value;
    }
}
