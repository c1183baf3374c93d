using System.Security.Cryptography;
using System.Text;

namespace NasSharp.SearchSpaces.Nb101;

/// <summary>
/// NAS-Bench-101's module fingerprint (<c>graph_util.hash_module</c>): MD5 of (out-degree, in-degree, label) per vertex,
/// refined for n rounds by the sorted hashes of in- and out-neighbours, then MD5 of the sorted list. Labels are −1 for
/// input, −2 for output and the index in <see cref="Nb101Cell.Operations"/> otherwise. Isomorphic cells share it.
/// </summary>
public static class Nb101Hash
{
    /// <summary>32-character lowercase hex fingerprint of a (pruned) cell.</summary>
    public static string Compute(Nb101Cell cell)
    {
        int n = cell.VertexCount;
        var hashes = new string[n];
        for (int v = 0; v < n; v++)
        {
            int outDegree = 0, inDegree = 0;
            for (int w = 0; w < n; w++)
            {
                if (cell.HasEdge(v, w)) outDegree++;
                if (cell.HasEdge(w, v)) inDegree++;
            }
            int label = v == 0 ? -1 : v == n - 1 ? -2 : IndexOf(cell.Labels[v]);
            hashes[v] = Md5($"({outDegree}, {inDegree}, {label})");   // Python's str() of the tuple
        }
        var next = new string[n];
        var incoming = new List<string>(n);
        var outgoing = new List<string>(n);
        for (int round = 0; round < n; round++)
        {
            for (int v = 0; v < n; v++)
            {
                incoming.Clear();
                outgoing.Clear();
                for (int w = 0; w < n; w++)
                {
                    if (cell.HasEdge(w, v)) incoming.Add(hashes[w]);
                    if (cell.HasEdge(v, w)) outgoing.Add(hashes[w]);
                }
                incoming.Sort(StringComparer.Ordinal);
                outgoing.Sort(StringComparer.Ordinal);
                next[v] = Md5(string.Concat(incoming) + "|" + string.Concat(outgoing) + "|" + hashes[v]);
            }
            (hashes, next) = (next, hashes);
        }
        var sorted = hashes.OrderBy(h => h, StringComparer.Ordinal);
        return Md5("[" + string.Join(", ", sorted.Select(h => $"'{h}'")) + "]");   // Python's str() of a list
    }

    private static int IndexOf(string op)
    {
        for (int i = 0; i < Nb101Cell.Operations.Count; i++)
            if (Nb101Cell.Operations[i] == op) return i;
        throw new ArchitectureFormatException($"Unknown NB101 operation '{op}'.");
    }

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
