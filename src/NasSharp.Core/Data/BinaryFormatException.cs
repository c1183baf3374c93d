namespace NasSharp.Data;

/// <summary>
/// Malformed binary input (an IDX file): the message and properties name the file, the byte offset at fault and what
/// was expected there. Offsets of a gzip file count bytes of its decompressed content.
/// </summary>
public sealed class BinaryFormatException(string file, long offset, string message)
    : FormatException($"{file} byte {offset}: {message}")
{
    /// <summary>The file at fault.</summary>
    public string File { get; } = file;

    /// <summary>0-based byte offset of the fault (in the decompressed content of a <c>.gz</c> file).</summary>
    public long Offset { get; } = offset;
}
