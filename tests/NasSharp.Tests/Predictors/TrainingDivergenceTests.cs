using NasSharp.Benchmarks;
using NasSharp.Graphs;
using NasSharp.Predictors;
using NasSharp.Tests.Benchmarks;
using NasSharp.Training;
using static TorchSharp.torch;

namespace NasSharp.Tests.Predictors;

/// <summary>Issue 13 item 3: a diverged model is never returned by Train, and Predict never returns non-finite scores.</summary>
[Collection("benchmark data")]
public class TrainingDivergenceTests(BenchmarkData data)
{
    private static readonly NasSharp.SearchSpaces.Nb201.Nb201Space Space = new();

    private (List<CellGraph> Graphs, double[] Targets) Cells(int count, int seed)
    {
        var table = data["nb201"];
        var rows = Enumerable.Range(0, table.Count).ToArray();
        new Random(seed).Shuffle(rows);
        var values = table.Values("cifar10-valid");
        var chosen = rows.Where(r => double.IsFinite(values[r])).Take(count).ToArray();
        return ([.. chosen.Select(r => table.Space.Encode(table.Architectures[r]))], [.. chosen.Select(r => values[r])]);
    }

    private static PredictorMetadata Meta(double lr, int epochs = 30, int seed = 1) => new(
        "np", "nb201", "cifar10", "cifar10-valid", new NpConfig(), new TrainingConfig(Epochs: epochs, LearningRate: lr),
        seed, 0, new TargetNormalization(0, 1), Space.NodeTypes.Count, Space.MaxNodes, CodeVersion.Current, DateTime.UnixEpoch);

    [Theory]
    [InlineData(1e30)]
    [InlineData(10)]
    public void Training_with_a_huge_learning_rate_throws_naming_the_option(double lr)
    {
        var (graphs, targets) = Cells(40, 1);
        var e = Assert.Throws<TrainingDivergedException>(() => ArchitecturePredictor.Train(Meta(lr), graphs, targets));
        Assert.Contains("--lr", e.Message);
        Assert.Contains("diverged", e.Message);
    }

    [Theory]
    [InlineData(1e-3, 60, 1)]
    [InlineData(1e-3, 1, 2)]
    [InlineData(1e-2, 30, 3)]
    [InlineData(1e-4, 1, 4)]
    public void Healthy_training_does_not_throw(double lr, int epochs, int seed)
    {
        var (graphs, targets) = Cells(40, seed);
        using var model = ArchitecturePredictor.Train(Meta(lr, epochs, seed), graphs, targets);
        Assert.All(model.Predict(graphs), s => Assert.True(double.IsFinite(s)));
    }

    [Fact]
    public void Constant_targets_are_not_a_collapse()
    {
        var (graphs, _) = Cells(12, 5);
        using var model = ArchitecturePredictor.Train(Meta(1e-3, 5), graphs, [.. graphs.Select(_ => 70.0)]);
        Assert.All(model.Predict(graphs), s => Assert.True(double.IsFinite(s)));
    }

    [Fact]
    public void Predict_on_a_model_with_a_nan_weight_throws()
    {
        var (graphs, targets) = Cells(12, 6);
        using var model = ArchitecturePredictor.Train(Meta(1e-3, 2), graphs, targets);
        var network = (nn.Module)typeof(ArchitecturePredictor).GetField("network", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(model)!;
        using (no_grad())
            network.parameters().First().fill_(double.NaN);
        var e = Assert.Throws<TrainingDivergedException>(() => model.Predict(graphs));
        Assert.Contains("non-finite", e.Message);
    }
}
