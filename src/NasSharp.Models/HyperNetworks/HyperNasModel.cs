using NasSharp.Encodings;
using NasSharp.Graphs;
using NasSharp.Predictors;
using NasSharp.SearchSpaces;
using NasSharp.Training;
using TorchSharp.Modules;

namespace NasSharp.HyperNetworks;

/// <summary>
/// HyperNAS (§3.3–3.5): the global-encoding predictor, a hypernetwork reading the same GCN's node features, the
/// space's target network that runs the generated weights, and the adaptive multi-task loss. Stem and classifier of
/// the target network are ordinary learned parameters shared by all architectures (our choice: they have no node in
/// any cell graph). <see cref="forward"/> is the predictor alone, so inference with the hypernetwork branch off costs
/// what HyperNAS-P costs.
/// </summary>
public sealed class HyperNasModel : nn.Module<GraphBatch, Tensor>
{
    private readonly GlobalEncodingPredictor predictor;
    private readonly HyperNetwork hyper;
    private readonly Parameter stem;
    private readonly Parameter classifier;
    private readonly Parameter bias;
    private readonly AdaptiveMultiTaskLoss objective;
    private readonly ITargetNetwork target;

    /// <summary>Creates the model for <paramref name="space"/>; <paramref name="q"/> is the multi-task preference coefficient.</summary>
    public HyperNasModel(ISearchSpace space, GlobalEncodingConfig encoding, HyperNetworkConfig hyperConfig, TargetNetworkConfig targetConfig, double q)
        : base(nameof(HyperNasModel))
    {
        target = TargetNetworks.Create(space, targetConfig);
        predictor = new GlobalEncodingPredictor(space, encoding);
        hyper = new HyperNetwork(encoding.Hidden, target.MaxChannels, hyperConfig);
        using (var stemScale = Math.Sqrt(2.0 / 27).ToScalar())
            stem = new Parameter(randn(target.StemChannels, 3, 3, 3).mul_(stemScale));
        using (var classifierScale = Math.Sqrt(1.0 / target.FinalChannels).ToScalar())
            classifier = new Parameter(randn(target.Classes, target.FinalChannels).mul_(classifierScale));
        bias = new Parameter(zeros(target.Classes));
        objective = new AdaptiveMultiTaskLoss(tasks: 2, q);
        RegisterComponents();
    }

    /// <summary>Predicted (normalised) scores <c>[B]</c>.</summary>
    public override Tensor forward(GraphBatch cells) => predictor.call(cells);

    /// <summary>The adaptive multi-task loss (task 0: the predictor loss, MSE by default; task 1: target-network cross-entropy).</summary>
    public AdaptiveMultiTaskLoss Objective => objective;

    /// <summary>The network the generated weights run.</summary>
    public ITargetNetwork Target => target;

    /// <summary>The target network's learned stem <c>[C, 3, 3, 3]</c>, classifier <c>[classes, C_final]</c> and bias.</summary>
    public (Tensor Stem, Tensor Classifier, Tensor Bias) SharedWeights => (stem, classifier, bias);

    /// <summary>One GCN pass: per-cell features <c>[B, cells, H]</c> and node features <c>[B, cells, N, H]</c>.</summary>
    public (Tensor Cells, Tensor Nodes) Encode(GraphBatch cells) => predictor.Encode(cells);

    /// <summary>Predicted (normalised) scores <c>[B]</c> from the per-cell features of <see cref="Encode"/> of <paramref name="cells"/>.</summary>
    public Tensor Score(Tensor cellFeatures, GraphBatch cells) => predictor.Score(cellFeatures, cells);

    /// <summary>
    /// The convolution weights of <paramref name="cell"/>'s target network, in <see cref="ITargetNetwork.Weights"/>
    /// order, generated from that architecture's node features <c>[cells, N, H]</c> (one row of <see cref="Encode"/>).
    /// </summary>
    public IReadOnlyList<Tensor> GenerateWeights(Tensor nodeFeatures, CellGraph cell)
    {
        var shapes = target.Weights(cell);
        var result = new Tensor[shapes.Count];
        foreach (int kernel in HyperNetwork.Kernels)
        {
            var which = Enumerable.Range(0, shapes.Count).Where(i => shapes[i].Kernel == kernel).ToArray();
            if (which.Length == 0) continue;
            // Eq. (7)–(8): one MLP call for every node of this kernel size.
            var features = stack(which.Select(i => nodeFeatures[shapes[i].Position, shapes[i].Node]).ToArray());
            var raw = hyper.Head(hyper.call(features), kernel);
            for (int j = 0; j < which.Length; j++)
                result[which[j]] = HyperNetwork.Fit(raw[j], shapes[which[j]].Out, shapes[which[j]].In);
        }
        return result;
    }

    /// <summary>The weights of the one architecture in <paramref name="graph"/> (a one-graph batch of <paramref name="cell"/>).</summary>
    public IReadOnlyList<Tensor> GenerateWeights(GraphBatch graph, CellGraph cell)
    {
        if (graph.Count != 1) throw new ArgumentException($"Weights are generated for one architecture at a time; got {graph.Count}.");
        var (cells, nodes) = Encode(graph);
        cells.Dispose();
        return GenerateWeights(nodes[0], cell);
    }

    /// <summary>Target-network logits for <paramref name="images"/> with weights generated from <paramref name="nodeFeatures"/>.</summary>
    public Tensor Logits(Tensor nodeFeatures, CellGraph cell, Tensor images) =>
        target.Forward(images, cell, GenerateWeights(nodeFeatures, cell), stem, classifier, bias);

    /// <summary>Target-network logits for <paramref name="images"/> with the generated weights of a one-graph batch.</summary>
    public Tensor Logits(GraphBatch graph, CellGraph cell, Tensor images) =>
        target.Forward(images, cell, GenerateWeights(graph, cell), stem, classifier, bias);
}
