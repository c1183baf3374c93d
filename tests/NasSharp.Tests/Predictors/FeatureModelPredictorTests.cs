using NasSharp.Evaluation;
using NasSharp.Features;
using NasSharp.Predictors;
using NasSharp.Predictors.Features;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb201;

namespace NasSharp.Tests.Predictors;

/// <summary>The ML.NET feature models: determinism, cross-validation on training cells only, model files, bad input.</summary>
public sealed class FeatureModelPredictorTests : IDisposable
{
    private static readonly Nb201Space Space = new();
    private static readonly string[] Ops = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"];

    /// <summary>A small grid, so the tests fit in seconds: the simpler setting first.</summary>
    private static readonly FeatureModelConfig SmallGrid = new()
    {
        Grid = [new TreeSettings(30, 4, 0.1, 2), new TreeSettings(60, 8, 0.1, 1)],
    };

    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-feature-model-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Operation counts of an NB201 cell, computed from its string; records every architecture it is asked for.</summary>
    private sealed class OpCountFeaturizer(IReadOnlySet<string>? allowed = null) : IArchitectureFeaturizer
    {
        public List<string> Asked { get; } = [];

        public IReadOnlyList<string> Names { get; } = [.. Ops.Select(o => $"count:{o}")];

        public double[] Compute(string arch)
        {
            string canonical = Space.Canonicalize(arch);
            if (allowed is not null && !allowed.Contains(canonical))
                throw new InvalidOperationException($"Asked for '{canonical}', which is not a training cell.");
            Asked.Add(canonical);
            return [.. Ops.Select(o => (double)Count(canonical, o))];
        }
    }

    private static int Count(string arch, string op) => arch.Split($"|{op}~").Length - 1;

    /// <summary><paramref name="count"/> distinct random cells and a value their operations determine, plus seeded noise.</summary>
    private static (string[] Archs, double[] Values) Measured(int count, int seed)
    {
        var rng = new Random(seed);
        var archs = new HashSet<string>();
        while (archs.Count < count) archs.Add(Space.Canonicalize(Space.Sample(rng)));
        double[] values = [.. archs.Select(a => 70 + 3.0 * Count(a, "nor_conv_3x3") + Count(a, "nor_conv_1x1") - 2.0 * Count(a, "avg_pool_3x3") + rng.NextDouble())];
        return ([.. archs], values);
    }

    private static FeatureModelPredictor Model(TreeLearner learner, IArchitectureFeaturizer? featurizer = null, FeatureModelConfig? config = null) =>
        new("test", learner, Space, featurizer ?? new OpCountFeaturizer(), features: null, config ?? SmallGrid);

    [Theory]
    [InlineData(TreeLearner.FastForest)]
    [InlineData(TreeLearner.FastTree)]
    [InlineData(TreeLearner.LightGbm)]
    public void Every_learner_beats_a_constant_and_the_same_seed_gives_the_same_predictions(TreeLearner learner)
    {
        var (train, values) = Measured(60, seed: 1);
        var (unseen, truth) = Measured(200, seed: 2);
        using var a = Model(learner);
        a.Fit(train, values, seed: 3);
        double[] predicted = a.Predict(unseen);
        // A constant has τ 0 (NaN); the value is a noisy function of the operation counts the trees see.
        double tau = RankCorrelation.KendallTauB(predicted, truth);
        Assert.True(tau > 0.6, $"{learner}: Kendall τ {tau:F3} on unseen cells");
        Assert.InRange(predicted.Average(), values.Min(), values.Max());

        using var b = Model(learner);
        b.Fit(train, values, seed: 3);
        Assert.Equal(predicted, b.Predict(unseen));
    }

    [Fact]
    public void Cross_validation_asks_only_for_training_cells_and_records_every_setting_and_the_best()
    {
        var (train, values) = Measured(40, seed: 4);
        var featurizer = new OpCountFeaturizer(allowed: train.ToHashSet());
        using var model = Model(TreeLearner.LightGbm, featurizer);
        model.Fit(train, values, seed: 5);
        Assert.Equal(train.Order(), featurizer.Asked.Distinct().Order());

        var cv = model.Metadata!.CrossValidation!;
        Assert.Equal(5, cv.Folds);
        Assert.Equal(SmallGrid.Grid, cv.Scores.Select(s => s.Settings));
        Assert.Equal(cv.Scores.MaxBy(s => s.KendallTau)!.Settings, cv.Chosen);
        Assert.Equal(cv.Chosen, model.Metadata.Settings);

        // The held-out cells are only ever featurized by Predict, after the fit.
        var (unseen, _) = Measured(10, seed: 6);
        Assert.Throws<InvalidOperationException>(() => model.Predict([.. unseen.Except(train)]));
    }

    [Fact]
    public void Cross_validated_scores_are_the_pooled_out_of_fold_kendall_tau_computed_by_hand()
    {
        var (train, values) = Measured(20, seed: 7);
        var featurizer = new OpCountFeaturizer();
        float[][] rows = [.. train.Select(a => featurizer.Compute(a).Select(v => (float)v).ToArray())];
        float[] labels = TargetNormalization.Fit(values).Normalize(values);
        var settings = SmallGrid.Grid![0];
        var result = TreeCrossValidation.Choose(TreeLearner.LightGbm, [settings], rows, labels, folds: 4, seed: 8);

        int[] fold = TreeCrossValidation.FoldOf(rows.Length, 4, seed: 8);
        var outOfFold = new double[rows.Length];
        for (int f = 0; f < 4; f++)
        {
            int[] inFold = [.. Enumerable.Range(0, rows.Length).Where(i => fold[i] == f)];
            int[] rest = [.. Enumerable.Range(0, rows.Length).Where(i => fold[i] != f)];
            var m = TreeEnsemble.Fit(TreeLearner.LightGbm, settings, [.. rest.Select(i => rows[i])], [.. rest.Select(i => labels[i])], seed: 8);
            double[] p = m.Predict([.. inFold.Select(i => rows[i])]);
            for (int j = 0; j < inFold.Length; j++) outOfFold[inFold[j]] = p[j];
        }
        Assert.Equal(RankCorrelation.KendallTauB(outOfFold, [.. labels.Select(v => (double)v)]), result.Scores[0].KendallTau, 12);
    }

    [Fact]
    public void Folds_are_balanced_seeded_and_fewer_when_the_training_set_is_small()
    {
        int[] fold = TreeCrossValidation.FoldOf(23, 5, seed: 1);
        Assert.Equal([5, 5, 5, 4, 4], fold.GroupBy(f => f).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal(fold, TreeCrossValidation.FoldOf(23, 5, seed: 1));
        Assert.NotEqual(fold, TreeCrossValidation.FoldOf(23, 5, seed: 2));

        var (train, values) = Measured(6, seed: 9);
        using var model = Model(TreeLearner.LightGbm);
        model.Fit(train, values, seed: 0);
        Assert.Equal(3, model.Metadata!.CrossValidation!.Folds);

        // Below two folds of two there is nothing to validate on: the fixed settings are used, and recorded as such.
        using var tiny = Model(TreeLearner.LightGbm);
        tiny.Fit(train[..3], values[..3], seed: 0);
        Assert.Null(tiny.Metadata!.CrossValidation);
        Assert.Equal(FeatureModelConfig.DefaultSettings(TreeLearner.LightGbm), tiny.Metadata.Settings);
    }

    [Fact]
    public void Without_cross_validation_the_fixed_settings_are_used()
    {
        var (train, values) = Measured(30, seed: 10);
        var fixedSettings = new TreeSettings(20, 3, 0.2, 1);
        using var model = Model(TreeLearner.FastTree, config: new FeatureModelConfig { CrossValidate = false, Fixed = fixedSettings });
        model.Fit(train, values, seed: 0);
        Assert.Null(model.Metadata!.CrossValidation);
        Assert.Equal(fixedSettings, model.Metadata.Settings);
    }

    [Fact]
    public void Missing_feature_values_are_allowed_and_scored()
    {
        var (train, values) = Measured(30, seed: 11);
        string path = FeatureFile(train.Concat(Measured(20, seed: 12).Archs).Distinct().ToArray(), missingEvery: 3);
        var features = new FeatureConfig { Graph = false, Files = [new FeatureFile(path, "arch", ["conv3", "pool"])] };
        using var model = new FeatureModelPredictor("lgbm", TreeLearner.LightGbm, Space, features.Create(Space), features, SmallGrid);
        model.Fit(train, values, seed: 0);
        Assert.All(model.Predict(train), p => Assert.True(double.IsFinite(p)));
    }

    /// <summary>A feature file of <paramref name="archs"/> with their conv3 and pool counts; every k-th pool count left empty.</summary>
    private string FeatureFile(IReadOnlyList<string> archs, int missingEvery = 0, string name = "features.csv")
    {
        string path = Path.Combine(folder, name);
        var lines = archs.Select((a, i) => $"{a},{Count(a, "nor_conv_3x3")},{(missingEvery > 0 && i % missingEvery == 0 ? "" : Count(a, "avg_pool_3x3"))}");
        File.WriteAllLines(path, ["arch,conv3,pool", .. lines]);
        return path;
    }

    [Fact]
    public void A_saved_model_loads_with_identical_predictions_and_its_recorded_choice()
    {
        var (train, values) = Measured(40, seed: 13);
        var (unseen, _) = Measured(50, seed: 14);
        string features = FeatureFile(train.Concat(unseen).Distinct().ToArray());
        var config = new FeatureConfig { Files = [new FeatureFile(features, "arch", ["conv3", "pool"])] };
        var context = new PredictorContext(Space) { Features = config, FeatureModel = SmallGrid, Target = "cifar10", TrainMetric = "cifar10-valid" };
        using var model = (ISavablePredictor)PredictorRegistry.Create("lgbm", context);
        model.Fit(train, values, seed: 2);
        string path = Path.Combine(folder, "lgbm.model");
        model.Save(path);

        using var loaded = (FeatureModelPredictor)PredictorFiles.Load(path);
        Assert.Equal(model.Predict(unseen), loaded.Predict(unseen));
        var saved = ((FeatureModelPredictor)model).Metadata!;
        Assert.Equal("lgbm", loaded.Kind);
        Assert.Equal("cifar10-valid", loaded.TrainMetric);
        Assert.Equal(saved.Settings, loaded.Metadata!.Settings);
        Assert.Equal(saved.CrossValidation!.Scores, loaded.Metadata.CrossValidation!.Scores);
        Assert.Equal(config, loaded.Metadata.Features);
        Assert.Equal(29 + 2, loaded.Metadata.FeatureNames.Count);
        Assert.Throws<ArgumentException>(() => FeatureModelPredictor.Load(path, SearchSpaceCatalog.Get("nb101")));
    }

    [Fact]
    public void A_damaged_truncated_or_unbuildable_model_file_is_refused_naming_it()
    {
        var (train, values) = Measured(20, seed: 15);
        string features = FeatureFile(train);
        var config = new FeatureConfig { Graph = false, Files = [new FeatureFile(features, "arch", ["conv3"])] };
        using var model = new FeatureModelPredictor("boost", TreeLearner.FastTree, Space, config.Create(Space), config, SmallGrid);
        model.Fit(train, values, seed: 0);
        string path = Path.Combine(folder, "boost.model");
        model.Save(path);
        byte[] bytes = File.ReadAllBytes(path);

        string damaged = Path.Combine(folder, "damaged.model");
        byte[] flipped = [.. bytes];
        flipped[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(damaged, flipped);
        var e = Assert.Throws<InvalidDataException>(() => PredictorFiles.Load(damaged));
        Assert.Contains(damaged, e.Message);
        Assert.Contains("checksum", e.Message);

        string truncated = Path.Combine(folder, "truncated.model");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length - 100)]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => PredictorFiles.Load(truncated)).Message);

        // The feature file it was fitted on lost the column: the model cannot compute its features any more.
        File.WriteAllLines(features, ["arch,pool", .. train.Select(a => $"{a},0")]);
        var gone = Assert.Throws<InvalidDataException>(() => PredictorFiles.Load(path));
        Assert.Contains("features cannot be rebuilt", gone.Message);
        Assert.Contains("conv3", gone.Message);

        Assert.Throws<FileNotFoundException>(() => PredictorFiles.Load(Path.Combine(folder, "none.model")));
    }

    [Fact]
    public void Bad_input_is_refused_with_a_message_that_names_it()
    {
        using var model = Model(TreeLearner.LightGbm);
        var (train, values) = Measured(10, seed: 16);
        Assert.Contains("after Fit", Assert.Throws<InvalidOperationException>(() => model.Predict(train)).Message);
        Assert.Contains("10 architectures but 9 values", Assert.Throws<ArgumentException>(() => model.Fit(train, values[..9], 0)).Message);
        double[] bad = [.. values];
        bad[4] = double.NaN;
        Assert.Contains($"value 4 (of '{train[4]}')", Assert.Throws<ArgumentException>(() => model.Fit(train, bad, 0)).Message);
        string[] outside = [.. train];
        outside[2] = "|conv~0|";
        Assert.Contains("Architecture 2 ('|conv~0|')", Assert.Throws<ArgumentException>(() => model.Fit(outside, values, 0)).Message);

        model.Fit(train, values, 0);
        Assert.Contains("cannot rebuild", Assert.Throws<InvalidOperationException>(() => model.Save(Path.Combine(folder, "x.model"))).Message);
        Assert.Contains("folds must be at least 2",
            Assert.Throws<ArgumentException>(() => Model(TreeLearner.LightGbm, config: new FeatureModelConfig { Folds = 1 })).Message);
        Assert.Contains("leaves must be at least 2",
            Assert.Throws<ArgumentException>(() => Model(TreeLearner.LightGbm, config: new FeatureModelConfig { Grid = [new TreeSettings(10, 1, 0.1, 1)] })).Message);
    }
}
