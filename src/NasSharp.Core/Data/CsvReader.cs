using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace NasSharp.Data;

/// <summary>
/// A forward-only reader for the comma-separated benchmark tables: one header line, then records with as many fields
/// as the header. Files ending in <c>.gz</c> are gunzipped on the fly. Quoted fields follow RFC 4180 (<c>""</c> is a
/// literal quote; a quoted field may hold commas and line breaks). Every problem is a <see cref="DataFormatException"/>
/// naming the file, the 1-based line and, where one is at fault, the column.
/// </summary>
public sealed class CsvReader : IDisposable
{
    private readonly TextReader reader;
    private readonly Dictionary<string, int> columnIndex;
    private string[] header = [];
    private string[] fields = [];
    private int physicalLine;   // physical lines consumed so far; quoted line breaks make records span several

    private CsvReader(string file, TextReader reader)
    {
        File = file;
        this.reader = reader;
        string? headerLine = ReadPhysicalLine();
        if (headerLine is null)
            throw new DataFormatException(file, 1, null, "expected a header line of column names, found an empty file");
        if (headerLine.Length == 0)
            throw new DataFormatException(file, 1, null, "expected a header line of column names, found an empty line");
        Line = 1;
        header = SplitRecord(headerLine);
        columnIndex = new Dictionary<string, int>(header.Length, StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0)
                throw new DataFormatException(file, 1, null, $"expected a column name, found an empty one at position {i + 1}");
            if (!columnIndex.TryAdd(header[i], i))
                throw new DataFormatException(file, 1, header[i],
                    $"expected unique column names, found this one at positions {columnIndex[header[i]] + 1} and {i + 1}");
        }
    }

    /// <summary>Path of the file being read.</summary>
    public string File { get; }

    /// <summary>Column names from the header line.</summary>
    public IReadOnlyList<string> Header => header;

    /// <summary>1-based line on which the current record starts (1 while only the header has been read).</summary>
    public int Line { get; private set; }

    /// <summary>Fields of the current record; as many as <see cref="Header"/>.</summary>
    public IReadOnlyList<string> Fields => fields;

    /// <summary>Field <paramref name="column"/> of the current record.</summary>
    public string this[int column] => fields[column];

    /// <summary>Opens <paramref name="path"/> (gunzipping <c>.gz</c>) and reads its header.</summary>
    /// <exception cref="DataFormatException">The file is empty, the header is malformed, or a <c>.gz</c> file is corrupt.</exception>
    public static CsvReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
                stream = new GZipStream(stream, CompressionMode.Decompress);
            return new CsvReader(path, new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the next record; false at the end of the file. Empty lines are skipped.</summary>
    /// <exception cref="DataFormatException">The record's field count differs from the header's, or its quoting is broken.</exception>
    public bool Read()
    {
        string? line;
        do
        {
            line = ReadPhysicalLine();
            if (line is null) return false;
        }
        while (line.Length == 0);
        Line = physicalLine;
        string[] record = SplitRecord(line);
        if (record.Length != Header.Count)
            throw new DataFormatException(File, Line, null,
                $"expected {Header.Count} fields as in the header, found {record.Length}");
        fields = record;
        return true;
    }

    /// <summary>Whether the header has a column called <paramref name="name"/>.</summary>
    public bool HasColumn(string name) => columnIndex.ContainsKey(name);

    /// <summary>Position of the column called <paramref name="name"/>.</summary>
    /// <exception cref="DataFormatException">No such column; the message lists the columns the header has.</exception>
    public int RequireColumn(string name) => columnIndex.TryGetValue(name, out int i) ? i
        : throw new DataFormatException(File, 1, name,
            $"expected this required column in the header, but it is missing; the header has: {string.Join(", ", Header)}");

    /// <summary>
    /// Field <paramref name="column"/> of the current record as a finite number (invariant culture). An empty field is
    /// NaN when <paramref name="allowMissing"/>, otherwise an error; NaN or infinity written out is always an error,
    /// so that a missing value is only ever spelled as an empty field.
    /// </summary>
    /// <exception cref="DataFormatException">The field is not a finite number; the message names file, line, column and text.</exception>
    public double ParseDouble(int column, bool allowMissing = false)
    {
        string text = fields[column];
        if (text.Length == 0)
        {
            if (allowMissing) return double.NaN;
            throw Error(column, "expected a number, found an empty field (this column does not allow missing values)");
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw Error(column, $"expected a number, found '{text}'");
        if (!double.IsFinite(value))
            throw Error(column, $"expected a finite number, found '{text}'" +
                (allowMissing ? " (write a missing value as an empty field)" : " (this column does not allow missing values)"));
        return value;
    }

    /// <summary>Field <paramref name="column"/> of the current record as an integer (invariant culture).</summary>
    /// <exception cref="DataFormatException">The field is not an integer.</exception>
    public int ParseInt(int column)
    {
        string text = fields[column];
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            throw Error(column, text.Length == 0 ? "expected an integer, found an empty field" : $"expected an integer, found '{text}'");
        return value;
    }

    /// <summary>An exception about field <paramref name="column"/> of the current record, for checks the caller makes.</summary>
    public DataFormatException Error(int column, string message) => new(File, Line, Header[column], message);

    /// <summary>An exception about the current record as a whole.</summary>
    public DataFormatException Error(string message) => new(File, Line, null, message);

    /// <inheritdoc/>
    public void Dispose() => reader.Dispose();

    private string? ReadPhysicalLine()
    {
        try
        {
            string? line = reader.ReadLine();
            if (line is not null) physicalLine++;
            return line;
        }
        catch (InvalidDataException e)
        {
            // GZipStream reports a damaged or truncated archive here; the line is where reading stopped.
            throw new DataFormatException(File, physicalLine + 1, null,
                $"expected readable gzip data, but it cannot be decompressed ({e.Message}); the file is truncated or corrupt");
        }
    }

    private string[] SplitRecord(string line) =>
        line.Contains('"') ? SplitQuoted(line) : line.Split(',');

    private string[] SplitQuoted(string line)
    {
        int startLine = physicalLine;
        var result = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i == line.Length)
                    {
                        // A quoted field may span lines: the break belongs to the value.
                        string? next = ReadPhysicalLine()
                            ?? throw new DataFormatException(File, startLine, ColumnName(result.Count),
                                "expected a closing quote, but the quoted field runs to the end of the file");
                        field.Append('\n');
                        line = next;
                        i = 0;
                        continue;
                    }
                    char c = line[i++];
                    if (c != '"') field.Append(c);
                    else if (i < line.Length && line[i] == '"') { field.Append('"'); i++; }
                    else break;
                }
                if (i < line.Length && line[i] != ',')
                    throw new DataFormatException(File, startLine, ColumnName(result.Count),
                        $"expected ',' or the end of the line after a closing quote, found '{line[i]}'");
            }
            else
            {
                int end = line.IndexOf(',', i);
                if (end < 0) end = line.Length;
                int quote = line.IndexOf('"', i, end - i);
                if (quote >= 0)
                    throw new DataFormatException(File, startLine, ColumnName(result.Count),
                        $"expected a quote only at the start of a field, found one inside '{line[i..end]}'");
                field.Append(line, i, end - i);
                i = end;
            }
            result.Add(field.ToString());
            if (i >= line.Length) return [.. result];
            i++;   // the comma
            if (i == line.Length)
            {
                result.Add("");
                return [.. result];
            }
        }
    }

    // While the header itself is being split there are no names yet.
    private string? ColumnName(int position) => position < header.Length ? header[position] : null;
}
