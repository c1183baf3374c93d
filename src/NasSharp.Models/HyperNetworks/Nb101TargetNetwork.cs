using NasSharp.Graphs;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb101;

namespace NasSharp.HyperNetworks;

/// <summary>
/// The NAS-Bench-101 network run functionally with supplied weights (HyperNAS §3.4), laid out as nasbench's
/// <c>model_builder</c> lays it out: stem 3×3 conv-BN-ReLU with C channels, three stacks of cells, a 2×2 max pool
/// before stacks 2 and 3 (the first cell after it doubles the channels), global average pooling and a linear
/// classifier. Inside a cell the output channels are split among the vertices feeding the output; other vertices take
/// the widest of their successors, and an edge into a narrower vertex keeps only its first channels ("truncate"). The
/// cell input reaches a vertex through a 1×1 conv-BN-ReLU projection to that vertex's width; inputs of a vertex are
/// summed, the vertices feeding the output are concatenated, and a projected input is added when input→output. Every
/// BatchNorm uses batch statistics and has no generated parameters; every convolution is bias-free as in nasbench.
/// </summary>
/// <remarks>
/// Node assignment (which GCN node feature generates a weight): a vertex's operation and the projection into it
/// belong to that vertex; the projection into the output belongs to the output node. Giving projections to the
/// receiving vertex rather than the input node keeps them distinct (the input node would generate the same tensor,
/// sliced differently, for every projection of a cell) and lets the output node, which has no operation, carry the
/// one weight it controls. Nodes number the vertices of the pruned cell, as <see cref="Nb101Space.Encode(Nb101Cell)"/> does.
/// </remarks>
public sealed class Nb101TargetNetwork : ITargetNetwork
{
    /// <summary>Cells per stack in NB101 and in <see cref="Nb101Space.Skeleton"/>; the target network may use fewer.</summary>
    public const int CellsPerStack = 3;

    /// <summary>Smallest C: a cell can split its output among 4 vertices, and each needs at least one channel.</summary>
    public const int MinChannels = 4;

    private const int Stacks = 3;
    private static readonly IReadOnlyList<string> NodeTypes = new Nb101Space().NodeTypes;
    private readonly TargetNetworkConfig config;

    /// <summary>Creates the network layout for <paramref name="config"/> (CellsPerStage 1..3, Channels ≥ 4).</summary>
    /// <exception cref="ArgumentException">A field of <paramref name="config"/> is out of range.</exception>
    public Nb101TargetNetwork(TargetNetworkConfig config)
    {
        config.Validate();
        if (config.CellsPerStage > CellsPerStack)
            throw new ArgumentException($"CellsPerStage must be 1..{CellsPerStack} for NB101 (its skeleton has {CellsPerStack} cells per stack), got {config.CellsPerStage}.");
        if (config.Channels < MinChannels)
            throw new ArgumentException($"Channels must be at least {MinChannels} for NB101 (a cell can split its output among {MinChannels} vertices), got {config.Channels}.");
        this.config = config;
    }

    /// <inheritdoc/>
    public int StemChannels => config.Channels;

    /// <inheritdoc/>
    public int FinalChannels => 4 * config.Channels;

    /// <summary>
    /// 4C: no vertex is wider than its cell's output, and the widest cell input and output are those of the last stack.
    /// </summary>
    public int MaxChannels => 4 * config.Channels;

    /// <inheritdoc/>
    public int Classes => config.Classes;

    /// <summary>Skeleton position of cell <paramref name="cell"/> of stack <paramref name="stack"/> (positions 3 and 7 are the max-pool reductions).</summary>
    public static int Position(int stack, int cell) => stack * (CellsPerStack + 1) + cell;

    /// <summary>Kernel side of an NB101 operation that has weights, or null for <c>maxpool3x3</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="operation"/> is not an inner NB101 operation.</exception>
    public static int? KernelOf(string operation) => operation switch
    {
        "conv3x3-bn-relu" => 3,
        "conv1x1-bn-relu" => 1,
        "maxpool3x3" => null,
        _ => throw new ArgumentException($"'{operation}' is not an inner NB101 operation; expected one of {string.Join(", ", Nb101Cell.Operations)}."),
    };

    /// <summary>The NB101 cell of an ops-on-nodes graph from <see cref="Nb101Space.Encode(Nb101Cell)"/>.</summary>
    /// <exception cref="ArgumentException">A node type is outside the NB101 vocabulary.</exception>
    public static Nb101Cell CellOf(CellGraph graph)
    {
        var labels = new string[graph.NodeCount];
        for (int v = 0; v < labels.Length; v++)
        {
            int type = graph.NodeTypes[v];
            if (type < 0 || type >= NodeTypes.Count)
                throw new ArgumentException($"Node {v} has type {type}; NB101 node types are 0..{NodeTypes.Count - 1}.");
            labels[v] = NodeTypes[type];
        }
        return new Nb101Cell(graph.Adjacency.ToArray(), labels);
    }

    /// <summary>
    /// Output channels of every vertex of <paramref name="cell"/> (nasbench's rule): the input keeps
    /// <paramref name="inputChannels"/>, the output has <paramref name="outputChannels"/>, split evenly among the
    /// vertices feeding it (the first ones get one extra channel when it does not divide), and every other vertex takes
    /// the widest of its successors.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer output channels than vertices feeding the output.</exception>
    public static int[] VertexChannels(Nb101Cell cell, int inputChannels, int outputChannels)
    {
        int n = cell.VertexCount, output = n - 1;
        var channels = new int[n];
        channels[0] = inputChannels;
        channels[output] = outputChannels;
        int feeders = Enumerable.Range(1, n - 2).Count(v => cell.HasEdge(v, output));
        if (feeders == 0) return channels;  // only input→output: the cell is one projection
        if (outputChannels < feeders)
            throw new ArgumentException($"{outputChannels} output channels cannot be split among the {feeders} vertices feeding the output of '{cell}'.");
        int extra = outputChannels % feeders;
        for (int v = 1; v < output; v++)
        {
            if (!cell.HasEdge(v, output)) continue;
            channels[v] = outputChannels / feeders + (extra > 0 ? 1 : 0);
            extra = Math.Max(extra - 1, 0);
        }
        // Back to front, so successors are set; taking their maximum means an edge only ever drops channels (truncate).
        for (int v = output - 1; v > 0; v--)
        {
            if (cell.HasEdge(v, output)) continue;
            for (int w = v + 1; w < output; w++)
                if (cell.HasEdge(v, w)) channels[v] = Math.Max(channels[v], channels[w]);
        }
        return channels;
    }

    /// <summary>
    /// Every convolution weight the network of <paramref name="cell"/> needs, in the order <see cref="Forward(Tensor, Nb101Cell, IReadOnlyList{Tensor}, Tensor, Tensor, Tensor, ForwardOptions)"/>
    /// consumes them: stack by stack, cell by cell, vertex by vertex the projection from the input (if input→vertex,
    /// 1×1) then the vertex's convolution (if it is not a max pool), and last the input→output projection (1×1). The cell
    /// is validated and pruned first.
    /// </summary>
    /// <exception cref="ArchitectureFormatException"><paramref name="cell"/> is not in the NB101 space.</exception>
    public IReadOnlyList<ConvWeight> Weights(Nb101Cell cell)
    {
        var pruned = cell.Validate();
        int output = pruned.VertexCount - 1;
        var list = new List<ConvWeight>();
        foreach (var layout in Layout())
        {
            var channels = VertexChannels(pruned, layout.In, layout.Out);
            for (int v = 1; v < output; v++)
            {
                if (pruned.HasEdge(0, v)) list.Add(new ConvWeight(layout.Position, v, channels[v], layout.In, 1));
                if (KernelOf(pruned.Labels[v]) is int kernel) list.Add(new ConvWeight(layout.Position, v, channels[v], channels[v], kernel));
            }
            if (pruned.HasEdge(0, output)) list.Add(new ConvWeight(layout.Position, output, layout.Out, layout.In, 1));
        }
        return list;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ConvWeight> Weights(CellGraph cell) => Weights(CellOf(cell));

    /// <summary>
    /// Logits <c>[B, classes]</c> for <paramref name="images"/> <c>[B, 3, S, S]</c>. <paramref name="convs"/> follow
    /// <see cref="Weights(Nb101Cell)"/> in order and shape; <paramref name="stem"/> is <c>[C, 3, 3, 3]</c>,
    /// <paramref name="classifier"/> <c>[classes, 4C]</c> with <paramref name="bias"/> <c>[classes]</c>;
    /// <paramref name="options"/> as in <see cref="ITargetNetwork"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong number or shape of convolution weights.</exception>
    public Tensor Forward(Tensor images, Nb101Cell cell, IReadOnlyList<Tensor> convs, Tensor stem, Tensor classifier, Tensor bias,
        ForwardOptions? options = null)
    {
        var o = options ?? ForwardOptions.Training;
        var pruned = cell.Validate();
        var shapes = Weights(pruned);
        if (convs.Count != shapes.Count)
            throw new ArgumentException($"The network of '{pruned}' needs {shapes.Count} convolution weights, got {convs.Count}.");
        for (int i = 0; i < shapes.Count; i++)
        {
            long[] expected = [shapes[i].Out, shapes[i].In, shapes[i].Kernel, shapes[i].Kernel];
            if (!convs[i].shape.SequenceEqual(expected))
                throw new ArgumentException($"Convolution weight {i} ({shapes[i]}) of '{pruned}' must be [{string.Join(", ", expected)}], got [{string.Join(", ", convs[i].shape)}].");
        }
        using var scope = NewDisposeScope();
        int next = 0;
        var x = o.Relu(o.BatchNorm(UnfoldConvolution.Conv2d(images, stem, padding: 1)));
        foreach (var layout in Layout())
        {
            // ceil_mode matches TensorFlow's 'same' 2×2 pooling on odd sizes (the extra row and column are pooled alone).
            if (layout.Downsample) x = F.max_pool2d(x, [2, 2], [2, 2], ceil_mode: true);
            x = Cell(x, pruned, VertexChannels(pruned, layout.In, layout.Out), convs, ref next, o);
        }
        return F.linear(x.mean([2, 3]), classifier, bias).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public Tensor Forward(Tensor images, CellGraph cell, IReadOnlyList<Tensor> convs, Tensor stem, Tensor classifier, Tensor bias,
        ForwardOptions? options = null) =>
        Forward(images, CellOf(cell), convs, stem, classifier, bias, options);

    /// <summary>Every searched cell in network order: its position, input and output channels, and whether a max pool precedes it.</summary>
    private IEnumerable<(int Position, int In, int Out, bool Downsample)> Layout()
    {
        int c = config.Channels;
        for (int stack = 0; stack < Stacks; stack++)
        {
            int input = c;
            if (stack > 0) c *= 2;
            for (int k = 0; k < config.CellsPerStage; k++)
                yield return (Position(stack, k), k == 0 ? input : c, c, stack > 0 && k == 0);
        }
    }

    private static Tensor Cell(Tensor input, Nb101Cell cell, int[] channels, IReadOnlyList<Tensor> convs, ref int next, ForwardOptions o)
    {
        int output = cell.VertexCount - 1;
        var vertices = new Tensor[output];
        var toOutput = new List<Tensor>();
        for (int v = 1; v < output; v++)
        {
            var terms = new List<Tensor>();
            for (int u = 1; u < v; u++)
                if (cell.HasEdge(u, v)) terms.Add(vertices[u].narrow(1, 0, channels[v]));
            if (cell.HasEdge(0, v)) terms.Add(ConvBnRelu(input, convs[next++], o));
            var sum = terms.Aggregate((a, b) => a.add(b, TorchConstants.One));
            vertices[v] = KernelOf(cell.Labels[v]) is null
                ? F.max_pool2d(sum, [3, 3], [1, 1], [1, 1])
                : ConvBnRelu(sum, convs[next++], o);
            if (cell.HasEdge(v, output)) toOutput.Add(vertices[v]);
        }
        var projected = cell.HasEdge(0, output) ? ConvBnRelu(input, convs[next++], o) : null;
        if (toOutput.Count == 0)
            return projected ?? throw new InvalidOperationException($"Pruned cell '{cell}' has no path to its output.");
        var concatenated = toOutput.Count == 1 ? toOutput[0] : cat(toOutput, 1);
        return projected is null ? concatenated : concatenated.add(projected, TorchConstants.One);
    }

    private static Tensor ConvBnRelu(Tensor x, Tensor weight, ForwardOptions o) =>
        o.Relu(o.BatchNorm(UnfoldConvolution.Conv2d(x, weight, padding: weight.shape[^1] / 2)));
}
