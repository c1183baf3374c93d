using NasSharp.Encodings;
using NasSharp.Graphs;
using NasSharp.SearchSpaces;
using TorchSharp.Modules;

namespace NasSharp.Predictors;

/// <summary>
/// HyperNAS-P (HyperNAS §3.3): the whole macro-architecture is encoded cell by cell along the space's skeleton, normal
/// cells by one GCN and reduction cells by another; each cell sees the previous cell's pooled feature (cell
/// connectivity), and the cell features are aggregated into one embedding that a regressor maps to the score. The
/// hybrid readout appends the batch's architecture features (<see cref="GraphBatch.ArchitectureFeatures"/>) to that
/// embedding before the regressor.
/// </summary>
public sealed class GlobalEncodingPredictor : nn.Module<GraphBatch, Tensor>
{
    private readonly CellEncoder normal;
    private readonly CellEncoder reduction;
    private readonly Linear hidden;
    private readonly Linear output;
    private readonly Parameter? positions;
    private readonly IReadOnlyList<CellKind> skeleton;
    private readonly CellGraph? fixedReductionCell;
    private readonly int nodeTypes;
    private readonly int maxNodes;
    private GraphBatch? fixedReduction;
    private readonly GlobalEncodingConfig config;
    private readonly int features;

    /// <summary>
    /// Creates the predictor for <paramref name="space"/>'s node types, skeleton and reduction block, whose readout also
    /// takes <paramref name="features"/> architecture features (0: the paper's HyperNAS-P).
    /// </summary>
    public GlobalEncodingPredictor(ISearchSpace space, GlobalEncodingConfig config, int features = 0) : base(nameof(GlobalEncodingPredictor))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(features);
        this.config = config;
        this.features = features;
        skeleton = space.Skeleton.Cells;
        int types = space.NodeTypes.Count;
        normal = new CellEncoder(types, config.Hidden, config.Layers, config.Dropout);
        reduction = new CellEncoder(types, config.Hidden, config.Layers, config.Dropout);
        int embedding = config.Aggregation == CellAggregation.Concatenate ? config.Hidden * skeleton.Count : config.Hidden;
        hidden = nn.Linear(embedding + features, config.HeadHidden);
        output = nn.Linear(config.HeadHidden, 1);
        if (config.Context == InterCellContext.PositionEmbedding)
        {
            using var scale = 0.1.ToScalar();
            positions = new Parameter(randn(skeleton.Count, config.Hidden).mul_(scale));
        }
        fixedReductionCell = space.FixedReductionCell;
        nodeTypes = types;
        maxNodes = space.MaxNodes;
        RegisterComponents();
    }

    /// <summary>Per-cell pooled features z_i, <c>[B, cells, H]</c>, for the searched cells in <paramref name="cells"/>.</summary>
    public Tensor CellFeatures(GraphBatch cells)
    {
        var (z, nodes) = Encode(cells);
        nodes.Dispose();
        return z;
    }

    /// <summary>
    /// Encodes every cell of the skeleton: pooled cell features <c>[B, cells, H]</c> and node features
    /// <c>[B, cells, N, H]</c> (the hypernetwork's input).
    /// </summary>
    public (Tensor Cells, Tensor Nodes) Encode(GraphBatch cells)
    {
        using var scope = NewDisposeScope();
        long b = cells.Count;
        using var block = FixedReduction(cells.Features)?.To(cells.Features.dtype);
        using var reductionCells = block?.Broadcast(b);
        var z = zeros([b, config.Hidden], dtype: cells.Features.dtype, device: cells.Features.device);
        var features = new List<Tensor>(skeleton.Count);
        var nodes = new List<Tensor>(skeleton.Count);
        for (int i = 0; i < skeleton.Count; i++)
        {
            bool isNormal = skeleton[i] == CellKind.Normal;
            var graph = isNormal ? cells : reductionCells ?? cells;
            // Eq. (2): the previous cell's feature is the context of this one; the ablation uses a position embedding.
            var context = positions is null ? z : positions[i].expand(b, -1);
            var h = (isNormal ? normal : reduction).call(graph, context);
            z = NeuralPredictor.MaskedMean(h, graph.NodeMask);
            features.Add(z);
            nodes.Add(h);
        }
        return (stack(features, 1).MoveToOuterDisposeScope(), stack(nodes, 1).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The fixed reduction block as a one-graph batch on the device of <paramref name="features"/> (null when the space
    /// has none). It is no parameter, so moving the module does not move it; it is rebuilt when the device changes.
    /// </summary>
    private GraphBatch? FixedReduction(Tensor features)
    {
        if (fixedReductionCell is null) return null;
        if (fixedReduction is { } cached && cached.Features.device_type == features.device_type && cached.Features.device_index == features.device_index)
            return cached;
        fixedReduction?.Dispose();
        var block = GraphBatch.Create([fixedReductionCell], nodeTypes, maxNodes, features.device);
        // Kept across calls, so it must outlive the caller's dispose scope.
        foreach (var t in new[] { block.Features, block.ForwardAdjacency, block.BackwardAdjacency, block.NodeMask }) t.DetachFromDisposeScope();
        fixedReduction = block;
        return fixedReduction;
    }

    /// <summary>Returns <c>[B]</c> scores.</summary>
    public override Tensor forward(GraphBatch cells)
    {
        using var scope = NewDisposeScope();
        return Score(CellFeatures(cells), cells).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Scores <c>[B]</c> from per-cell features <c>[B, cells, H]</c> (as returned by <see cref="Encode"/>) and, for the
    /// hybrid readout, the architecture features of <paramref name="cells"/>, the batch they were encoded from.
    /// </summary>
    /// <exception cref="ArgumentException">The batch lacks the architecture features the readout takes.</exception>
    public Tensor Score(Tensor cellFeatures, GraphBatch cells)
    {
        using var scope = NewDisposeScope();
        // Eq. (5): the global embedding aggregates the cell features.
        var global = config.Aggregation switch
        {
            CellAggregation.Sum => cellFeatures.sum(1),
            CellAggregation.Mean => cellFeatures.mean([1]),
            _ => cellFeatures.flatten(1),
        };
        var readout = NeuralPredictor.WithFeatures(global, cells, features);
        return output.call(F.relu(hidden.call(readout))).squeeze(-1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) fixedReduction?.Dispose();
        base.Dispose(disposing);
    }
}
