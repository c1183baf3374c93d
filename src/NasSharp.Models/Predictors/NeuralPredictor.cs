using NasSharp.Encodings;
using TorchSharp.Modules;

namespace NasSharp.Predictors;

/// <summary>
/// NP (Wen et al. 2020): directed GCN layers over one cell, mean readout over the real nodes, and an MLP head
/// 144→128→1. Outputs one (normalised) score per graph. The hybrid readout concatenates the batch's architecture
/// features (<see cref="GraphBatch.ArchitectureFeatures"/>) to the mean before the head, 144 + F → 128 → 1.
/// </summary>
public sealed class NeuralPredictor : nn.Module<GraphBatch, Tensor>
{
    private readonly ModuleList<DirectedGcnLayer> layers = new();
    private readonly Linear hidden;
    private readonly Linear output;
    private readonly int features;

    /// <summary>
    /// Creates an NP for cells with <paramref name="nodeTypes"/> one-hot node features whose readout also takes
    /// <paramref name="features"/> architecture features (0: the plain NP).
    /// </summary>
    public NeuralPredictor(int nodeTypes, NpConfig config, int features = 0) : base(nameof(NeuralPredictor))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(features);
        this.features = features;
        for (int i = 0; i < config.Layers; i++)
            layers.Add(new DirectedGcnLayer(i == 0 ? nodeTypes : config.Hidden, config.Hidden, config.Dropout));
        hidden = nn.Linear(config.Hidden + features, config.HeadHidden);
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
        var readout = WithFeatures(MaskedMean(h, batch.NodeMask), batch, features);
        return output.call(F.relu(hidden.call(readout))).squeeze(-1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The hybrid readout: <paramref name="embedding"/> <c>[B, D]</c> with <paramref name="batch"/>'s architecture
    /// features appended, <c>[B, D + F]</c>; the embedding alone when the network takes no features (<paramref name="features"/> 0).
    /// </summary>
    /// <exception cref="ArgumentException">The batch lacks the features the network takes, or has another number of them.</exception>
    public static Tensor WithFeatures(Tensor embedding, GraphBatch batch, int features)
    {
        if (features == 0)
            return batch.ArchitectureFeatures is null ? embedding
                : throw new ArgumentException("The batch has architecture features, but this network's readout takes none.", nameof(batch));
        var x = batch.ArchitectureFeatures
            ?? throw new ArgumentException($"This network's readout takes {features} architecture features, and the batch has none.", nameof(batch));
        if (x.shape[1] != features)
            throw new ArgumentException($"This network's readout takes {features} architecture features; the batch has {x.shape[1]}.", nameof(batch));
        return cat([embedding, x.to_type(embedding.dtype)], 1);
    }

    /// <summary>Mean of <c>[B, N, D]</c> node features over the nodes where <paramref name="mask"/> is 1.</summary>
    public static Tensor MaskedMean(Tensor h, Tensor mask)
    {
        var m = mask.unsqueeze(-1);
        return (h * m).sum(1) / m.sum(1).clamp_min(TorchConstants.One);
    }
}
