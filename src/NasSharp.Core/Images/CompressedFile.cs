using System.IO.Compression;

namespace NasSharp.Images;

/// <summary>Reads a dataset file whole, decompressing it when its name ends in <c>.gz</c> (CIFAR-10 records, IDX files).</summary>
public static class CompressedFile
{
    /// <summary>The bytes of <paramref name="path"/>, decompressed for <c>.gz</c>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="kind">What the file is, for the missing-file message (e.g. "CIFAR-10 file").</param>
    /// <param name="corrupt">The exception for a corrupt gzip stream, from the bytes decompressed so far and the reason.</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static byte[] ReadAll(string path, string kind, Func<long, string, Exception> corrupt)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(corrupt);
        if (!File.Exists(path)) throw new FileNotFoundException($"{kind} '{path}' does not exist.", path);
        using var input = File.OpenRead(path);
        using Stream source = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(input, CompressionMode.Decompress) : input;
        using var buffer = new MemoryStream();
        try
        {
            source.CopyTo(buffer);
        }
        catch (InvalidDataException e)
        {
            throw corrupt(buffer.Length, e.Message);
        }
        return buffer.ToArray();
    }
}
