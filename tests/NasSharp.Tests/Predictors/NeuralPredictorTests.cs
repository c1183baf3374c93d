using NasSharp.Encodings;
using NasSharp.Graphs;
using NasSharp.Predictors;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NasSharp.Tests.Predictors;

public class NeuralPredictorTests
{
    private static readonly Nb201Space Space = new();

    private static List<CellGraph> SampleGraphs(int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Space.Encode(Space.Sample(rng))).ToList();
    }

    [Fact]
    public void Graph_batch_pads_and_row_normalises()
    {
        var small = new CellGraph([0, 1, 2], [false, true, true, false, false, true, false, false, false]);
        using var batch = GraphBatch.Create([small], nodeTypes: 3, maxNodes: 5);
        Assert.Equal(new long[] { 1, 5, 3 }, batch.Features.shape);
        Assert.Equal(new float[] { 1, 1, 1, 0, 0 }, batch.NodeMask.data<float>().ToArray());
        var fwd = batch.ForwardAdjacency[0];
        // node 0 has two successors: itself and both get 1/3.
        Assert.Equal(1f / 3, fwd[0, 0].item<float>(), 6);
        Assert.Equal(1f / 3, fwd[0, 2].item<float>(), 6);
        Assert.Equal(1f, fwd[4, 4].item<float>());
        var bwd = batch.BackwardAdjacency[0];
        // node 2 has two predecessors.
        Assert.Equal(1f / 3, bwd[2, 0].item<float>(), 6);
        Assert.Equal(1f / 3, bwd[2, 1].item<float>(), 6);
        Assert.True(batch.ForwardAdjacency.sum(-1).allclose(ones(1, 5), 1e-5, 1e-6));
    }

    [Fact]
    public void Graph_batch_rejects_oversized_graphs_and_unknown_types()
    {
        var g = Space.Encode(Space.Sample(new Random(0)));
        Assert.Contains("at most 4", Assert.Throws<ArgumentException>(() => GraphBatch.Create([g], 7, 4)).Message);
        Assert.Contains("outside 0..2", Assert.Throws<ArgumentException>(() => GraphBatch.Create([g], 3, 8)).Message);
    }

    [Fact]
    public void Forward_gives_one_score_per_graph()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(1);
        using var model = new NeuralPredictor(Space.NodeTypes.Count, new NpConfig());
        model.eval();
        using var batch = GraphBatch.Create(SampleGraphs(6, 1), Space.NodeTypes.Count, Space.MaxNodes);
        var y = model.call(batch);
        Assert.Equal(new long[] { 6 }, y.shape);
        Assert.True(y.isfinite().all().item<bool>());
    }

    [Fact]
    public void Padding_does_not_change_a_graphs_score()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(2);
        using var model = new NeuralPredictor(Space.NodeTypes.Count, new NpConfig());
        model.eval();
        var graphs = SampleGraphs(3, 2);
        using var tight = GraphBatch.Create(graphs, Space.NodeTypes.Count, Space.MaxNodes);
        using var padded = GraphBatch.Create(graphs, Space.NodeTypes.Count, Space.MaxNodes + 4);
        Assert.True(model.call(tight).allclose(model.call(padded), 1e-5, 1e-6));
    }

    [Fact]
    public void Gradient_matches_finite_differences()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        set_default_dtype(float64);
        try
        {
            using var model = new NeuralPredictor(Space.NodeTypes.Count, new NpConfig(Hidden: 8, Layers: 2, HeadHidden: 6, Dropout: 0));
            model.eval();
            var graphs = SampleGraphs(4, 3);
            using var b32 = GraphBatch.Create(graphs, Space.NodeTypes.Count, Space.MaxNodes);
            // The batch is built in float32; the check runs in float64 for a tight comparison.
            using var batch64 = b32.To(float64);
            var target = tensor(new double[] { 0.5, -1, 2, 0 });
            Tensor Loss() => nn.functional.mse_loss(model.call(batch64), target);
            FiniteDifferences.AssertGradientsMatch(model, Loss);
        }
        finally
        {
            set_default_dtype(float32);
        }
    }

    private static PredictorMetadata Meta(int seed, int epochs = 20) => new(
        "np", "nb201", "synthetic", "synthetic", new NpConfig(Hidden: 32, HeadHidden: 16), new TrainingConfig(Epochs: epochs),
        seed, 0, new TargetNormalization(0, 1), Space.NodeTypes.Count, Space.MaxNodes, CodeVersion.Current, DateTime.UnixEpoch);

    /// <summary>A target the NP can learn: the number of 3×3 convolutions in the cell.</summary>
    private static double[] ConvCount(IEnumerable<CellGraph> graphs) =>
        graphs.Select(g => (double)g.NodeTypes.Count(t => t == 4)).ToArray();

    [Fact]
    public void Same_seed_gives_the_same_model_and_training_learns()
    {
        var graphs = SampleGraphs(40, 4);
        var y = ConvCount(graphs);
        using var a = ArchitecturePredictor.Train(Meta(7, epochs: 100), graphs, y);
        using var b = ArchitecturePredictor.Train(Meta(7, epochs: 100), graphs, y);
        using var c = ArchitecturePredictor.Train(Meta(8), graphs, y);
        var test = SampleGraphs(200, 5);
        double[] pa = a.Predict(test), pb = b.Predict(test), pc = c.Predict(test);
        Assert.Equal(pa, pb);
        Assert.NotEqual(pa, pc);
        var truth = ConvCount(test);
        double mse = pa.Zip(truth, (p, t) => (p - t) * (p - t)).Average();
        double baseline = truth.Select(t => (t - y.Average()) * (t - y.Average())).Average();
        Assert.True(mse < 0.25 * baseline, $"trained MSE {mse} vs constant-prediction MSE {baseline}");
    }

    [Fact]
    public void Save_and_load_round_trip_the_predictions_and_metadata()
    {
        var graphs = SampleGraphs(20, 6);
        using var model = ArchitecturePredictor.Train(Meta(9, epochs: 3), graphs, ConvCount(graphs));
        string path = Path.Combine(Path.GetTempPath(), $"nassharp-test-{Guid.NewGuid():N}.model");
        try
        {
            model.Save(path);
            using var loaded = ArchitecturePredictor.Load(path);
            Assert.Equal(model.Metadata, loaded.Metadata);
            Assert.Equal(model.Predict(graphs), loaded.Predict(graphs));
            Assert.Empty(Directory.GetFiles(Path.GetTempPath(), $".{Path.GetFileName(path)}*.tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Loading_a_damaged_file_names_it()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nassharp-test-{Guid.NewGuid():N}.model");
        try
        {
            File.WriteAllText(path, "not a model");
            var ex = Assert.Throws<InvalidDataException>(() => ArchitecturePredictor.Load(path));
            Assert.Contains(path, ex.Message);
            Assert.Contains("not a NasSharp model", ex.Message);

            var graphs = SampleGraphs(12, 7);
            using (var model = ArchitecturePredictor.Train(Meta(1, epochs: 1), graphs, ConvCount(graphs)))
                model.Save(path);
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
            ex = Assert.Throws<InvalidDataException>(() => ArchitecturePredictor.Load(path));
            Assert.Contains("damaged", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
