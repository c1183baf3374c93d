using NasSharp.Graphs;

namespace NasSharp.Encodings;

/// <summary>
/// Ops-on-nodes cells padded into dense tensors so that a GCN processes a whole batch with a few batched matrix
/// products. The normalised adjacencies are precomputed once per batch because every layer reuses them.
/// </summary>
public sealed class GraphBatch : IDisposable
{
    private GraphBatch(Tensor features, Tensor forward, Tensor backward, Tensor mask, Tensor? architectureFeatures = null)
    {
        Features = features;
        ForwardAdjacency = forward;
        BackwardAdjacency = backward;
        NodeMask = mask;
        ArchitectureFeatures = architectureFeatures;
    }

    /// <summary>One-hot node types, <c>[B, N, T]</c>, zero rows for padding.</summary>
    public Tensor Features { get; }

    /// <summary><c>rownorm(A + I)</c>, <c>[B, N, N]</c>: each node averages itself and its successors.</summary>
    public Tensor ForwardAdjacency { get; }

    /// <summary><c>rownorm(Aᵀ + I)</c>, <c>[B, N, N]</c>: each node averages itself and its predecessors.</summary>
    public Tensor BackwardAdjacency { get; }

    /// <summary>1 for real nodes, 0 for padding, <c>[B, N]</c>.</summary>
    public Tensor NodeMask { get; }

    /// <summary>
    /// Per-architecture features <c>[B, F]</c> (already standardised) that a hybrid readout concatenates to the graph
    /// embedding; null for a batch of graphs alone.
    /// </summary>
    public Tensor? ArchitectureFeatures { get; }

    /// <summary>Number of graphs.</summary>
    public long Count => Features.shape[0];

    /// <summary>
    /// Pads <paramref name="graphs"/> to <paramref name="maxNodes"/> nodes with <paramref name="nodeTypes"/> one-hot
    /// features, on <paramref name="device"/> (default: the CPU), with <paramref name="architectureFeatures"/>
    /// (one row per graph, all of one width) as <see cref="ArchitectureFeatures"/> when given.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A graph is larger than <paramref name="maxNodes"/> or has an unknown node type, or the feature rows do not match the graphs.
    /// </exception>
    public static GraphBatch Create(IReadOnlyList<CellGraph> graphs, int nodeTypes, int maxNodes, Device? device = null,
        IReadOnlyList<float[]>? architectureFeatures = null)
    {
        int b = graphs.Count, n = maxNodes;
        var x = new float[b * n * nodeTypes];
        var fwd = new float[b * n * n];
        var bwd = new float[b * n * n];
        var mask = new float[b * n];
        var outDeg = new int[n];
        var inDeg = new int[n];
        for (int g = 0; g < b; g++)
        {
            var graph = graphs[g];
            int m = graph.NodeCount;
            if (m > n) throw new ArgumentException($"Graph {g} has {m} nodes; the batch holds at most {n}.", nameof(graphs));
            Array.Clear(outDeg);
            Array.Clear(inDeg);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < m; j++)
                    if (graph.HasEdge(i, j)) { outDeg[i]++; inDeg[j]++; }
            int adjBase = g * n * n;
            for (int i = 0; i < n; i++)
            {
                // Padding nodes keep a self-loop so that row normalisation never divides by zero.
                fwd[adjBase + i * n + i] = 1f / (outDeg[i] + 1);
                bwd[adjBase + i * n + i] = 1f / (inDeg[i] + 1);
            }
            for (int i = 0; i < m; i++)
            {
                int type = graph.NodeTypes[i];
                if (type < 0 || type >= nodeTypes)
                    throw new ArgumentException($"Graph {g}, node {i}: type {type} is outside 0..{nodeTypes - 1}.", nameof(graphs));
                x[(g * n + i) * nodeTypes + type] = 1f;
                mask[g * n + i] = 1f;
                for (int j = 0; j < m; j++)
                {
                    if (!graph.HasEdge(i, j)) continue;
                    fwd[adjBase + i * n + j] = 1f / (outDeg[i] + 1);
                    bwd[adjBase + j * n + i] = 1f / (inDeg[j] + 1);
                }
            }
        }
        return new GraphBatch(tensor(x, [b, n, nodeTypes], device: device), tensor(fwd, [b, n, n], device: device),
            tensor(bwd, [b, n, n], device: device), tensor(mask, [b, n], device: device), FeatureTensor(architectureFeatures, b, device));
    }

    private static Tensor? FeatureTensor(IReadOnlyList<float[]>? rows, int count, Device? device)
    {
        if (rows is null) return null;
        if (rows.Count != count) throw new ArgumentException($"{count} graphs but {rows.Count} feature rows.", nameof(rows));
        int width = count == 0 ? 0 : rows[0].Length;
        var flat = new float[count * width];
        for (int g = 0; g < count; g++)
        {
            if (rows[g].Length != width)
                throw new ArgumentException($"Feature row {g} has {rows[g].Length} values; row 0 has {width}.", nameof(rows));
            rows[g].CopyTo(flat, g * width);
        }
        return tensor(flat, [count, width], device: device);
    }

    /// <summary>
    /// How many nodes of each type every graph has, <c>[B][T]</c>: the sum of the one-hot features over the nodes
    /// (padding rows are zero). For ops-on-nodes cells this is the cell's operation histogram.
    /// </summary>
    public double[][] NodeTypeCounts()
    {
        using var counts = Features.sum(1).to_type(ScalarType.Float64);
        double[] flat = counts.data<double>().ToArray();
        int types = (int)Features.shape[2];
        return [.. Enumerable.Range(0, (int)Count).Select(g => flat.AsSpan(g * types, types).ToArray())];
    }

    /// <summary>The graphs at <paramref name="indices"/> (a 1-D int64 tensor), as a new batch.</summary>
    public GraphBatch Select(Tensor indices) => new(
        Features.index_select(0, indices), ForwardAdjacency.index_select(0, indices),
        BackwardAdjacency.index_select(0, indices), NodeMask.index_select(0, indices), ArchitectureFeatures?.index_select(0, indices));

    /// <summary>A one-graph batch repeated <paramref name="count"/> times as broadcast views (no copy).</summary>
    public GraphBatch Broadcast(long count)
    {
        if (Count != 1) throw new InvalidOperationException($"Only a one-graph batch can be broadcast; this one holds {Count}.");
        return new(Features.expand(count, -1, -1), ForwardAdjacency.expand(count, -1, -1),
            BackwardAdjacency.expand(count, -1, -1), NodeMask.expand(count, -1), ArchitectureFeatures?.expand(count, -1));
    }

    /// <summary>A copy with every tensor converted to <paramref name="dtype"/> (the mask included).</summary>
    public GraphBatch To(ScalarType dtype) => new(
        Features.to_type(dtype), ForwardAdjacency.to_type(dtype), BackwardAdjacency.to_type(dtype), NodeMask.to_type(dtype),
        ArchitectureFeatures?.to_type(dtype));

    /// <inheritdoc/>
    public void Dispose()
    {
        Features.Dispose();
        ForwardAdjacency.Dispose();
        BackwardAdjacency.Dispose();
        NodeMask.Dispose();
        ArchitectureFeatures?.Dispose();
    }
}
