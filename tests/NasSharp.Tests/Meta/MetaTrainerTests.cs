using NasSharp.Encodings;
using NasSharp.Graphs;
using NasSharp.Meta;
using static TorchSharp.torch;

namespace NasSharp.Tests.Meta;

public sealed class MetaTrainerTests : IDisposable
{
    private readonly OneTorchThread threads = new();
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-meta-").FullName;
    private readonly List<CellGraph> graphs = SyntheticTasks.Graphs(30, 10);
    private readonly GraphBatch batch;
    private readonly MetaTask[] tasks;

    public MetaTrainerTests()
    {
        batch = SyntheticTasks.Batch(graphs);
        tasks = SyntheticTasks.SourceTasks(batch, graphs);
    }

    public void Dispose()
    {
        batch.Dispose();
        Directory.Delete(folder, recursive: true);
        threads.Dispose();
    }

    /// <summary>Tiny but complete: BOIL, dropout on, several tasks per step, checkpoints every 2 epochs.</summary>
    private static readonly MetaTrainingConfig Tiny = new("tiny", new MetaGcnConfig(Layers: 2, Hidden: 8, Dropout: 0.2), MetaAlgorithm.Boil,
        Epochs: 4, StepsPerEpoch: 3, TasksPerStep: 2, SupportSize: 4, QuerySize: 5, InnerSteps: 2,
        InnerLearningRate: 0.035, OuterLearningRate: 1e-2, WeightDecay: 0.01, CheckpointEvery: 2);

    private static float[][] Weights(MetaModel model) =>
        model.Network.parameters().Select(p => p.detach().data<float>().ToArray()).ToArray();

    [Fact]
    public void Steps_whose_loss_is_not_finite_are_skipped_and_leave_the_weights_intact()
    {
        // An inner rate this large overflows the inner loop, as an exploding episode would.
        var exploding = Tiny with { InnerLearningRate = 1e30, Epochs = 1 };
        var reports = new List<MetaEpochReport>();
        using var trained = MetaTrainer.Train(tasks, exploding, seed: 3, progress: reports.Add);
        Assert.Equal(exploding.StepsPerEpoch, Assert.Single(reports).SkippedSteps);
        Assert.True(double.IsNaN(reports[0].QueryLoss));
        Assert.All(Weights(trained), w => Assert.All(w, v => Assert.True(float.IsFinite(v))));

        // Nothing was applied, so the weights are the seeded initialisation, which a normal run moves.
        manual_seed(3);
        using var initial = new MetaGcn(SyntheticTasks.NodeTypes, exploding.Network);
        Assert.Equal(initial.parameters().Select(p => p.detach().data<float>().ToArray()).ToArray(), Weights(trained));
        using var normal = MetaTrainer.Train(tasks, Tiny with { Epochs = 1 }, seed: 3);
        Assert.NotEqual(Weights(normal), Weights(trained));
    }

    [Fact]
    public void A_resumed_run_ends_with_the_same_parameters_as_an_uninterrupted_one()
    {
        var reports = new List<MetaEpochReport>();
        using var uninterrupted = MetaTrainer.Train(tasks, Tiny, seed: 3, progress: reports.Add);
        Assert.Equal([1, 2, 3, 4], reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.True(double.IsFinite(r.QueryLoss) && r.Epochs == 4));

        string checkpoint = Path.Combine(folder, "run.ckpt");
        using var cancel = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => MetaTrainer.Train(tasks, Tiny, seed: 3, checkpoint,
            r => { if (r.Epoch == 2) cancel.Cancel(); }, cancel.Token));
        Assert.True(File.Exists(checkpoint));

        var resumedEpochs = new List<int>();
        using var resumed = MetaTrainer.Train(tasks, Tiny, seed: 3, checkpoint, r => resumedEpochs.Add(r.Epoch));
        Assert.Equal([3, 4], resumedEpochs);
        Assert.Equal(Weights(uninterrupted), Weights(resumed));
        Assert.Equal(4, resumed.Metadata.EpochsDone);

        using var other = MetaTrainer.Train(tasks, Tiny, seed: 4);
        Assert.NotEqual(Weights(uninterrupted), Weights(other));

        // A finished checkpoint is returned as is; one of another experiment is refused.
        using var again = MetaTrainer.Train(tasks, Tiny, seed: 3, checkpoint, _ => Assert.Fail("no epoch should run"));
        Assert.Equal(Weights(uninterrupted), Weights(again));
        var ex = Assert.Throws<InvalidOperationException>(() => MetaTrainer.Train(tasks, Tiny, seed: 5, checkpoint));
        Assert.Contains(checkpoint, ex.Message);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    /// <summary>Mean post-adaptation query loss over every task with fixed sets: support rows 0–7, query the rest.</summary>
    private double FixedEpisodesLoss(MetaGcn model, MetaTrainingConfig config)
    {
        using var scope = NewDisposeScope();
        using var supportIndex = arange(0, 8, dtype: ScalarType.Int64);
        using var queryIndex = arange(8, batch.Count, dtype: ScalarType.Int64);
        using var support = batch.Select(supportIndex);
        using var query = batch.Select(queryIndex);
        return tasks.Average(t =>
        {
            var y = tensor(t.Targets);
            return MetaTrainer.EpisodeLoss(model, config.Algorithm, support, y.index_select(0, supportIndex), query,
                y.index_select(0, queryIndex), config.InnerSteps, config.InnerLearningRate).item<float>();
        });
    }

    [Theory]
    [InlineData(MetaAlgorithm.Maml)]
    [InlineData(MetaAlgorithm.FoMaml)]
    [InlineData(MetaAlgorithm.Boil)]
    [InlineData(MetaAlgorithm.Anil)]
    public void Every_algorithm_lowers_the_loss_after_adaptation(MetaAlgorithm algorithm)
    {
        var config = Tiny with { Algorithm = algorithm, Epochs = 5, StepsPerEpoch = 4, OuterLearningRate = 3e-2, Network = Tiny.Network with { Dropout = 0 } };
        // Train seeds torch with the seed before initialising, so this is the network it starts from.
        random.manual_seed(1);
        using var initial = new MetaGcn(SyntheticTasks.NodeTypes, config.Network);
        using var model = MetaTrainer.Train(tasks, config, seed: 1);
        double before = FixedEpisodesLoss(initial, config), after = FixedEpisodesLoss(model.Network, config);
        Assert.True(after < 0.5 * before, $"{algorithm}: query loss after adaptation {before:F3} before meta-training, {after:F3} after");
        Assert.Equal(algorithm, model.Metadata.Training.Algorithm);
    }

    [Fact]
    public void Save_and_load_round_trip_weights_and_metadata()
    {
        using var model = MetaTrainer.Train(tasks, Tiny with { Epochs = 1 }, seed: 2);
        string path = Path.Combine(folder, "meta.model");
        model.Save(path);
        using var loaded = MetaModel.Load(path);
        Assert.Equal(Weights(model), Weights(loaded));
        Assert.True(model.Metadata.SameExperiment(loaded.Metadata));
        Assert.Equal(["conv3", "conv", "no-none"], loaded.Metadata.SourceTasks);
        Assert.Equal((1, model.Metadata.CreatedUtc), (loaded.Metadata.EpochsDone, loaded.Metadata.CreatedUtc));
        Assert.Contains("\"Algorithm\": \"Boil\"", File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));

        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 40)]);
        var ex = Assert.Throws<InvalidDataException>(() => MetaModel.Load(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("damaged", ex.Message);
        File.WriteAllText(path, "hello");
        Assert.Contains("not a NasSharp meta-learning file", Assert.Throws<InvalidDataException>(() => MetaModel.Load(path)).Message);
    }

    [Fact]
    public void Bad_tasks_and_configs_are_argument_errors()
    {
        using var empty = SyntheticTasks.Batch([]);
        Assert.Contains("at least 2", Assert.Throws<ArgumentException>(() => new MetaTask("empty", empty, [])).Message);
        Assert.Contains("30 graphs but 2 values", Assert.Throws<ArgumentException>(() => new MetaTask("x", batch, [1, 2])).Message);
        Assert.Contains("all 30 values are equal",
            Assert.Throws<ArgumentException>(() => new MetaTask("flat", batch, Enumerable.Repeat(1.0, 30).ToArray())).Message);
        Assert.Throws<ArgumentException>(() => new MetaTask(" ", batch, SyntheticTasks.Values(graphs, [1, 0, 0, 0, 0, 0, 0])));
        Assert.Throws<ArgumentException>(() => new MetaTask("nan", batch, Enumerable.Repeat(double.NaN, 30).ToArray()));

        Assert.Contains("at least one task", Assert.Throws<ArgumentException>(() => MetaTrainer.Train([], Tiny, 0)).Message);
        var big = Tiny with { SupportSize = 20, QuerySize = 20 };
        Assert.Contains("fewer than support 20 + query 20", Assert.Throws<ArgumentException>(() => MetaTrainer.Train(tasks, big, 0)).Message);
        Assert.Contains("occurs 2 times", Assert.Throws<ArgumentException>(() => MetaTrainer.Train([tasks[0], tasks[0]], Tiny, 0)).Message);
        Assert.Contains("InnerLearningRate", Assert.Throws<ArgumentException>(() => MetaTrainer.Train(tasks, Tiny with { InnerLearningRate = 0 }, 0)).Message);
        Assert.Equal(MetaTrainingConfig.Cpu, MetaTrainingConfig.Get("cpu"));
        Assert.Contains("valid: cpu, paper", Assert.Throws<ArgumentException>(() => MetaTrainingConfig.Get("gpu")).Message);
    }
}
