using NasSharp.Encodings;
using NasSharp.Meta;
using NasSharp.Predictors;
using NasSharp.SearchSpaces;
using NasSharp.Unified;
using TorchSharp;

namespace NasSharp.Tests.Meta;

/// <summary><c>adapt</c>'s library entry point: architecture strings in, the scores of <see cref="MetaTester.Adapt"/> out.</summary>
public sealed class AdaptedPredictorTests : IDisposable
{
    private static readonly ISearchSpace Space = SearchSpaceCatalog.Get("nb201");
    private static readonly MetaTestConfig FineTuning = new() { StepChoices = [0, 5, 10] };

    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-adapted-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>An untrained model of <paramref name="nodeTypes"/> node types, as meta-train would save it.</summary>
    private static MetaModel Model(int nodeTypes = UnifiedVocabulary.Count)
    {
        torch.manual_seed(3);
        var config = MetaTrainingConfig.Cpu with { Network = new MetaGcnConfig(Layers: 2, Hidden: 8) };
        var metadata = new MetaModelMetadata(nodeTypes, config, 3, ["nb201/cifar100"], config.Epochs, CodeVersion.Current, DateTime.UtcNow);
        return new MetaModel(new MetaGcn(nodeTypes, config.Network), metadata);
    }

    private static string[] Architectures(int count, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Space.Sample(rng))];
    }

    private static GraphBatch Batch(IEnumerable<string> archs)
    {
        var encoder = new UnifiedEncoder(Space);
        return GraphBatch.Create([.. archs.Select(encoder.Encode)], UnifiedVocabulary.Count, UnifiedEncoder.MaxNodes);
    }

    [Fact]
    public void Scores_in_chunks_equal_those_of_the_meta_tester_on_the_encoded_graphs()
    {
        using var threads = new OneTorchThread();
        using var model = Model();
        string[] support = Architectures(8, 1), pool = Architectures(AdaptedPredictor.ChunkSize + 100, 2);
        double[] values = [.. support.Select((a, i) => a.Count(c => c == '3') + 0.1 * i)];
        var chunks = new List<int>();

        using var adapted = AdaptedPredictor.Fit(model, Space, support, values, FineTuning, seed: 6);
        double[] scores = adapted.Score(pool, chunks.Add);

        using var supportBatch = Batch(support);
        using var poolBatch = Batch(pool);
        using var direct = MetaTester.Adapt(model, supportBatch, values, FineTuning, seed: 6);
        Assert.Equal(direct.Steps, adapted.FineTuned.Steps);
        Assert.Equal(direct.CrossValidatedSpearman, adapted.FineTuned.CrossValidatedSpearman);
        double[] expected = direct.Predict(poolBatch);
        Assert.Equal([1, 2], chunks);
        for (int i = 0; i < pool.Length; i++) Assert.Equal(expected[i], scores[i], 6);
        Assert.False(adapted.WithOpCounts);

        // With the ridge, each score is the mean of the fine-tuned network's and the ridge's.
        using var averaged = AdaptedPredictor.Fit(model, Space, support, values, FineTuning, seed: 6, withOpCounts: true);
        Assert.True(averaged.WithOpCounts);
        double[] ridge = OpCountPredictor.Fit(supportBatch, values).Predict(poolBatch);
        double[] mean = averaged.Score(pool);
        for (int i = 0; i < pool.Length; i++) Assert.Equal((expected[i] + ridge[i]) / 2, mean[i], 6);
    }

    [Fact]
    public void A_model_file_of_another_width_is_refused_by_name_before_fine_tuning()
    {
        string path = Path.Combine(folder, "narrow.model");
        using (var narrow = Model(nodeTypes: 7)) narrow.Save(path);
        var error = Assert.Throws<ArgumentException>(() => AdaptedPredictor.Load(path, Space, [], []));
        Assert.Equal($"'{path}' reads 7 node types, not the 14 of the unified encoding adaptation uses.", error.Message);
        using var inMemory = Model(nodeTypes: 7);
        Assert.StartsWith("The meta-trained model reads 7 node types", Assert.Throws<ArgumentException>(() => AdaptedPredictor.Fit(inMemory, Space, [], [])).Message);
    }

    [Fact]
    public void Zero_shot_keeps_the_meta_trained_order_and_the_ridge_needs_two_values()
    {
        using var threads = new OneTorchThread();
        using var model = Model();
        string[] pool = Architectures(50, 4);
        using var zeroShot = AdaptedPredictor.Fit(model, Space, [], []);
        Assert.Equal(0, zeroShot.FineTuned.Steps);
        using var poolBatch = Batch(pool);
        Assert.Equal(NetworkScores(model, poolBatch), zeroShot.Score(pool));
        Assert.Contains("at least two different support values",
            Assert.Throws<ArgumentException>(() => AdaptedPredictor.Fit(model, Space, [pool[0]], [1.0], withOpCounts: true)).Message);
        Assert.Contains("K must match", Assert.Throws<ArgumentException>(() => AdaptedPredictor.Fit(model, Space, [pool[0]], [])).Message);
    }

    /// <summary>The meta-trained network's own eval-mode scores.</summary>
    private static double[] NetworkScores(MetaModel model, GraphBatch graphs)
    {
        using var noGrad = torch.no_grad();
        model.Network.eval();
        return [.. model.Network.call(graphs).to_type(torch.ScalarType.Float64).data<double>()];
    }
}
