using NasSharp.Encodings;
using TorchSharp.Modules;

namespace NasSharp.Predictors;

/// <summary>
/// One GCN of the global encoding: a linear embedding of the one-hot node types, plus a per-cell context vector
/// added to every node, then directed GCN layers (HyperNAS §3.3, Eq. 1–2). Returns node features <c>[B, N, H]</c>.
/// </summary>
public sealed class CellEncoder : nn.Module<GraphBatch, Tensor, Tensor>
{
    private readonly Linear embed;
    private readonly ModuleList<DirectedGcnLayer> layers = new();

    /// <summary>Creates an encoder for <paramref name="nodeTypes"/> one-hot features.</summary>
    public CellEncoder(int nodeTypes, int hidden, int depth, double dropout) : base(nameof(CellEncoder))
    {
        embed = nn.Linear(nodeTypes, hidden, hasBias: false);
        for (int i = 0; i < depth; i++) layers.Add(new DirectedGcnLayer(hidden, hidden, dropout));
        RegisterComponents();
    }

    /// <summary><paramref name="context"/> is <c>[B, H]</c> and is added to every node before the first layer.</summary>
    public override Tensor forward(GraphBatch cells, Tensor context)
    {
        using var scope = NewDisposeScope();
        var h = embed.call(cells.Features).add(context.unsqueeze(1), TorchConstants.One);
        foreach (var layer in layers) h = layer.call(h, cells.ForwardAdjacency, cells.BackwardAdjacency);
        return h.MoveToOuterDisposeScope();
    }
}
