using NasSharp.HyperNetworks;
using NasSharp.SearchSpaces.Nb101;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace NasSharp.Tests.HyperNetworks;

public class Nb101TargetNetworkTests
{
    // Rows of nb101_subset10k.csv (padded 7×7 adjacency, ops, trainable parameters of nasbench's 128-channel network).
    private const string InputOutputOnly = "0100000000000000000000000000000000000000000000000:input|output";
    private const string TwoConvsAndInputToOutput = "0111000000100000010000000000000000000000000000000:input|conv3x3-bn-relu|conv3x3-bn-relu|output";
    private const string MaxPoolChainAndInputToOutput =
        "0100011001000100010000000100000001000000010000000:input|conv1x1-bn-relu|maxpool3x3|maxpool3x3|conv1x1-bn-relu|maxpool3x3|output";
    private const string MaxPoolTruncatedIntoTwo = "0111100001110000010000000100000000000000000000000:input|maxpool3x3|conv3x3-bn-relu|conv3x3-bn-relu|output";
    private const string FourOutputFeeders =
        "0101100001000100000010000001000001000000010000000:input|conv1x1-bn-relu|conv1x1-bn-relu|conv3x3-bn-relu|conv3x3-bn-relu|maxpool3x3|output";

    [Theory]
    [InlineData(InputOutputOnly)]
    [InlineData(TwoConvsAndInputToOutput)]
    [InlineData(MaxPoolChainAndInputToOutput)]
    [InlineData(MaxPoolTruncatedIntoTwo)]
    [InlineData(FourOutputFeeders)]
    public void Functional_network_equals_a_module_reference_with_the_same_weights(string arch)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(11);
        var cell = Nb101Space.ParseValid(arch);
        // C = 5 makes uneven splits, so the truncated edges carry one channel fewer than their source.
        var network = new Nb101TargetNetwork(new TargetNetworkConfig(Channels: 5, CellsPerStage: 2, Classes: 10));
        using var reference = new ReferenceNetwork(cell, channels: 5, cellsPerStage: 2, classes: 10);
        // Float64 so the comparison of unfold and native convolutions is tight even after BatchNorm rescales.
        var images = randn(3, 3, 8, 8, dtype: ScalarType.Float64);
        Tensor expected, actual;
        using (no_grad())
        {
            expected = reference.Forward(images);
            actual = network.Forward(images, cell, reference.Convolutions, reference.Stem.weight!, reference.Classifier.weight!, reference.Classifier.bias!);
        }
        Assert.Equal(new long[] { 3, 10 }, actual.shape);
        double gap = (actual - expected).abs().max().item<double>();
        Assert.True(gap < 1e-9, $"functional and reference logits differ by {gap}");
    }

    [Theory]
    [InlineData("0100001000010000", 16, 8, "16,8,8,8")]
    [InlineData("0110000100010000", 8, 15, "8,8,7,15")]
    [InlineData("0111000001000010000100000", 8, 8, "8,3,3,2,8")]
    [InlineData("0111000001000010000100000", 8, 15, "8,5,5,5,15")]
    [InlineData("0100000110000010000100000", 8, 9, "8,5,5,4,9")]
    [InlineData("0101000101000100000100000", 8, 15, "8,8,7,7,15")]
    [InlineData("0100", 5, 1, "5,1")]
    public void Vertex_channels_follow_the_nasbench_rule(string bits, int input, int output, string expected)
    {
        // The cases of nasbench's model_builder tests: even and uneven splits, and vertices taking their widest successor.
        int n = (int)Math.Sqrt(bits.Length);
        var labels = Enumerable.Range(0, n).Select(v => v == 0 ? "input" : v == n - 1 ? "output" : "conv3x3-bn-relu");
        var cell = Nb101Space.ParseValid($"{bits}:{string.Join('|', labels)}");
        Assert.Equal(expected, string.Join(',', Nb101TargetNetwork.VertexChannels(cell, input, output)));
    }

    [Fact]
    public void Weights_list_projections_ops_and_the_output_projection_per_cell()
    {
        var network = new Nb101TargetNetwork(new TargetNetworkConfig(Channels: 4, CellsPerStage: 1));
        var weights = network.Weights(Nb101Space.ParseValid(TwoConvsAndInputToOutput));
        // Per vertex: projection of the input (1×1), then its 3×3; last the input→output projection on node 3.
        ConvWeight[] expected =
        [
            new(0, 1, 2, 4, 1), new(0, 1, 2, 2, 3), new(0, 2, 2, 4, 1), new(0, 2, 2, 2, 3), new(0, 3, 4, 4, 1),
            new(4, 1, 4, 4, 1), new(4, 1, 4, 4, 3), new(4, 2, 4, 4, 1), new(4, 2, 4, 4, 3), new(4, 3, 8, 4, 1),
            new(8, 1, 8, 8, 1), new(8, 1, 8, 8, 3), new(8, 2, 8, 8, 1), new(8, 2, 8, 8, 3), new(8, 3, 16, 8, 1),
        ];
        Assert.Equal(expected, weights);
    }

    [Fact]
    public void Weights_of_a_split_output_with_truncation_and_max_pools()
    {
        var network = new Nb101TargetNetwork(new TargetNetworkConfig(Channels: 5, CellsPerStage: 2));
        var cell = Nb101Space.ParseValid(MaxPoolChainAndInputToOutput);
        // Vertices 1 and 5 feed the output: 5 channels split 3 + 2; vertices 2–4 take their successor's 2.
        Assert.Equal([5, 3, 2, 2, 2, 2, 5], Nb101TargetNetwork.VertexChannels(cell, 5, 5));
        var weights = network.Weights(cell);
        ConvWeight[] firstCell = [new(0, 1, 3, 5, 1), new(0, 1, 3, 3, 1), new(0, 4, 2, 2, 1), new(0, 5, 2, 5, 1), new(0, 6, 5, 5, 1)];
        Assert.Equal(firstCell, weights.Take(5));
        Assert.Equal(6 * 5, weights.Count);
        // The first cell of stack 2 reads 5 channels and writes 10 (split 5 + 5); the second reads 10.
        Assert.Equal([new(4, 1, 5, 5, 1), new(4, 1, 5, 5, 1), new(4, 4, 5, 5, 1), new(4, 5, 5, 5, 1), new(4, 6, 10, 5, 1)], weights.Skip(10).Take(5));
        Assert.Equal(new ConvWeight(5, 6, 10, 10, 1), weights[19]);
        Assert.Equal(new ConvWeight(9, 6, 20, 20, 1), weights[^1]);
        Assert.All(weights, w => Assert.True(w.Out <= network.MaxChannels && w.In <= network.MaxChannels));
    }

    [Theory]
    [InlineData(InputOutputOnly, 882570)]
    [InlineData("0110000001000000010000000000000000000000000000000:input|maxpool3x3|maxpool3x3|output", 1756298)]
    [InlineData(TwoConvsAndInputToOutput, 6406538)]
    [InlineData(MaxPoolChainAndInputToOutput, 2277770)]
    [InlineData(MaxPoolTruncatedIntoTwo, 6843402)]
    [InlineData(FourOutputFeeders, 1959754)]
    [InlineData("0101011001000000010000000100000001000000010000000:input|conv1x1-bn-relu|maxpool3x3|maxpool3x3|maxpool3x3|maxpool3x3|output", 4541322)]
    public void Nasbench_sized_network_has_the_benchmark_parameter_count(string arch, long parameters)
    {
        // nasbench's network: C = 128, 3 cells per stack; each convolution has a BatchNorm with scale and offset.
        var network = new Nb101TargetNetwork(new TargetNetworkConfig(Channels: 128, CellsPerStage: 3, Classes: 10));
        long convolutions = network.Weights(Nb101Space.ParseValid(arch)).Sum(w => (long)w.Out * w.In * w.Kernel * w.Kernel + 2 * w.Out);
        long stem = 128 * 3 * 3 * 3 + 2 * 128, classifier = 4 * 128 * 10 + 10;
        Assert.Equal(parameters, convolutions + stem + classifier);
    }

    [Fact]
    public void Graph_overloads_match_the_cell_and_gradients_reach_every_weight()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(5);
        var space = new Nb101Space();
        var cell = Nb101Space.ParseValid(MaxPoolTruncatedIntoTwo);
        var network = new Nb101TargetNetwork(new TargetNetworkConfig(Channels: 4, CellsPerStage: 1, Classes: 7));
        Assert.Equal(network.Weights(cell), network.Weights(space.Encode(cell)));
        var convs = network.Weights(cell).Select(w => (randn(w.Out, w.In, w.Kernel, w.Kernel) * 0.3).requires_grad_()).ToArray();
        var stem = randn(4, 3, 3, 3).requires_grad_();
        var classifier = randn(7, network.FinalChannels).requires_grad_();
        var bias = zeros(7).requires_grad_();
        var images = randn(2, 3, 8, 8);
        var logits = network.Forward(images, space.Encode(cell), convs, stem, classifier, bias);
        Assert.Equal(new long[] { 2, 7 }, logits.shape);
        Assert.True(logits.allclose(network.Forward(images, cell, convs, stem, classifier, bias)));
        F.cross_entropy(logits, tensor(new long[] { 0, 6 })).backward();
        foreach (var w in convs.Append(stem).Append(classifier))
            Assert.True(w.grad is not null && w.grad.abs().sum().item<float>() > 0 && w.grad.isfinite().all().item<bool>());
    }

    [Fact]
    public void Wrong_weights_or_sizes_are_clear_argument_errors()
    {
        using var scope = NewDisposeScope();
        var network = new Nb101TargetNetwork(new TargetNetworkConfig(Channels: 4, CellsPerStage: 1));
        var cell = Nb101Space.ParseValid(TwoConvsAndInputToOutput);
        var convs = network.Weights(cell).Select(w => randn(w.Out, w.In, w.Kernel, w.Kernel)).ToList();
        var (images, stem, classifier, bias) = (randn(2, 3, 8, 8), randn(4, 3, 3, 3), randn(10, 16), zeros(10));

        var missing = Assert.Throws<ArgumentException>(() => network.Forward(images, cell, convs.Skip(1).ToList(), stem, classifier, bias));
        Assert.Contains("needs 15 convolution weights, got 14", missing.Message);
        convs[1] = randn(2, 2, 1, 1);
        var shape = Assert.Throws<ArgumentException>(() => network.Forward(images, cell, convs, stem, classifier, bias));
        Assert.Contains("must be [2, 2, 3, 3], got [2, 2, 1, 1]", shape.Message);
        Assert.Contains("CellsPerStage must be 1..3", Assert.Throws<ArgumentException>(() =>
            new Nb101TargetNetwork(new TargetNetworkConfig(Channels: 4, CellsPerStage: 5))).Message);
        Assert.Contains("Channels must be at least 4", Assert.Throws<ArgumentException>(() =>
            new Nb101TargetNetwork(new TargetNetworkConfig(Channels: 3, CellsPerStage: 3))).Message);
    }

    /// <summary>
    /// nasbench's model_builder rewritten independently from its description with nn modules (native conv2d, forward
    /// only). Convolutions are created per vertex; <see cref="Convolutions"/> hands their weights over in the order the
    /// functional network documents.
    /// </summary>
    private sealed class ReferenceNetwork : IDisposable
    {
        private readonly Nb101Cell cell;
        private readonly List<ReferenceCell> cells = [];
        private readonly List<nn.Module> modules = [];

        public ReferenceNetwork(Nb101Cell cell, int channels, int cellsPerStage, int classes)
        {
            this.cell = cell;
            Stem = Conv(3, channels, 3);
            int c = channels;
            for (int stack = 0; stack < 3; stack++)
            {
                int input = c;
                if (stack > 0) c *= 2;
                for (int k = 0; k < cellsPerStage; k++)
                    cells.Add(Build(k == 0 ? input : c, c, downsample: stack > 0 && k == 0));
            }
            Classifier = nn.Linear(c, classes, dtype: ScalarType.Float64);
            modules.Add(Classifier);
        }

        public Conv2d Stem { get; }

        public Linear Classifier { get; }

        public IReadOnlyList<Tensor> Convolutions => cells.SelectMany(m => m.Order).Select(conv => (Tensor)conv.weight!).ToList();

        public Tensor Forward(Tensor images)
        {
            var x = BnRelu(Stem.call(images));
            foreach (var m in cells)
            {
                if (m.Downsample) x = F.max_pool2d(x, kernel_size: 2);
                x = m.Forward(x, cell);
            }
            return Classifier.call(x.mean([2, 3]));
        }

        public void Dispose()
        {
            foreach (var m in modules) m.Dispose();
        }

        private ReferenceCell Build(int input, int output, bool downsample)
        {
            int n = cell.VertexCount;
            var widths = Widths(input, output);
            var projections = new Conv2d?[n];
            var ops = new Conv2d?[n];
            var order = new List<Conv2d>();
            for (int v = 1; v < n; v++)
            {
                if (cell.HasEdge(0, v)) order.Add(projections[v] = Conv(input, widths[v], 1));
                if (v < n - 1 && cell.Labels[v] != "maxpool3x3")
                    order.Add(ops[v] = Conv(widths[v], widths[v], cell.Labels[v] == "conv3x3-bn-relu" ? 3 : 1));
            }
            return new ReferenceCell(widths, projections, ops, order, downsample);
        }

        private int[] Widths(int input, int output)
        {
            int n = cell.VertexCount;
            var widths = new int[n];
            widths[0] = input;
            widths[n - 1] = output;
            var feeders = Enumerable.Range(1, n - 2).Where(v => cell.HasEdge(v, n - 1)).ToList();
            for (int i = 0; i < feeders.Count; i++)
                widths[feeders[i]] = output / feeders.Count + (i < output % feeders.Count ? 1 : 0);
            for (int v = n - 2; v >= 1; v--)
                if (widths[v] == 0)
                    widths[v] = Enumerable.Range(v + 1, n - 2 - v).Where(w => cell.HasEdge(v, w)).Max(w => widths[w]);
            return widths;
        }

        private Conv2d Conv(int input, int output, int kernel)
        {
            var conv = nn.Conv2d(input, output, kernel, padding: kernel / 2, bias: false, dtype: ScalarType.Float64);
            modules.Add(conv);
            return conv;
        }

        private static Tensor BnRelu(Tensor x) => F.relu(F.batch_norm(x, null, null, training: true));

        private sealed record ReferenceCell(int[] Widths, Conv2d?[] Projections, Conv2d?[] Ops, List<Conv2d> Order, bool Downsample)
        {
            public Tensor Forward(Tensor input, Nb101Cell cell)
            {
                int n = cell.VertexCount;
                var values = new Tensor[n];
                values[0] = input;
                var concat = new List<Tensor>();
                for (int v = 1; v < n - 1; v++)
                {
                    Tensor? sum = null;
                    for (int u = 0; u < v; u++)
                    {
                        if (!cell.HasEdge(u, v)) continue;
                        var term = u == 0
                            ? BnRelu(Projections[v]!.call(input))
                            : values[u][TensorIndex.Colon, TensorIndex.Slice(0, Widths[v])];
                        sum = sum is null ? term : sum + term;
                    }
                    values[v] = Ops[v] is { } op ? BnRelu(op.call(sum!)) : F.max_pool2d(sum!, kernel_size: 3, stride: 1, padding: 1);
                    if (cell.HasEdge(v, n - 1)) concat.Add(values[v]);
                }
                var projected = Projections[n - 1] is { } p ? BnRelu(p.call(input)) : null;
                if (concat.Count == 0) return projected!;
                var output = cat(concat, 1);
                return projected is null ? output : output + projected;
            }
        }
    }
}
