using NasSharp.Encodings;
using NasSharp.Meta;
using NasSharp.Tests.Predictors;
using static TorchSharp.torch;

namespace NasSharp.Tests.Meta;

public sealed class MetaGcnTests : IDisposable
{
    private readonly OneTorchThread threads = new();

    public void Dispose() => threads.Dispose();

    [Fact]
    public void Parameters_are_ordered_layers_then_head()
    {
        random.manual_seed(0);
        using var model = new MetaGcn(SyntheticTasks.NodeTypes, new MetaGcnConfig(Layers: 3, Hidden: 8));
        Assert.Equal(
            ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "layers.2.weight", "layers.2.bias", "head.weight", "head.bias"],
            model.ParameterNames);
        Assert.Equal(new long[] { 8, SyntheticTasks.NodeTypes }, model.ParameterList[0].shape);
        Assert.Equal(new long[] { 1, 8 }, model.ParameterList[^2].shape);
    }

    [Fact]
    public void Default_config_is_the_papers_network()
    {
        Assert.Equal(new MetaGcnConfig(Layers: 4, Hidden: 600, Dropout: 0.2), new MetaGcnConfig());
        Assert.Equal(new MetaGcnConfig(), MetaTrainingConfig.Paper.Network);
        Assert.Equal(MetaAlgorithm.Boil, MetaTrainingConfig.Paper.Algorithm);
        Assert.Equal((6, 0.035, 8e-5), (MetaTrainingConfig.Paper.InnerSteps, MetaTrainingConfig.Paper.InnerLearningRate, MetaTrainingConfig.Paper.OuterLearningRate));
    }

    [Fact]
    public void Readout_is_the_last_real_node_and_ignores_padding()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(1);
        using var model = new MetaGcn(SyntheticTasks.NodeTypes, new MetaGcnConfig(Layers: 2, Hidden: 8));
        model.eval();
        var graphs = SyntheticTasks.Graphs(4, 1);
        using var tight = SyntheticTasks.Batch(graphs);
        using var padded = GraphBatch.Create(graphs, SyntheticTasks.NodeTypes, SyntheticTasks.Space.MaxNodes + 3);
        var scores = model.call(tight);
        Assert.Equal(new long[] { 4 }, scores.shape);
        Assert.True(scores.allclose(model.call(padded), 1e-5, 1e-6));
        // Every NB201 cell has all 8 nodes, so "last real node" is node 7 in the tight batch.
        using var fixedReadout = new MetaGcn(SyntheticTasks.NodeTypes, new MetaGcnConfig(Layers: 2, Hidden: 8, ReadoutNode: 7));
        foreach (var (target, source) in fixedReadout.parameters().Zip(model.parameters()))
            using (no_grad()) target.copy_(source);
        fixedReadout.eval();
        Assert.True(scores.allclose(fixedReadout.call(tight), 1e-6, 1e-7));
        Assert.True(scores.allclose(model.ForwardWith(model.ParameterList, tight, training: false)));
    }

    [Fact]
    public void Mismatched_batch_or_parameters_are_argument_errors()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(2);
        using var model = new MetaGcn(3, new MetaGcnConfig(Layers: 1, Hidden: 4));
        using var batch = SyntheticTasks.Batch(SyntheticTasks.Graphs(2, 2));
        Assert.Contains("built for 3", Assert.Throws<ArgumentException>(() => model.call(batch)).Message);
        Assert.Contains("takes 4 parameter tensors", Assert.Throws<ArgumentException>(
            () => model.ForwardWith(model.ParameterList.Take(2).ToArray(), batch, false)).Message);
        Assert.Throws<ArgumentException>(() => new MetaGcn(3, new MetaGcnConfig(Dropout: 1)));
    }

    [Fact]
    public void Partitions_follow_each_algorithm()
    {
        string[] names = ["layers.0.weight", "layers.0.bias", "head.weight", "head.bias"];
        Assert.Equal([true, true, true, true], MetaAlgorithm.Maml.InnerLoopMask(names));
        Assert.Equal([true, true, true, true], MetaAlgorithm.FoMaml.InnerLoopMask(names));
        Assert.Equal([true, true, false, false], MetaAlgorithm.Boil.InnerLoopMask(names));
        Assert.Equal([false, false, true, true], MetaAlgorithm.Anil.InnerLoopMask(names));
        Assert.True(MetaAlgorithm.Boil.IsSecondOrder());
        Assert.False(MetaAlgorithm.FoMaml.IsSecondOrder());
        Assert.Throws<ArgumentException>(() => MetaAlgorithm.Boil.InnerLoopMask(["layers.0.weight"]));
    }

    private sealed record Episode(GraphBatch Support, Tensor SupportTargets, GraphBatch Query, Tensor QueryTargets) : IDisposable
    {
        public void Dispose()
        {
            Support.Dispose();
            Query.Dispose();
        }
    }

    /// <summary>A float64 episode; the caller has set float64 as the default dtype.</summary>
    private static Episode Float64Episode()
    {
        var graphs = SyntheticTasks.Graphs(7, 3);
        using var support = SyntheticTasks.Batch(graphs[..3]);
        using var query = SyntheticTasks.Batch(graphs[3..]);
        return new(support.To(float64), tensor(new[] { 1.0, -0.5, 0.2 }), query.To(float64), tensor(new[] { 0.3, -1.0, 0.8, 0.1 }));
    }

    [Theory]
    [InlineData(MetaAlgorithm.Maml)]
    [InlineData(MetaAlgorithm.Boil)]
    [InlineData(MetaAlgorithm.Anil)]
    public void Second_order_meta_gradient_matches_finite_differences(MetaAlgorithm algorithm)
    {
        using var scope = NewDisposeScope();
        set_default_dtype(float64);
        try
        {
            random.manual_seed(4);
            using var model = new MetaGcn(SyntheticTasks.NodeTypes, new MetaGcnConfig(Layers: 2, Hidden: 5, Dropout: 0));
            using var e = Float64Episode();
            // A large inner rate and two steps make the second-order terms a sizeable part of the meta-gradient.
            FiniteDifferences.AssertGradientsMatch(model,
                () => MetaTrainer.EpisodeLoss(model, algorithm, e.Support, e.SupportTargets, e.Query, e.QueryTargets, innerSteps: 2, innerLearningRate: 0.3));
        }
        finally
        {
            set_default_dtype(float32);
        }
    }

    private static Tensor[] MetaGradient(MetaGcn model, MetaAlgorithm algorithm, Episode e, int innerSteps)
    {
        foreach (var p in model.parameters()) p.grad?.zero_();
        MetaTrainer.EpisodeLoss(model, algorithm, e.Support, e.SupportTargets, e.Query, e.QueryTargets, innerSteps, 0.3).backward();
        return model.parameters().Select(p => p.grad!.clone()).ToArray();
    }

    [Fact]
    public void First_order_maml_differs_from_maml_only_through_the_inner_gradients()
    {
        using var scope = NewDisposeScope();
        set_default_dtype(float64);
        try
        {
            random.manual_seed(5);
            using var model = new MetaGcn(SyntheticTasks.NodeTypes, new MetaGcnConfig(Layers: 2, Hidden: 5, Dropout: 0));
            using var e = Float64Episode();
            var maml = MetaGradient(model, MetaAlgorithm.Maml, e, innerSteps: 2);
            var foMaml = MetaGradient(model, MetaAlgorithm.FoMaml, e, innerSteps: 2);
            double gap = maml.Zip(foMaml, (a, b) => (a - b).abs().max().item<double>()).Max();
            Assert.True(gap > 1e-4, $"MAML and FoMAML meta-gradients differ by only {gap}");
            // Without an inner loop there is nothing to differentiate through: both are the plain query gradient.
            var mamlNoInner = MetaGradient(model, MetaAlgorithm.Maml, e, innerSteps: 0);
            var foMamlNoInner = MetaGradient(model, MetaAlgorithm.FoMaml, e, innerSteps: 0);
            Assert.All(mamlNoInner.Zip(foMamlNoInner), p => Assert.True(p.First.allclose(p.Second)));
        }
        finally
        {
            set_default_dtype(float32);
        }
    }

    [Fact]
    public void Episode_targets_must_match_their_batches()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(6);
        using var model = new MetaGcn(SyntheticTasks.NodeTypes, new MetaGcnConfig(Layers: 1, Hidden: 4));
        using var support = SyntheticTasks.Batch(SyntheticTasks.Graphs(3, 6));
        var ex = Assert.Throws<ArgumentException>(() =>
            MetaTrainer.EpisodeLoss(model, MetaAlgorithm.Maml, support, zeros(2), support, zeros(3), 1, 0.1));
        Assert.Contains("for 3 graphs", ex.Message);
    }
}
