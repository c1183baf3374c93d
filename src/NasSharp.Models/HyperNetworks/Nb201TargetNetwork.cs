using NasSharp.Graphs;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb201;

namespace NasSharp.HyperNetworks;

/// <summary>
/// The NB201 cell network run functionally with supplied weights (HyperNAS §3.4): stem 3×3 conv + BN, three stages of
/// cells with residual reduction blocks between them, BN + ReLU, global average pooling, linear classifier. Edge
/// convolutions are ReLU → Conv → BN as in NB201; BatchNorm uses batch statistics and has no generated parameters.
/// </summary>
public sealed class Nb201TargetNetwork : ITargetNetwork
{
    private readonly TargetNetworkConfig config;

    /// <summary>Creates the network layout for <paramref name="config"/>.</summary>
    public Nb201TargetNetwork(TargetNetworkConfig config)
    {
        config.Validate();
        this.config = config;
    }

    /// <inheritdoc/>
    public int StemChannels => config.Channels;

    /// <inheritdoc/>
    public int FinalChannels => config.Channels * 4;

    /// <inheritdoc/>
    public int MaxChannels => config.Channels * 4;

    /// <inheritdoc/>
    public int Classes => config.Classes;

    /// <summary>The NB201 cell of an ops-on-nodes graph from <see cref="Nb201Space.Encode(Nb201Cell)"/>.</summary>
    public static Nb201Cell CellOf(CellGraph graph)
    {
        if (graph.NodeCount != FourNodeCell.OpsOnNodesCount)
            throw new ArgumentException($"An NB201 cell graph has {FourNodeCell.OpsOnNodesCount} nodes, got {graph.NodeCount}.");
        // node types: 0 = input, 1 + op for the six edge nodes, then output.
        return new Nb201Cell(graph.NodeTypes.Skip(1).Take(FourNodeCell.Edges.Count).Select(t => t - 1).ToArray());
    }

    /// <summary>Skeleton position of cell <paramref name="cell"/> of stage <paramref name="stage"/> (positions 5 and 11 are reductions).</summary>
    public static int Position(int stage, int cell) => stage * 6 + cell;

    /// <summary>
    /// Every convolution weight the cell <paramref name="graph"/> needs, in the order <see cref="Forward"/> consumes them: per
    /// stage the reduction block (node 1: 3×3 stride 2, node 2: 3×3, node 4: 1×1 shortcut), then each cell's convolution edges.
    /// </summary>
    public IReadOnlyList<ConvWeight> Weights(CellGraph graph)
    {
        var cell = CellOf(graph);
        var list = new List<ConvWeight>();
        int c = config.Channels;
        for (int stage = 0; stage < 3; stage++)
        {
            if (stage > 0)
            {
                int reduction = Position(stage, 0) - 1;
                list.Add(new ConvWeight(reduction, 1, 2 * c, c, 3));
                list.Add(new ConvWeight(reduction, 2, 2 * c, 2 * c, 3));
                list.Add(new ConvWeight(reduction, 4, 2 * c, c, 1));
                c *= 2;
            }
            for (int k = 0; k < config.CellsPerStage; k++)
                for (int e = 0; e < FourNodeCell.Edges.Count; e++)
                    if (KernelOf(cell.OperationIndices[e]) is int kernel)
                        list.Add(new ConvWeight(Position(stage, k), e + 1, c, c, kernel));
        }
        return list;
    }

    /// <summary>
    /// Logits <c>[B, classes]</c> for <paramref name="images"/> <c>[B, 3, S, S]</c>. <paramref name="convs"/> follow
    /// <see cref="Weights"/>; <paramref name="stem"/> is <c>[C, 3, 3, 3]</c>, <paramref name="classifier"/>
    /// <c>[classes, 4C]</c> with <paramref name="bias"/> <c>[classes]</c>; <paramref name="options"/> as in <see cref="ITargetNetwork"/>.
    /// </summary>
    public Tensor Forward(Tensor images, CellGraph graph, IReadOnlyList<Tensor> convs, Tensor stem, Tensor classifier, Tensor bias,
        ForwardOptions? options = null)
    {
        var o = options ?? ForwardOptions.Training;
        var cell = CellOf(graph);
        int expected = Weights(graph).Count;
        if (convs.Count != expected)
            throw new ArgumentException($"The network of '{cell}' needs {expected} convolution weights, got {convs.Count}.");
        using var scope = NewDisposeScope();
        int next = 0;
        var x = o.BatchNorm(UnfoldConvolution.Conv2d(images, stem, padding: 1));
        for (int stage = 0; stage < 3; stage++)
        {
            if (stage > 0)
            {
                var a = ReluConvBn(x, convs[next++], stride: 2, o);
                var b = ReluConvBn(a, convs[next++], stride: 1, o);
                var shortcut = UnfoldConvolution.Conv2d(F.avg_pool2d(x, [2, 2], [2, 2]), convs[next++]);
                x = b.add(shortcut, TorchConstants.One);
            }
            for (int k = 0; k < config.CellsPerStage; k++)
                x = Cell(x, cell, convs, ref next, o);
        }
        var pooled = o.Relu(o.BatchNorm(x)).mean([2, 3]);
        return F.linear(pooled, classifier, bias).MoveToOuterDisposeScope();
    }

    /// <summary>Kernel side of an NB201 operation that has weights, or null.</summary>
    public static int? KernelOf(int operation) => Nb201Cell.Operations[operation] switch
    {
        "nor_conv_1x1" => 1,
        "nor_conv_3x3" => 3,
        _ => null,
    };

    private static Tensor Cell(Tensor input, Nb201Cell cell, IReadOnlyList<Tensor> convs, ref int next, ForwardOptions o)
    {
        var nodes = new Tensor[4];
        nodes[0] = input;
        for (int to = 1; to <= 3; to++)
        {
            Tensor? sum = null;
            for (int e = 0; e < FourNodeCell.Edges.Count; e++)
            {
                if (FourNodeCell.Edges[e].To != to) continue;
                var source = nodes[FourNodeCell.Edges[e].From];
                Tensor? term = Nb201Cell.Operations[cell.OperationIndices[e]] switch
                {
                    "none" => null,
                    "skip_connect" => source,
                    "avg_pool_3x3" => F.avg_pool2d(source, [3, 3], [1, 1], [1, 1], count_include_pad: false),
                    _ => ReluConvBn(source, convs[next++], stride: 1, o),
                };
                if (term is not null) sum = sum is null ? term : sum.add(term, TorchConstants.One);
            }
            nodes[to] = sum ?? zeros_like(input);
        }
        return nodes[3];
    }

    private static Tensor ReluConvBn(Tensor x, Tensor weight, int stride, ForwardOptions o)
    {
        return o.BatchNorm(UnfoldConvolution.Conv2d(o.Relu(x), weight, stride, padding: weight.shape[^1] / 2));
    }
}
