using NasSharp.Encodings;
using TorchSharp.Modules;

namespace NasSharp.Predictors;

/// <summary>
/// NP (Wen et al. 2020): directed GCN layers over one cell, mean readout over the real nodes, and an MLP head
/// 144→128→1. Outputs one (normalised) score per graph.
/// </summary>
public sealed class NeuralPredictor : nn.Module<GraphBatch, Tensor>
{
    private readonly ModuleList<DirectedGcnLayer> layers = new();
    private readonly Linear hidden;
    private readonly Linear output;

    /// <summary>Creates an NP for cells with <paramref name="nodeTypes"/> one-hot node features.</summary>
    public NeuralPredictor(int nodeTypes, NpConfig config) : base(nameof(NeuralPredictor))
    {
        for (int i = 0; i < config.Layers; i++)
            layers.Add(new DirectedGcnLayer(i == 0 ? nodeTypes : config.Hidden, config.Hidden, config.Dropout));
        hidden = nn.Linear(config.Hidden, config.HeadHidden);
        output = nn.Linear(config.HeadHidden, 1);
        RegisterComponents();
    }

    /// <summary>Returns <c>[B]</c> scores.</summary>
    public override Tensor forward(GraphBatch batch)
    {
        using var scope = NewDisposeScope();
        var h = batch.Features;
        foreach (var layer in layers)
            h = layer.call(h, batch.ForwardAdjacency, batch.BackwardAdjacency);
        var readout = MaskedMean(h, batch.NodeMask);
        return output.call(F.relu(hidden.call(readout))).squeeze(-1).MoveToOuterDisposeScope();
    }

    /// <summary>Mean of <c>[B, N, D]</c> node features over the nodes where <paramref name="mask"/> is 1.</summary>
    public static Tensor MaskedMean(Tensor h, Tensor mask)
    {
        var m = mask.unsqueeze(-1);
        return (h * m).sum(1) / m.sum(1).clamp_min(TorchConstants.One);
    }
}
