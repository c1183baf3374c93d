using NasSharp.Encodings;
using NasSharp.HyperNetworks;
using NasSharp.Predictors;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NasSharp.Tests.HyperNetworks;

public class HyperNetworkTests
{
    private static readonly Nb201Space Space = new();

    [Theory]
    [InlineData(1, 4, 4)]
    [InlineData(1, 8, 3)]
    [InlineData(3, 8, 8)]
    [InlineData(3, 16, 8)]
    [InlineData(3, 5, 20)]
    [InlineData(1, 17, 9)]
    public void Fit_slices_or_tiles_to_every_layer_shape(int kernel, int outChannels, int inChannels)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(0);
        using var hyper = new HyperNetwork(features: 6, maxChannels: 8, new HyperNetworkConfig(Hidden: 5, Layers: 2));
        var raw = hyper.Head(hyper.call(randn(2, 6)), kernel);
        Assert.Equal(new long[] { 2, 8, 8, kernel, kernel }, raw.shape);
        var w = HyperNetwork.Fit(raw[1], outChannels, inChannels);
        Assert.Equal(new long[] { outChannels, inChannels, kernel, kernel }, w.shape);
        // every entry is the raw entry at (o mod 8, i mod 8): a leading block, tiled where the layer is larger.
        for (int o = 0; o < outChannels; o += 3)
            for (int i = 0; i < inChannels; i += 2)
                Assert.Equal(raw[1, o % 8, i % 8, 0, 0].item<float>(), w[o, i, 0, 0].item<float>());
        Assert.Throws<ArgumentException>(() => hyper.Head(hyper.call(randn(1, 6)), 5));
    }

    [Fact]
    public void Generated_weights_match_every_convolution_of_the_target_network()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(1);
        var target = new TargetNetworkConfig(Channels: 4, CellsPerStage: 2);
        using var model = new HyperNasModel(Space, new GlobalEncodingConfig(Hidden: 8, Layers: 2), new HyperNetworkConfig(Hidden: 8), target, q: 1.5);
        var network = new Nb201TargetNetwork(target);
        var rng = new Random(2);
        for (int k = 0; k < 10; k++)
        {
            var cell = Nb201Cell.Parse(Space.Sample(rng));
            using var graph = GraphBatch.Create([Nb201Space.Encode(cell)], Space.NodeTypes.Count, Space.MaxNodes);
            var shapes = network.Weights(Nb201Space.Encode(cell));
            var weights = model.GenerateWeights(graph, Nb201Space.Encode(cell));
            int convEdges = cell.OperationIndices.Count(o => Nb201TargetNetwork.KernelOf(o) is not null);
            Assert.Equal(2 * 3 + 3 * 2 * convEdges, shapes.Count);
            for (int i = 0; i < shapes.Count; i++)
                Assert.Equal(new long[] { shapes[i].Out, shapes[i].In, shapes[i].Kernel, shapes[i].Kernel }, weights[i].shape);
            var logits = model.Logits(graph, Nb201Space.Encode(cell), randn(3, 3, 8, 8));
            Assert.Equal(new long[] { 3, 10 }, logits.shape);
        }
    }

    [Fact]
    public void Cross_entropy_gradients_reach_the_shared_gcn_and_the_hypernetwork()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        using var model = new HyperNasModel(Space, new GlobalEncodingConfig(Hidden: 8, Layers: 2), new HyperNetworkConfig(Hidden: 8),
            new TargetNetworkConfig(Channels: 4, CellsPerStage: 1), q: 1.5);
        var cell = Nb201Cell.Parse("|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|");
        using var graph = GraphBatch.Create([Nb201Space.Encode(cell)], Space.NodeTypes.Count, Space.MaxNodes);
        var loss = nn.functional.cross_entropy(model.Logits(graph, Nb201Space.Encode(cell), randn(4, 3, 8, 8)), tensor(new long[] { 0, 1, 2, 3 }));
        loss.backward();
        var grads = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad);
        foreach (string name in new[] { "predictor.normal.embed.weight", "predictor.normal.layers.0.forwardWeight.weight",
                     "predictor.reduction.layers.1.backwardWeight.weight", "hyper.heads.k3.weight", "hyper.heads.k1.weight", "stem" })
        {
            Assert.True(grads[name] is not null, $"{name} has no gradient");
            Assert.True(grads[name]!.abs().sum().item<float>() > 0, $"{name} has a zero gradient ({grads[name]!.abs().sum().item<float>()})");
        }
        // the regressor is not on the cross-entropy path.
        Assert.True(grads["predictor.output.weight"] is null || grads["predictor.output.weight"]!.abs().sum().item<float>() == 0);
        Assert.All(grads.Values, g => Assert.True(g is null || g.isfinite().all().item<bool>()));
    }

    [Fact]
    public void Unfold_convolution_equals_conv2d_with_finite_gradients()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(6);
        foreach (var (stride, kernel) in new[] { (1, 3), (2, 3), (1, 1) })
            for (int trial = 0; trial < 20; trial++)
            {
                var x = randn(4, 3, 8, 8).requires_grad_();
                var w = randn(5, 3, kernel, kernel).requires_grad_();
                var y = UnfoldConvolution.Conv2d(x, w, stride, kernel / 2);
                Assert.True(y.allclose(nn.functional.conv2d(x, w, strides: [stride, stride], padding: [kernel / 2, kernel / 2]), 1e-4, 1e-5));
                y.square().sum().backward();
                Assert.True(x.grad!.isfinite().all().item<bool>() && w.grad!.isfinite().all().item<bool>());
            }
        Assert.Throws<ArgumentException>(() => UnfoldConvolution.Conv2d(randn(1, 2, 4, 4), randn(1, 3, 1, 1)));
    }

    [Fact]
    public void Multi_task_loss_equals_its_formula_and_is_liebel_koerner_at_q_1()
    {
        using var scope = NewDisposeScope();
        using var loss = new AdaptiveMultiTaskLoss(2, q: 1.5);
        var l = new[] { tensor(0.8f), tensor(2.0f) };
        double expected = Math.Pow(0.8, 1.5) / 2 + Math.Log(2) + Math.Pow(2.0, 1.5) / 2 + Math.Log(2);
        Assert.Equal(expected, loss.call(l).item<float>(), 5);

        using var lk = new AdaptiveMultiTaskLoss(2, q: 1);
        using (no_grad()) lk.parameters().Single().copy_(tensor(new float[] { 0.5f, 2f }));
        double liebelKoerner = 0.8 / (2 * 0.25) + Math.Log(1.25) + 2.0 / (2 * 4) + Math.Log(5);
        Assert.Equal(liebelKoerner, lk.call(l).item<float>(), 5);
        Assert.Equal(new[] { 0.5f, 2f }, lk.Sigmas);

        var total = lk.call(l);
        total.backward();
        // dL/dσ_t = −L_t/σ_t³ + 2σ_t/(1 + σ_t²)
        var g = lk.parameters().Single().grad!.data<float>().ToArray();
        Assert.Equal(-0.8 / 0.125 + 1 / 1.25, g[0], 4);
        Assert.Equal(-2.0 / 8 + 4 / 5.0, g[1], 4);
        Assert.Throws<ArgumentException>(() => new AdaptiveMultiTaskLoss(2, q: 0));
        Assert.Throws<ArgumentException>(() => lk.call([tensor(1f)]));
    }
}
