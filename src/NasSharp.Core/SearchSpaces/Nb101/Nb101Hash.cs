using System.Buffers.Text;
using System.Security.Cryptography;

namespace NasSharp.SearchSpaces.Nb101;

/// <summary>
/// NAS-Bench-101's module fingerprint (<c>graph_util.hash_module</c>): MD5 of (out-degree, in-degree, label) per vertex,
/// refined for n rounds by the sorted hashes of in- and out-neighbours, then MD5 of the sorted list. Labels are −1 for
/// input, −2 for output and the index in <see cref="Nb101Cell.Operations"/> otherwise. Isomorphic cells share it.
/// </summary>
/// <remarks>
/// Works on the ASCII hex digests in stack buffers: a search hashes every candidate it meets (a restricted domain
/// hashes its 10,000 members, a neighbour list ~40 cells), and string building was most of the cost.
/// </remarks>
public static class Nb101Hash
{
    private const int HexLength = 32;
    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>32-character lowercase hex fingerprint of a (pruned) cell.</summary>
    public static string Compute(Nb101Cell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        int n = cell.VertexCount;
        Span<byte> hashes = stackalloc byte[Nb101Cell.MaxVertices * HexLength];
        Span<byte> next = stackalloc byte[Nb101Cell.MaxVertices * HexLength];
        // Longest message: every other vertex in and out, two separators and the vertex's own hash.
        Span<byte> message = stackalloc byte[(2 * Nb101Cell.MaxVertices + 1) * HexLength + 8];
        Span<int> neighbours = stackalloc int[Nb101Cell.MaxVertices];
        for (int v = 0; v < n; v++)
        {
            int outDegree = 0, inDegree = 0;
            for (int w = 0; w < n; w++)
            {
                if (cell.HasEdge(v, w)) outDegree++;
                if (cell.HasEdge(w, v)) inDegree++;
            }
            int label = v == 0 ? -1 : v == n - 1 ? -2 : IndexOf(cell.Labels[v]);
            // Python's str() of the tuple: "(out, in, label)".
            int length = 0;
            message[length++] = (byte)'(';
            length += Format(outDegree, message[length..]);
            length += Append(", "u8, message[length..]);
            length += Format(inDegree, message[length..]);
            length += Append(", "u8, message[length..]);
            length += Format(label, message[length..]);
            message[length++] = (byte)')';
            Md5Hex(message[..length], Hash(hashes, v));
        }
        for (int round = 0; round < n; round++)
        {
            for (int v = 0; v < n; v++)
            {
                int length = 0, count = 0;
                for (int w = 0; w < n; w++)
                    if (cell.HasEdge(w, v)) neighbours[count++] = w;
                length += AppendSorted(hashes, neighbours[..count], message[length..]);
                message[length++] = (byte)'|';
                count = 0;
                for (int w = 0; w < n; w++)
                    if (cell.HasEdge(v, w)) neighbours[count++] = w;
                length += AppendSorted(hashes, neighbours[..count], message[length..]);
                message[length++] = (byte)'|';
                length += Append(Hash(hashes, v), message[length..]);
                Md5Hex(message[..length], Hash(next, v));
            }
            next[..(n * HexLength)].CopyTo(hashes);
        }
        // Python's str() of the sorted list: "['h1', 'h2', ...]".
        Span<int> all = neighbours[..n];
        for (int v = 0; v < n; v++) all[v] = v;
        SortByHash(hashes, all);
        Span<byte> list = stackalloc byte[n * (HexLength + 4) + 2];
        int listLength = 0;
        list[listLength++] = (byte)'[';
        for (int k = 0; k < n; k++)
        {
            if (k > 0) listLength += Append(", "u8, list[listLength..]);
            list[listLength++] = (byte)'\'';
            listLength += Append(Hash(hashes, all[k]), list[listLength..]);
            list[listLength++] = (byte)'\'';
        }
        list[listLength++] = (byte)']';
        Span<byte> result = stackalloc byte[HexLength];
        Md5Hex(list[..listLength], result);
        return System.Text.Encoding.ASCII.GetString(result);
    }

    private static Span<byte> Hash(Span<byte> hashes, int v) => hashes.Slice(v * HexLength, HexLength);

    /// <summary>Appends the hashes of <paramref name="vertices"/> in ordinal order (Python's <c>''.join(sorted(...))</c>).</summary>
    private static int AppendSorted(Span<byte> hashes, Span<int> vertices, Span<byte> destination)
    {
        SortByHash(hashes, vertices);
        int length = 0;
        foreach (int w in vertices) length += Append(Hash(hashes, w), destination[length..]);
        return length;
    }

    /// <summary>Insertion sort of at most 7 vertices by their hex hash, ordinal.</summary>
    private static void SortByHash(Span<byte> hashes, Span<int> vertices)
    {
        for (int i = 1; i < vertices.Length; i++)
        {
            int v = vertices[i], j = i - 1;
            while (j >= 0 && Hash(hashes, vertices[j]).SequenceCompareTo(Hash(hashes, v)) > 0)
            {
                vertices[j + 1] = vertices[j];
                j--;
            }
            vertices[j + 1] = v;
        }
    }

    private static void Md5Hex(ReadOnlySpan<byte> message, Span<byte> hex)
    {
        Span<byte> digest = stackalloc byte[16];
        MD5.HashData(message, digest);
        for (int i = 0; i < digest.Length; i++)
        {
            hex[2 * i] = HexDigits[digest[i] >> 4];
            hex[2 * i + 1] = HexDigits[digest[i] & 0xF];
        }
    }

    private static int Append(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }

    private static int Format(int value, Span<byte> destination) =>
        Utf8Formatter.TryFormat(value, destination, out int written) ? written
            : throw new InvalidOperationException("A hash message buffer is too small.");

    private static int IndexOf(string op)
    {
        for (int i = 0; i < Nb101Cell.Operations.Count; i++)
            if (Nb101Cell.Operations[i] == op) return i;
        throw new ArchitectureFormatException($"Unknown NB101 operation '{op}'.");
    }
}
