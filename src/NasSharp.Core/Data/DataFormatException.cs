namespace NasSharp.Data;

/// <summary>
/// Malformed input data; the message and properties name the file, line and column at fault. Values the message
/// quotes are shortened by <see cref="EchoedText"/>, so a huge field is never echoed whole.
/// </summary>
public sealed class DataFormatException(string file, int line, string? column, string message)
    : FormatException(Describe(file, line, column, message))
{
    /// <summary>The file at fault.</summary>
    public string File { get; } = file;

    /// <summary>1-based line number (the header is line 1).</summary>
    public int Line { get; } = line;

    /// <summary>Column name, when one column is at fault.</summary>
    public string? Column { get; } = column;

    private static string Describe(string file, int line, string? column, string message) =>
        column is null
            ? $"{file} line {line}: {EchoedText.LimitQuoted(message)}"
            : $"{file} line {line}, column '{EchoedText.Shorten(column)}': {EchoedText.LimitQuoted(message)}";
}
