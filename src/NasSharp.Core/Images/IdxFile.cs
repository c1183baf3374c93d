using NasSharp.Data;

namespace NasSharp.Images;

/// <summary>
/// An IDX file of unsigned bytes (LeCun's MNIST format, also Fashion-MNIST's): a 4-byte magic number (two zero bytes,
/// type 0x08, the dimension count), one big-endian 32-bit size per dimension, then the data row-major. Files ending in
/// <c>.gz</c> are decompressed first. Every fault is a <see cref="BinaryFormatException"/> naming the file, the byte
/// offset and what was expected.
/// </summary>
/// <param name="File">The file read.</param>
/// <param name="Dimensions">Size of each dimension, the first being the item count.</param>
/// <param name="Data">The data bytes (the product of the dimensions).</param>
public sealed record IdxFile(string File, IReadOnlyList<int> Dimensions, byte[] Data)
{
    /// <summary>The type byte of unsigned 8-bit data, the only type this reader accepts.</summary>
    public const byte UnsignedByte = 0x08;

    /// <summary>Offset of the first data byte of a file with <paramref name="dimensions"/> dimensions.</summary>
    public static int DataOffset(int dimensions) => 4 + 4 * dimensions;

    /// <summary>Reads <paramref name="path"/>, which must hold <paramref name="dimensions"/> dimensions of unsigned bytes.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="BinaryFormatException">Not such an IDX file: bad magic, wrong dimension count, truncated or trailing data, or corrupt gzip.</exception>
    public static IdxFile Read(string path, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        byte[] raw = CompressedFile.ReadAll(path, "IDX file", (offset, reason) => new BinaryFormatException(path, offset,
            $"cannot be decompressed ({reason}); expected gzip data (the file is corrupt or not gzip despite its name)"));
        if (raw.Length < 4)
            throw new BinaryFormatException(path, raw.Length, $"the file ends after {raw.Length} bytes; expected a 4-byte IDX magic number (0x0000{UnsignedByte:X2}{dimensions:X2})");
        if (raw[0] != 0 || raw[1] != 0 || raw[2] != UnsignedByte)
            throw new BinaryFormatException(path, 0,
                $"bad magic number 0x{raw[0]:X2}{raw[1]:X2}{raw[2]:X2}{raw[3]:X2}; expected 0x0000{UnsignedByte:X2}{dimensions:X2} (an IDX file of unsigned bytes)");
        if (raw[3] != dimensions)
            throw new BinaryFormatException(path, 3, $"the IDX file has {raw[3]} dimension(s); expected {dimensions}");
        int dataOffset = DataOffset(dimensions);
        if (raw.Length < dataOffset)
            throw new BinaryFormatException(path, raw.Length, $"the file ends inside the header; expected {dimensions} 4-byte dimension sizes up to byte {dataOffset}");
        var sizes = new int[dimensions];
        long expected = 1;
        for (int d = 0; d < dimensions; d++)
        {
            int at = 4 + 4 * d;
            long size = ((long)raw[at] << 24) | ((long)raw[at + 1] << 16) | ((long)raw[at + 2] << 8) | raw[at + 3];
            if (size > int.MaxValue)
                throw new BinaryFormatException(path, at, $"dimension {d + 1} has size {size}; expected at most {int.MaxValue}");
            sizes[d] = (int)size;
            expected *= size;
        }
        long actual = raw.Length - dataOffset;
        if (actual < expected)
            throw new BinaryFormatException(path, raw.Length,
                $"truncated: dimensions {string.Join('×', sizes)} need {expected} data bytes from byte {dataOffset}, the file ends after {actual}");
        if (actual > expected)
            throw new BinaryFormatException(path, dataOffset + expected,
                $"{actual - expected} byte(s) after the data; dimensions {string.Join('×', sizes)} need exactly {expected} from byte {dataOffset}");
        return new IdxFile(path, sizes, raw[dataOffset..]);
    }
}
