using System.Globalization;
using NasSharp.Encodings;
using NasSharp.Features;
using NasSharp.HyperNetworks;
using NasSharp.Predictors;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NasSharp.Tests.Predictors;

/// <summary>The hybrid readout of NP and HyperNAS-P: architecture features joined to the graph embedding.</summary>
public sealed class HybridReadoutTests : IDisposable
{
    private static readonly Nb201Space Space = new();
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-hybrid-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string[] Archs(int count, int seed)
    {
        var rng = new Random(seed);
        var archs = new HashSet<string>();
        while (archs.Count < count) archs.Add(Space.Canonicalize(Space.Sample(rng)));
        return [.. archs];
    }

    /// <summary>A feature file with column <c>score</c> for <paramref name="archs"/>: the number of 3×3 convolutions, a feature the target depends on.</summary>
    private string ScoreFile(IEnumerable<string> archs)
    {
        string path = Path.Combine(folder, "scores.csv");
        File.WriteAllLines(path, ["arch,score", .. archs.Select(a => $"{a},{Convs(a).ToString(CultureInfo.InvariantCulture)}")]);
        return path;
    }

    private static int Convs(string arch) => arch.Split("nor_conv_3x3").Length - 1;

    private static PredictorContext Context(FeatureConfig? features, int epochs = 3) => new(Space)
    {
        Network = new NetworkPredictorConfig
        {
            Training = new TrainingConfig(Epochs: epochs, BatchSize: 5, LearningRate: 1e-2),
            Np = new NpConfig(Hidden: 16, Layers: 2, HeadHidden: 16),
            Global = new GlobalEncodingConfig(Hidden: 8, Layers: 2, HeadHidden: 8),
            ReadoutFeatures = features,
        },
    };

    [Fact]
    public void Hybrid_np_gives_one_score_per_graph_and_its_features_change_the_scores()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(1);
        using var model = new NeuralPredictor(Space.NodeTypes.Count, new NpConfig(Hidden: 16, HeadHidden: 8), features: 3);
        model.eval();
        var graphs = Archs(4, 1).Select(Space.Encode).ToArray();
        float[][] x = [[0, 0, 0], [1, -1, 2], [0, 0, 0], [3, 0, -2]];
        using var batch = GraphBatch.Create(graphs, Space.NodeTypes.Count, Space.MaxNodes, architectureFeatures: x);
        float[][] shifted = [.. x.Select(r => r.Select(v => v + 1).ToArray())];
        using var other = GraphBatch.Create(graphs, Space.NodeTypes.Count, Space.MaxNodes, architectureFeatures: shifted);
        var y = model.call(batch);
        Assert.Equal(new long[] { 4 }, y.shape);
        Assert.False(y.allclose(model.call(other)), "the same graphs with other features scored the same");
        using var plain = GraphBatch.Create(graphs, Space.NodeTypes.Count, Space.MaxNodes);
        Assert.Contains("takes 3 architecture features, and the batch has none", Assert.Throws<ArgumentException>(() => model.call(plain)).Message);
    }

    [Fact]
    public void Hybrid_hypernas_p_features_change_the_scores_and_select_keeps_them_aligned()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(2);
        using var model = new GlobalEncodingPredictor(Space, new GlobalEncodingConfig(Hidden: 8, Layers: 2, HeadHidden: 8), features: 2);
        model.eval();
        var graphs = Archs(3, 2).Select(Space.Encode).ToArray();
        using var batch = GraphBatch.Create(graphs, Space.NodeTypes.Count, Space.MaxNodes, architectureFeatures: [[0, 1], [2, 3], [4, 5]]);
        using var swapped = GraphBatch.Create(graphs, Space.NodeTypes.Count, Space.MaxNodes, architectureFeatures: [[4, 5], [2, 3], [0, 1]]);
        var y = model.call(batch);
        Assert.Equal(new long[] { 3 }, y.shape);
        Assert.False(y.allclose(model.call(swapped)));
        using var index = tensor(new long[] { 2, 0 });
        using var picked = batch.Select(index);
        Assert.Equal(new float[] { 4, 5, 0, 1 }, picked.ArchitectureFeatures!.data<float>().ToArray());
        Assert.True(model.call(picked).allclose(y.index_select(0, index), 1e-5, 1e-6));
    }

    [Fact]
    public void Gradient_of_the_hybrid_readout_matches_finite_differences()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        set_default_dtype(float64);
        try
        {
            using var model = new NeuralPredictor(Space.NodeTypes.Count, new NpConfig(Hidden: 6, Layers: 2, HeadHidden: 5, Dropout: 0), features: 2);
            model.eval();
            var graphs = Archs(4, 3).Select(Space.Encode).ToArray();
            using var b32 = GraphBatch.Create(graphs, Space.NodeTypes.Count, Space.MaxNodes, architectureFeatures: [[1, 0], [0, 1], [-1, 2], [0.5f, 0.5f]]);
            using var batch = b32.To(float64);
            var target = tensor(new double[] { 0.5, -1, 2, 0 });
            using var loss = new PredictorLoss(new LossConfig(LossKind.Pairwise, MseWeight: 0.5));
            FiniteDifferences.AssertGradientsMatch(model, () => loss.Compute(model.call(batch), target));
        }
        finally
        {
            set_default_dtype(float32);
        }
    }

    [Fact]
    public void Scaling_standardises_by_the_training_rows_and_maps_missing_values_to_the_mean()
    {
        // Feature a: 1, 3 → mean 2, std 1; b: 5, NaN → mean 5 over the finite value, std 0 → 1; c: 7, 7 constant.
        var scaling = FeatureScaling.Fit(["a", "b", "c"], [[1, 5, 7], [3, double.NaN, 7]]);
        Assert.Equal([2.0, 5, 7], scaling.Mean);
        Assert.Equal([1.0, 1, 1], scaling.Std);
        Assert.Equal([-1f, 0, 0], scaling.Apply([[1, double.NaN, 7]])[0]);
        Assert.Equal([3f, 1, 0], scaling.Apply([[5, 6, 7]])[0]);
        Assert.Contains("row 0 has 2 values; the features are 3", Assert.Throws<ArgumentException>(() => scaling.Apply([[1, 2]])).Message);
        Assert.Contains("'b' of row 0 is infinite", Assert.Throws<ArgumentException>(() => scaling.Apply([[1, double.PositiveInfinity, 7]])).Message);
    }

    [Fact]
    public void Saved_hybrid_model_gives_identical_predictions_and_records_features_and_scaling()
    {
        var (train, test) = (Archs(20, 4), Archs(30, 5));
        var features = new FeatureConfig { Files = [new FeatureFile(ScoreFile(train.Concat(test)), "arch", ["score"])] };
        using var predictor = (NetworkPredictor)PredictorRegistry.Create("np", Context(features));
        predictor.Fit(train, [.. train.Select(a => 70.0 + Convs(a))], seed: 5);
        string path = Path.Combine(folder, "hybrid.model");
        predictor.Save(path);
        using var loaded = NetworkPredictor.Load(path, Space);
        Assert.Equal(predictor.Predict(test), loaded.Predict(test));
        var meta = loaded.Model!.Metadata;
        Assert.Equal(features, meta.ReadoutFeatures);
        Assert.Equal([.. GraphFeatures.For(Space).Names, "file:score"], meta.FeatureScaling!.Names);
        Assert.Equal(train.Average(a => (double)Convs(a)), meta.FeatureScaling.Mean[^1], 12);
    }

    [Fact]
    public void Hybrid_training_learns_from_a_feature_the_graph_does_not_show()
    {
        // The target is a feature-file value unrelated to the cell (a hash of its string), which only the readout features carry.
        var (train, test) = (Archs(60, 6), Archs(60, 7));
        string path = Path.Combine(folder, "hidden.csv");
        static double Hidden(string a) => a.Aggregate(17u, (h, c) => unchecked(h * 31 + c)) % 1000 / 100.0;
        File.WriteAllLines(path, ["arch,hidden", .. train.Concat(test).Select(a => $"{a},{Hidden(a).ToString(CultureInfo.InvariantCulture)}")]);
        var features = new FeatureConfig { Graph = false, Files = [new FeatureFile(path, "arch", ["hidden"])] };
        using var hybrid = PredictorRegistry.Create("np", Context(features, epochs: 40));
        using var plain = PredictorRegistry.Create("np", Context(null, epochs: 40));
        double[] values = [.. train.Select(Hidden)];
        hybrid.Fit(train, values, seed: 1);
        plain.Fit(train, values, seed: 1);
        double[] truth = [.. test.Select(Hidden)];
        double tauHybrid = NasSharp.Evaluation.RankCorrelation.KendallTauB(hybrid.Predict(test), truth);
        double tauPlain = NasSharp.Evaluation.RankCorrelation.KendallTauB(plain.Predict(test), truth);
        Assert.True(tauHybrid > 0.8 && tauHybrid > tauPlain + 0.5, $"hybrid τ {tauHybrid}, plain τ {tauPlain}");
    }

    [Fact]
    public void A_model_whose_feature_file_is_gone_or_changed_is_refused()
    {
        var train = Archs(10, 8);
        string file = ScoreFile(train);
        var features = new FeatureConfig { Graph = false, Files = [new FeatureFile(file, "arch", ["score"])] };
        using (var predictor = (NetworkPredictor)PredictorRegistry.Create("np", Context(features)))
        {
            predictor.Fit(train, [.. train.Select(a => (double)Convs(a) + a.Length % 3)], seed: 0);
            predictor.Save(Path.Combine(folder, "m.model"));
        }
        File.WriteAllLines(file, ["arch,other", .. train.Select(a => $"{a},1")]);
        var changed = Assert.Throws<InvalidDataException>(() => NetworkPredictor.Load(Path.Combine(folder, "m.model"), Space));
        Assert.Contains("features that are unavailable here", changed.Message);
        Assert.Contains("score", changed.Message);
        File.Delete(file);
        var gone = Assert.Throws<InvalidDataException>(() => NetworkPredictor.Load(Path.Combine(folder, "m.model"), Space));
        Assert.Contains(file, gone.Message);
    }

    [Fact]
    public void Readout_features_for_a_kind_with_a_hypernetwork_or_missing_rows_are_refused()
    {
        var context = Context(new FeatureConfig());
        var error = Assert.Throws<ArgumentException>(() => context.Network.Metadata(PredictorRegistry.Get("hypernas"), Space, "t", "m", 0));
        Assert.Contains("readout features (--with-features) are for np and hypernas-p", error.Message);
        var meta = context.Network.Metadata(PredictorRegistry.Get("np"), Space, "t", "m", 0);
        var graphs = Archs(3, 9).Select(Space.Encode).ToArray();
        Assert.Contains("needs the training architectures' features",
            Assert.Throws<ArgumentException>(() => ArchitecturePredictor.Train(meta, graphs, [1, 2, 3])).Message);
    }
}
