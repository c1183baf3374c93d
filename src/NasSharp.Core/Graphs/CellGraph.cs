namespace NasSharp.Graphs;

/// <summary>
/// One cell as a DAG with operations on nodes (SPEC §2): node 0 is the input, the last node the output, and
/// <see cref="Adjacency"/> is upper triangular (an edge i→j only for i &lt; j).
/// </summary>
/// <param name="NodeTypes">Index into the owning space's node-type vocabulary, one per node.</param>
/// <param name="Adjacency">Row-major <c>n×n</c> adjacency, <c>Adjacency[i * n + j]</c> is the edge i→j.</param>
public sealed record CellGraph(int[] NodeTypes, bool[] Adjacency)
{
    /// <summary>Number of real (unpadded) nodes.</summary>
    public int NodeCount => NodeTypes.Length;

    /// <summary>Whether the edge <paramref name="from"/>→<paramref name="to"/> exists.</summary>
    public bool HasEdge(int from, int to) => Adjacency[from * NodeCount + to];

    /// <summary>Number of edges.</summary>
    public int EdgeCount => Adjacency.Count(e => e);

    /// <summary>Records compare arrays by reference; graphs compare by content.</summary>
    public bool Equals(CellGraph? other) =>
        other is not null && NodeTypes.AsSpan().SequenceEqual(other.NodeTypes) && Adjacency.AsSpan().SequenceEqual(other.Adjacency);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int t in NodeTypes) h.Add(t);
        foreach (bool e in Adjacency) h.Add(e);
        return h.ToHashCode();
    }
}
