using NasSharp.Evaluation;
using NasSharp.Graphs;
using NasSharp.Predictors;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NasSharp.Tests.Predictors;

public class PredictorLossTests
{
    private static double Value(LossConfig config, double[] s, double[] y)
    {
        using var scope = NewDisposeScope();
        using var loss = new PredictorLoss(config);
        return loss.Compute(tensor(s, dtype: float64), tensor(y, dtype: float64)).item<double>();
    }

    // Three items: s = (0.5, 0, 0.2), y = (2, 1, 3). Pairs with y_i > y_j: (0,1) d = 0.5, (2,0) d = −0.3, (2,1) d = 0.2.
    private static readonly double[] S = [0.5, 0, 0.2];
    private static readonly double[] Y = [2, 1, 3];

    [Fact]
    public void Pairwise_loss_on_three_items_is_the_hand_computed_mean_over_ordered_pairs()
    {
        // (log(1+e^−0.5) + log(1+e^0.3) + log(1+e^−0.2)) / 3 = (0.474077 + 0.854355 + 0.598139) / 3 = 0.642190
        double expected = (Math.Log(1 + Math.Exp(-0.5)) + Math.Log(1 + Math.Exp(0.3)) + Math.Log(1 + Math.Exp(-0.2))) / 3;
        Assert.Equal(0.642190, expected, 6);
        Assert.Equal(expected, Value(new LossConfig(LossKind.Pairwise), S, Y), 12);
    }

    [Fact]
    public void Hinge_loss_on_three_items_is_the_hand_computed_mean_over_ordered_pairs()
    {
        // m = 0.4: max(0, 0.4 − 0.5) + max(0, 0.4 + 0.3) + max(0, 0.4 − 0.2) = 0 + 0.7 + 0.2, over 3 pairs = 0.3
        Assert.Equal(0.3, Value(new LossConfig(LossKind.Hinge, Margin: 0.4), S, Y), 12);
    }

    [Fact]
    public void Mse_weight_adds_that_many_mean_squared_errors()
    {
        // MSE = ((0.5−2)² + (0−1)² + (0.2−3)²) / 3 = (2.25 + 1 + 7.84) / 3 = 3.696667
        double mse = (2.25 + 1 + 7.84) / 3;
        Assert.Equal(mse, Value(new LossConfig(), S, Y), 12);
        Assert.Equal(0.3 + 2 * mse, Value(new LossConfig(LossKind.Hinge, MseWeight: 2, Margin: 0.4), S, Y), 12);
    }

    [Fact]
    public void Tied_targets_make_no_pair_and_an_all_tied_batch_costs_nothing()
    {
        // y = (1, 1, 2): only (2,0) d = 1 and (2,1) d = −4 count; m = 0 gives (0 + 4) / 2, whatever s_0 − s_1 is.
        Assert.Equal(2, Value(new LossConfig(LossKind.Hinge, Margin: 0), [0, 5, 1], [1, 1, 2]), 12);
        Assert.Equal(0, Value(new LossConfig(LossKind.Pairwise), [0, 5, 1], [1, 1, 1]), 12);
        Assert.Equal(0, Value(new LossConfig(LossKind.Pairwise), [3], [1]), 12);
    }

    [Fact]
    public void Pairwise_loss_does_not_overflow_on_large_differences()
    {
        // log(1 + e^1000) = 1000 + log(1 + e^−1000) = 1000 for the pair (1,0) with d = −1000; the other way round gives 0.
        Assert.Equal(1000, Value(new LossConfig(LossKind.Pairwise), [0, 1000], [2, 1]), 9);
        Assert.Equal(0, Value(new LossConfig(LossKind.Pairwise), [1000, 0], [2, 1]), 9);
    }

    [Theory]
    [InlineData(LossKind.Mse, 0)]
    [InlineData(LossKind.Pairwise, 0)]
    [InlineData(LossKind.Pairwise, 0.5)]
    [InlineData(LossKind.Hinge, 0.5)]
    public void Gradient_matches_finite_differences_in_double_precision(LossKind kind, double mseWeight)
    {
        using var scope = NewDisposeScope();
        var rng = new Random(11);
        // Eight predictions spread over ±2 and distinct targets: no pair sits on the hinge's kink (|d − m| ≫ h).
        double[] s = [.. Enumerable.Range(0, 8).Select(_ => rng.NextDouble() * 4 - 2)];
        double[] y = [.. Enumerable.Range(0, 8).Select(i => (double)((i * 5) % 8))];
        var config = new LossConfig(kind, mseWeight, Margin: 0.3);
        var leaf = tensor(s, dtype: float64).requires_grad_();
        using var loss = new PredictorLoss(config);
        loss.Compute(leaf, tensor(y, dtype: float64)).backward();
        double[] analytic = leaf.grad!.data<double>().ToArray();
        const double h = 1e-6;
        for (int i = 0; i < s.Length; i++)
        {
            double[] up = (double[])s.Clone(), down = (double[])s.Clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (Value(config, up, y) - Value(config, down, y)) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) < 1e-8 + 1e-6 * Math.Abs(numeric), $"{kind} s[{i}]: analytic {analytic[i]} vs numeric {numeric}");
        }
    }

    [Fact]
    public void Bad_settings_and_unknown_names_are_refused_with_the_field()
    {
        Assert.Contains("MseWeight", Assert.Throws<ArgumentException>(() => new PredictorLoss(new LossConfig(LossKind.Pairwise, MseWeight: -1))).Message);
        Assert.Contains("Margin", Assert.Throws<ArgumentException>(() => new LossConfig(LossKind.Hinge, Margin: double.NaN).Validate()).Message);
        Assert.Contains("valid: mse, pairwise, hinge", Assert.Throws<ArgumentException>(() => LossConfig.Parse("rank")).Message);
        Assert.Equal(LossKind.Hinge, LossConfig.Parse("hinge"));
    }

    [Fact]
    public void Training_config_equality_and_json_include_the_loss_and_old_files_read_as_mse()
    {
        var pairwise = new TrainingConfig { Loss = new LossConfig(LossKind.Pairwise, MseWeight: 0.5) };
        Assert.NotEqual(new TrainingConfig(), pairwise);
        string json = System.Text.Json.JsonSerializer.Serialize(pairwise);
        Assert.Contains("\"Kind\":\"Pairwise\"", json);
        Assert.Equal(pairwise, System.Text.Json.JsonSerializer.Deserialize<TrainingConfig>(json));
        const string before = """{"Epochs":300,"BatchSize":10,"LearningRate":0.001,"WeightDecay":0}""";
        Assert.Equal(new TrainingConfig(), System.Text.Json.JsonSerializer.Deserialize<TrainingConfig>(before));
    }

    [Fact]
    public void Np_trained_on_the_pairwise_loss_ranks_a_learnable_target_and_records_the_loss_in_its_file()
    {
        var space = new Nb201Space();
        var rng = new Random(4);
        var graphs = Enumerable.Range(0, 40).Select(_ => space.Encode(space.Sample(rng))).ToList();
        // The number of 3×3 convolutions (node type 4), which the NP can learn (NeuralPredictorTests).
        static double[] Convs(IEnumerable<CellGraph> g) => [.. g.Select(c => (double)c.NodeTypes.Count(t => t == 4))];
        var training = new TrainingConfig(Epochs: 60) { Loss = new LossConfig(LossKind.Pairwise) };
        var meta = new PredictorMetadata("np", "nb201", "synthetic", "synthetic", new NpConfig(Hidden: 32, HeadHidden: 16), training,
            7, 0, new TargetNormalization(0, 1), space.NodeTypes.Count, space.MaxNodes, CodeVersion.Current, DateTime.UnixEpoch);
        using var model = ArchitecturePredictor.Train(meta, graphs, Convs(graphs));
        var test = Enumerable.Range(0, 200).Select(_ => space.Encode(space.Sample(rng))).ToList();
        double tau = RankCorrelation.KendallTauB(model.Predict(test), Convs(test));
        Assert.True(tau > 0.8, $"Kendall τ {tau} on held-out cells");
        string path = Path.Combine(Path.GetTempPath(), $"nassharp-loss-{Guid.NewGuid():N}.model");
        try
        {
            model.Save(path);
            using var loaded = ArchitecturePredictor.Load(path);
            Assert.Equal(training, loaded.Metadata.Training);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
