using NasSharp.Encodings;
using NasSharp.Graphs;
using NasSharp.Meta;
using NasSharp.SearchSpaces.Nb201;

namespace NasSharp.Tests.Meta;

/// <summary>
/// Small NB201 cells with targets that are weighted counts of node types (input 0, none 1, skip 2, conv1x1 3,
/// conv3x3 4, avg_pool 5, output 6): learnable by a GCN, and related across tasks as real NAS tasks are.
/// </summary>
public static class SyntheticTasks
{
    public static readonly Nb201Space Space = new();

    public static int NodeTypes => Space.NodeTypes.Count;

    public static List<CellGraph> Graphs(int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Space.Encode(Space.Sample(rng))).ToList();
    }

    public static GraphBatch Batch(IReadOnlyList<CellGraph> graphs) => GraphBatch.Create(graphs, NodeTypes, Space.MaxNodes);

    /// <summary>Σ weight[type] over the cell's nodes, plus a little seeded noise so that ties are rare.</summary>
    public static double[] Values(IReadOnlyList<CellGraph> graphs, double[] weights, int noiseSeed = 0)
    {
        var rng = new Random(noiseSeed);
        return graphs.Select(g => g.NodeTypes.Sum(t => weights[t]) + 0.01 * rng.NextDouble()).ToArray();
    }

    /// <summary>Three related source tasks (each rewards convolutions, with different weights) over one batch.</summary>
    public static MetaTask[] SourceTasks(GraphBatch batch, IReadOnlyList<CellGraph> graphs) =>
    [
        new("conv3", batch, Values(graphs, [0, 0, 0, 0.5, 1, 0, 0], 1)),
        new("conv", batch, Values(graphs, [0, -0.5, 0, 1, 1, 0, 0], 2)),
        new("no-none", batch, Values(graphs, [0, -1, 0, 0.5, 0.8, 0.2, 0], 3)),
    ];
}
