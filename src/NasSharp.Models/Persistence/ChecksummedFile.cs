using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace NasSharp.Persistence;

/// <summary>
/// The container every NasSharp model-like file uses (docs/DECISIONS.md, "Model file integrity"): the format's magic
/// line, the payload length as a little-endian int64, the payload, then the SHA-256 of everything before it. Reading
/// checks the magic, that the length accounts for every byte of the file (so truncation and trailing bytes are
/// caught) and the digest, all before the caller deserialises anything. Writes go through <see cref="AtomicFile"/>.
/// </summary>
public static class ChecksummedFile
{
    /// <summary>Bytes of the SHA-256 digest at the end of the file.</summary>
    public const int DigestLength = SHA256.HashSizeInBytes;

    private const int LengthBytes = sizeof(long);
    private const int MaxMagicLine = 64;

    /// <summary>Writes <paramref name="writePayload"/>'s bytes atomically inside the container of <paramref name="format"/>.</summary>
    public static void Write(string path, ChecksummedFormat format, Action<Stream> writePayload)
    {
        using var payload = new MemoryStream();
        writePayload(payload);
        byte[] magic = format.MagicBytes;
        var length = new byte[LengthBytes];
        BinaryPrimitives.WriteInt64LittleEndian(length, payload.Length);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(magic);
        hash.AppendData(length);
        hash.AppendData(payload.GetBuffer(), 0, (int)payload.Length);
        byte[] digest = hash.GetHashAndReset();
        AtomicFile.Write(path, stream =>
        {
            stream.Write(magic);
            stream.Write(length);
            stream.Write(payload.GetBuffer(), 0, (int)payload.Length);
            stream.Write(digest);
        });
    }

    /// <summary>
    /// Verifies the container in <paramref name="stream"/> (the open file <paramref name="path"/>, seekable) and leaves
    /// it at the first payload byte. Returns the offset just past the payload, for <see cref="RequireConsumed"/>.
    /// Files are only ever replaced by a rename, so the bytes verified are the bytes the caller then reads.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// Not a file of this format, a v1 file (no checksum), truncated, trailing bytes, or a digest mismatch; the
    /// message names the file and what was expected.
    /// </exception>
    public static long Verify(string path, Stream stream, ChecksummedFormat format)
    {
        byte[] magic = format.MagicBytes;
        stream.Position = 0;
        long fileLength = stream.Length;
        CheckMagic(path, ReadMagicLine(stream), format);

        long headerLength = magic.Length + LengthBytes;
        if (fileLength < headerLength + DigestLength)
            throw new InvalidDataException(
                $"'{path}' ({format.Description}) is truncated: expected at least {headerLength + DigestLength} bytes " +
                $"(magic line, payload length, SHA-256), found {fileLength}.");
        var lengthBytes = new byte[LengthBytes];
        stream.Position = magic.Length;
        stream.ReadExactly(lengthBytes);
        long payloadLength = BinaryPrimitives.ReadInt64LittleEndian(lengthBytes);
        long available = fileLength - headerLength - DigestLength;
        if (payloadLength < 0 || payloadLength > available)
            throw new InvalidDataException(
                $"'{path}' ({format.Description}) is truncated or damaged: its header announces a payload of {payloadLength} bytes, " +
                $"but only {available} bytes precede the SHA-256 at the end of the file.");
        if (payloadLength < available)
            throw new InvalidDataException(
                $"'{path}' ({format.Description}) has {available - payloadLength} unexpected trailing bytes: expected the file to " +
                $"end {DigestLength} bytes after the {payloadLength}-byte payload, at byte {headerLength + payloadLength + DigestLength}.");

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        stream.Position = 0;
        var buffer = new byte[1 << 16];
        for (long left = headerLength + payloadLength; left > 0;)
        {
            int n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0) throw new InvalidDataException($"'{path}' ({format.Description}) shrank while it was being read.");
            hash.AppendData(buffer, 0, n);
            left -= n;
        }
        var stored = new byte[DigestLength];
        stream.ReadExactly(stored);
        byte[] computed = hash.GetHashAndReset();
        if (!CryptographicOperations.FixedTimeEquals(stored, computed))
            throw new InvalidDataException(
                $"'{path}' ({format.Description}) is damaged: its SHA-256 checksum does not match its contents (stored " +
                $"{Convert.ToHexStringLower(stored)[..16]}…, computed {Convert.ToHexStringLower(computed)[..16]}…); " +
                "the file was changed or corrupted after it was written.");
        stream.Position = headerLength;
        return headerLength + payloadLength;
    }

    /// <summary>Checks that deserialising the payload ended exactly at <paramref name="payloadEnd"/>.</summary>
    /// <exception cref="InvalidDataException">The payload's parts do not add up to its length; the message names the file.</exception>
    public static void RequireConsumed(string path, Stream stream, long payloadEnd)
    {
        long position = stream.Position;
        if (position != payloadEnd)
            throw new InvalidDataException(
                $"'{path}' has a damaged payload: its contents end at byte {position}, " +
                $"expected them to end at byte {payloadEnd}.");
    }

    private static string ReadMagicLine(Stream stream)
    {
        var line = new List<byte>(MaxMagicLine);
        while (line.Count < MaxMagicLine)
        {
            int b = stream.ReadByte();
            if (b < 0) break;
            line.Add((byte)b);
            if (b == '\n') break;
        }
        return Encoding.ASCII.GetString([.. line]);
    }

    private static void CheckMagic(string path, string line, ChecksummedFormat format)
    {
        if (line == format.Magic) return;
        if (line == format.LegacyMagic)
            throw new InvalidDataException(
                $"'{path}' was written by an older NasSharp (format v1, '{format.LegacyMagic.TrimEnd('\n')}', no checksum), " +
                $"which this version refuses because damage to it cannot be detected; {format.LegacyAdvice}.");
        // Same kind, another version: say so rather than "not a model file".
        string kind = format.Magic[..(format.Magic.LastIndexOf(' ') + 1)];
        if (line.StartsWith(kind, StringComparison.Ordinal) && line.EndsWith('\n'))
            throw new InvalidDataException(
                $"'{path}' is a {format.Description} in format '{line.TrimEnd('\n')}', which this version of NasSharp cannot read " +
                $"(expected '{format.MagicLine}').");
        throw new InvalidDataException($"'{path}' is not a {format.Description} (expected it to start with '{format.MagicLine}').");
    }
}
