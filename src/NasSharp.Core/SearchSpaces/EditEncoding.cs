using System.Numerics;

namespace NasSharp.SearchSpaces;

/// <summary>
/// Architectures of one space as bit vectors with a cheap edit distance, so that a restricted
/// <see cref="SearchDomain"/> finds the members nearest to an architecture by one scan. The encoded graph
/// (<see cref="ISearchSpace.Encode"/>) is laid out on <see cref="ISearchSpace.MaxNodes"/> slots: its nodes in order,
/// except the last (the output) which takes the last slot; slots left free are typed "absent". The distance counts the
/// slots whose node type differs plus the adjacency entries that differ. On NB201/TB101 that is the number of edges
/// whose operation differs (the ops-on-nodes wiring is fixed); on NB101 it is edge flips plus inner operation changes
/// of the cells padded as <c>Nb101Space.Mutate</c> pads them.
/// </summary>
internal sealed class EditEncoding
{
    private readonly ISearchSpace space;
    private readonly int slots, typeCount, typeWords;

    /// <summary>Encodes architectures of <paramref name="space"/>.</summary>
    public EditEncoding(ISearchSpace space)
    {
        this.space = space;
        slots = space.MaxNodes;
        typeCount = space.NodeTypes.Count + 1;   // + absent
        typeWords = WordsFor(slots * typeCount);
        Words = typeWords + WordsFor(slots * slots);
    }

    /// <summary>Length of one encoding in 64-bit words.</summary>
    public int Words { get; }

    /// <summary>Writes the encoding of <paramref name="arch"/> into <paramref name="bits"/> (<see cref="Words"/> long, zeroed).</summary>
    /// <exception cref="ArchitectureFormatException">Not a valid architecture of the space.</exception>
    public void Encode(string arch, Span<ulong> bits)
    {
        var graph = space.Encode(arch);
        int n = graph.NodeCount;
        if (n > slots)
            throw new InvalidOperationException($"Space '{space.Name}' encoded '{arch}' with {n} nodes, more than its MaxNodes {slots}.");
        int Slot(int v) => v == n - 1 ? slots - 1 : v;
        var present = new bool[slots];
        for (int v = 0; v < n; v++)
        {
            present[Slot(v)] = true;
            Set(bits, Slot(v) * typeCount + graph.NodeTypes[v]);
        }
        for (int s = 0; s < slots; s++)
            if (!present[s]) Set(bits, s * typeCount + typeCount - 1);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (graph.HasEdge(i, j)) Set(bits, typeWords * 64 + Slot(i) * slots + Slot(j));
    }

    /// <summary>Slots whose type differs plus adjacency entries that differ.</summary>
    public int Distance(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int types = 0, edges = 0;
        for (int w = 0; w < typeWords; w++) types += BitOperations.PopCount(a[w] ^ b[w]);
        for (int w = typeWords; w < a.Length; w++) edges += BitOperations.PopCount(a[w] ^ b[w]);
        return types / 2 + edges;   // a differing one-hot type flips two bits
    }

    private static int WordsFor(int bits) => (bits + 63) / 64;

    private static void Set(Span<ulong> bits, int index) => bits[index / 64] |= 1UL << (index % 64);
}
