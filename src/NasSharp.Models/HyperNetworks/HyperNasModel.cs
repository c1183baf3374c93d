using NasSharp.Encodings;
using NasSharp.Predictors;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.Training;
using TorchSharp.Modules;

namespace NasSharp.HyperNetworks;

/// <summary>
/// HyperNAS (§3.3–3.5) on NB201: the global-encoding predictor, a hypernetwork reading the same GCN's node features,
/// the NB201 target network the generated weights run, and the adaptive multi-task loss. Stem and classifier of the
/// target network are ordinary learned parameters shared by all architectures (our choice: they have no node in any
/// cell graph). <see cref="forward"/> is the predictor alone, so inference with the hypernetwork branch off costs
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
    private readonly Nb201TargetNetwork target;

    /// <summary>Creates the model; <paramref name="q"/> is the multi-task preference coefficient.</summary>
    public HyperNasModel(GlobalEncodingConfig encoding, HyperNetworkConfig hyperConfig, TargetNetworkConfig targetConfig, double q)
        : base(nameof(HyperNasModel))
    {
        var space = new Nb201Space();
        predictor = new GlobalEncodingPredictor(space, encoding);
        hyper = new HyperNetwork(encoding.Hidden, targetConfig.MaxChannels, hyperConfig);
        target = new Nb201TargetNetwork(targetConfig);
        stem = new Parameter(randn(targetConfig.Channels, 3, 3, 3) * Math.Sqrt(2.0 / 27));
        classifier = new Parameter(randn(targetConfig.Classes, targetConfig.MaxChannels) * Math.Sqrt(1.0 / targetConfig.MaxChannels));
        bias = new Parameter(zeros(targetConfig.Classes));
        objective = new AdaptiveMultiTaskLoss(tasks: 2, q);
        RegisterComponents();
    }

    /// <summary>Predicted (normalised) scores <c>[B]</c>.</summary>
    public override Tensor forward(GraphBatch cells) => predictor.call(cells);

    /// <summary>The adaptive multi-task loss (task 0: predictor MSE, task 1: target-network cross-entropy).</summary>
    public AdaptiveMultiTaskLoss Objective => objective;

    /// <summary>
    /// The convolution weights of <paramref name="cell"/>'s target network, generated from the node features of its
    /// one-graph batch <paramref name="graph"/>, in <see cref="Nb201TargetNetwork.Weights"/> order.
    /// </summary>
    public IReadOnlyList<Tensor> GenerateWeights(GraphBatch graph, Nb201Cell cell)
    {
        if (graph.Count != 1) throw new ArgumentException($"Weights are generated for one architecture at a time; got {graph.Count}.");
        var shapes = target.Weights(cell);
        var (cells, nodes) = predictor.Encode(graph);
        cells.Dispose();
        var perNode = nodes[0];
        var result = new Tensor[shapes.Count];
        foreach (int kernel in HyperNetwork.Kernels)
        {
            var which = Enumerable.Range(0, shapes.Count).Where(i => shapes[i].Kernel == kernel).ToArray();
            if (which.Length == 0) continue;
            // One MLP call for every node of this kernel size.
            var features = stack(which.Select(i => perNode[shapes[i].Position, shapes[i].Node]).ToArray());
            var raw = hyper.Head(hyper.call(features), kernel);
            for (int j = 0; j < which.Length; j++)
                result[which[j]] = HyperNetwork.Fit(raw[j], shapes[which[j]].Out, shapes[which[j]].In);
        }
        return result;
    }

    /// <summary>Target-network logits for <paramref name="images"/> with weights generated for <paramref name="cell"/>.</summary>
    public Tensor Logits(GraphBatch graph, Nb201Cell cell, Tensor images) =>
        target.Forward(images, cell, GenerateWeights(graph, cell), stem, classifier, bias);
}
