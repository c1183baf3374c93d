using NasSharp.Encodings;
using NasSharp.Graphs;
using NasSharp.Predictors;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb101;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.SearchSpaces.Tb101;
using NasSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NasSharp.Tests.Predictors;

public class GlobalEncodingPredictorTests
{
    private static readonly GlobalEncodingConfig Tiny = new(Hidden: 6, Layers: 2, HeadHidden: 5, Dropout: 0);

    private static GraphBatch Sample(ISearchSpace space, int count, int seed)
    {
        var rng = new Random(seed);
        return GraphBatch.Create(Enumerable.Range(0, count).Select(_ => space.Encode(space.Sample(rng))).ToArray(),
            space.NodeTypes.Count, space.MaxNodes);
    }

    public static TheoryData<string> Spaces => new() { "nb201", "nb101", "tb101" };

    [Theory]
    [MemberData(nameof(Spaces))]
    public void One_feature_per_cell_of_the_skeleton_and_one_score_per_architecture(string name)
    {
        using var scope = NewDisposeScope();
        var space = SearchSpaceCatalog.Get(name);
        random.manual_seed(0);
        using var model = new GlobalEncodingPredictor(space, new GlobalEncodingConfig());
        model.eval();
        using var batch = Sample(space, 5, 1);
        Assert.Equal(new long[] { 5, space.Skeleton.Cells.Count, 72 }, model.CellFeatures(batch).shape);
        Assert.Equal(new long[] { 5 }, model.call(batch).shape);
    }

    [Fact]
    public void Reduction_blocks_are_valid_cells_of_their_space()
    {
        foreach (ISearchSpace space in new ISearchSpace[] { new Nb201Space(), new Nb101Space() })
        {
            var block = space.FixedReductionCell!;
            Assert.Equal(0, block.NodeTypes[0]);
            Assert.Equal(space.NodeTypes.Count - 1, block.NodeTypes[^1]);
            for (int i = 0; i < block.NodeCount; i++)
                for (int j = 0; j <= i; j++)
                    Assert.False(block.HasEdge(i, j));
        }
        Assert.Null(new Tb101MicroSpace().FixedReductionCell);
    }

    [Fact]
    public void Cell_connectivity_carries_the_previous_cells_feature()
    {
        using var scope = NewDisposeScope();
        var space = new Nb201Space();
        random.manual_seed(1);
        using var connected = new GlobalEncodingPredictor(space, Tiny);
        connected.eval();
        using var batch = Sample(space, 3, 2);
        var z = connected.CellFeatures(batch);
        // identical normal cells give different features at positions 0 and 1 only through z_0 → z_1 context.
        Assert.False(z[.., 0].allclose(z[.., 1], 1e-4, 1e-5));

        random.manual_seed(1);
        using var positional = new GlobalEncodingPredictor(space, Tiny with { Context = InterCellContext.PositionEmbedding });
        positional.eval();
        Assert.Equal(new long[] { 3 }, positional.call(batch).shape);
        Assert.Contains(positional.named_parameters(), p => p.name == "positions");
    }

    [Fact]
    public void Aggregations_follow_their_definitions()
    {
        using var scope = NewDisposeScope();
        var space = new Nb201Space();
        using var batch = Sample(space, 2, 3);
        foreach (var aggregation in Enum.GetValues<CellAggregation>())
        {
            random.manual_seed(2);
            using var model = new GlobalEncodingPredictor(space, Tiny with { Aggregation = aggregation });
            model.eval();
            long inputs = model.named_parameters().Single(p => p.name == "hidden.weight").parameter.shape[1];
            Assert.Equal(aggregation == CellAggregation.Concatenate ? 6 * 17 : 6, inputs);
            Assert.True(model.call(batch).isfinite().all().item<bool>());
        }
    }

    [Fact]
    public void Gradient_matches_finite_differences()
    {
        using var scope = NewDisposeScope();
        set_default_dtype(float64);
        try
        {
            var space = new Nb201Space();
            random.manual_seed(4);
            using var model = new GlobalEncodingPredictor(space, Tiny);
            model.eval();
            using var b32 = Sample(space, 3, 4);
            using var batch = b32.To(float64);
            var target = tensor(new double[] { 1, -0.5, 0.25 });
            Tensor Loss() => nn.functional.mse_loss(model.call(batch), target);
            FiniteDifferences.AssertGradientsMatch(model, Loss);
        }
        finally
        {
            set_default_dtype(float32);
        }
    }

    [Fact]
    public void Trains_saves_and_loads_through_the_predictor_file()
    {
        var space = new Nb201Space();
        var rng = new Random(5);
        var graphs = Enumerable.Range(0, 16).Select(_ => space.Encode(space.Sample(rng))).ToArray();
        var y = graphs.Select(g => (double)g.NodeTypes.Count(t => t == 4)).ToArray();
        var meta = new PredictorMetadata("hypernas-p", "nb201", "t", "t", new NpConfig(), new TrainingConfig(Epochs: 2), 3, 0,
            new TargetNormalization(0, 1), space.NodeTypes.Count, space.MaxNodes, CodeVersion.Current, DateTime.UnixEpoch, Tiny);
        using var model = ArchitecturePredictor.Train(meta, graphs, y);
        string path = Path.Combine(Path.GetTempPath(), $"nassharp-hp-{Guid.NewGuid():N}.model");
        try
        {
            model.Save(path);
            using var loaded = ArchitecturePredictor.Load(path);
            Assert.Equal(Tiny, loaded.Metadata.Global);
            Assert.Equal(model.Predict(graphs), loaded.Predict(graphs));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
