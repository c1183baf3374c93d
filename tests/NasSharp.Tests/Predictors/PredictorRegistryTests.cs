using System.IO.Compression;
using NasSharp.Evaluation;
using NasSharp.HyperNetworks;
using NasSharp.Images;
using NasSharp.Meta;
using NasSharp.Predictors;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.Training;
using NasSharp.Unified;
using TorchSharp;

namespace NasSharp.Tests.Predictors;

/// <summary>The predictor registry and every kind behind the one contract, on tiny configurations.</summary>
public sealed class PredictorRegistryTests : IDisposable
{
    private static readonly Nb201Space Space = new();
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-registry-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Every kind of the registry, so that a new kind without a round-trip test fails <see cref="Every_kind_is_tested"/>.</summary>
    private static readonly string[] TestedKinds = ["np", "np-hybrid", "hypernas-p", "hypernas", "hypernas-h", "mp-nas", "op-count", "feature-ridge", "ensemble", "forest", "lgbm", "boost", "default"];

    public static TheoryData<string> Kinds() => new(TestedKinds);

    [Fact]
    public void Every_kind_is_tested() => Assert.Equal(PredictorRegistry.Names.Order(), TestedKinds.Order());

    private static (string[] Archs, double[] Values) Measured(int count, int seed)
    {
        var rng = new Random(seed);
        var archs = new HashSet<string>();
        while (archs.Count < count) archs.Add(Space.Canonicalize(Space.Sample(rng)));
        // A value the cell determines: convolutions help, pooling hurts, as on the benchmark.
        double[] values = [.. archs.Select(a => 70 + 3.0 * Count(a, "nor_conv_3x3") + Count(a, "nor_conv_1x1") - 2.0 * Count(a, "avg_pool_3x3"))];
        return ([.. archs], values);
    }

    private static int Count(string arch, string op) => arch.Split(op).Length - 1;

    private PredictorContext Context() => new(Space)
    {
        Network = new NetworkPredictorConfig
        {
            Training = new TrainingConfig(Epochs: 3, BatchSize: 5, LearningRate: 1e-2),
            Np = new NpConfig(Hidden: 16, Layers: 2, HeadHidden: 16),
            Global = new GlobalEncodingConfig(Hidden: 8, Layers: 2, HeadHidden: 8),
            HyperNas = new HyperNasConfig(Accumulation: 1, LearningRateSchedule.Cosine, AuxiliaryEvery: 2,
                new ImageBatchConfig(BatchSize: 4, Augment: false, Downsample: 4), new TargetNetworkConfig(Channels: 4, CellsPerStage: 1),
                new HyperNetworkConfig(Hidden: 8)),
        },
        Images = Images(),
        MetaModelPath = TinyMetaModel(),
        MetaTest = new MetaTestConfig { StepChoices = [1, 5] },
        Ensemble = new EnsembleConfig("np", Size: 2),
        FeatureModel = new NasSharp.Predictors.Features.FeatureModelConfig { Grid = [new(20, 4, 0.1, 1), new(20, 8, 0.1, 2)] },
    };

    /// <summary>12 random 32×32 images whose label is the brightest channel.</summary>
    private Cifar10Dataset Images()
    {
        var rng = new Random(0);
        var raw = new byte[12 * Cifar10Dataset.RecordBytes];
        for (int i = 0; i < 12; i++)
        {
            int label = i % 3, o = i * Cifar10Dataset.RecordBytes;
            raw[o] = (byte)label;
            for (int p = 0; p < Cifar10Dataset.ImageBytes; p++) raw[o + 1 + p] = (byte)(p / 1024 == label ? 200 + rng.Next(50) : rng.Next(100));
        }
        string path = Path.Combine(folder, "images.bin.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest)) gz.Write(raw);
        return Cifar10Dataset.Load([path]);
    }

    /// <summary>An untrained one-layer meta-model, saved as meta-train saves one.</summary>
    private string TinyMetaModel()
    {
        string path = Path.Combine(folder, "tiny.meta");
        if (File.Exists(path)) return path;
        torch.manual_seed(5);
        var config = MetaTrainingConfig.Cpu with { Network = new MetaGcnConfig(Layers: 1, Hidden: 8) };
        var metadata = new MetaModelMetadata(UnifiedVocabulary.Count, config, 5, ["nb201/cifar100"], config.Epochs, CodeVersion.Current, DateTime.UnixEpoch);
        using var model = new MetaModel(new MetaGcn(UnifiedVocabulary.Count, config.Network), metadata);
        model.Save(path);
        return path;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_round_trips_create_fit_predict(string name)
    {
        var kind = PredictorRegistry.Get(name);
        var (train, values) = Measured(20, seed: 1);
        var (unseen, _) = Measured(30, seed: 2);
        var context = Context();
        using var predictor = PredictorRegistry.Create(name, context);
        // An alias makes the kind it stands for.
        string made = kind.Resolve(context).Name;
        Assert.Equal(made, predictor.Kind);
        Assert.Equal(name != "hypernas-h", kind.HasScoreHead);
        Assert.Contains("after Fit", Assert.Throws<InvalidOperationException>(() => predictor.Predict(unseen)).Message);
        predictor.Fit(train, values, seed: 3);
        if (!kind.HasScoreHead)
        {
            Assert.Contains("no score head", Assert.Throws<NotSupportedException>(() => predictor.Predict(unseen)).Message);
            return;
        }
        double[] predicted = predictor.Predict(unseen);
        Assert.Equal(unseen.Length, predicted.Length);
        Assert.All(predicted, p => Assert.True(double.IsFinite(p)));

        // Same inputs and seed, same predictions, from a fresh predictor.
        using var again = kind.Create(context);
        again.Fit(train, values, seed: 3);
        Assert.Equal(predicted, again.Predict(unseen));

        if (!kind.Saves) return;
        string path = Path.Combine(folder, name + ".model");
        ((ISavablePredictor)predictor).Save(path);
        using var loaded = PredictorFiles.Load(path);
        Assert.Equal(made, loaded.Kind);
        Assert.Equal(predicted, loaded.Predict(unseen));
    }

    [Fact]
    public void The_default_alias_stands_for_the_best_measured_kind_and_advises_proxies_only_when_no_feature_file_is_given()
    {
        var kind = PredictorRegistry.Get(PredictorRegistry.Default);
        Assert.Equal("np-hybrid", kind.Resolve(Context()).Name);
        var nb101 = new PredictorContext(SearchSpaceCatalog.Get("nb101"));
        Assert.Equal("np-hybrid", kind.Resolve(nb101).Name);
        Assert.Null(PredictorRegistry.DefaultAdvice(nb101));
        var tb101 = new PredictorContext(SearchSpaceCatalog.Get("tb101"));
        Assert.Equal("lgbm", kind.Resolve(tb101).Name);
        Assert.Null(PredictorRegistry.DefaultAdvice(tb101));
        Assert.Same(PredictorRegistry.Get("lgbm"), PredictorRegistry.Get("lgbm").Resolve(Context()));
        Assert.Contains("graph features only", PredictorRegistry.DefaultAdvice(Context()));
        var withProxies = Context() with { Features = new NasSharp.Features.FeatureConfig { Files = [new("proxies.csv", "arch", ["naswot"])] } };
        Assert.Null(PredictorRegistry.DefaultAdvice(withProxies));
    }

    [Fact]
    public void Model_files_of_a_hypernetwork_kind_keep_their_settings_through_save_and_load()
    {
        var (train, values) = Measured(20, seed: 1);
        var context = Context();
        using var predictor = (NetworkPredictor)PredictorRegistry.Create("hypernas-h", context);
        predictor.Fit(train, values, seed: 3);
        string path = Path.Combine(folder, "h.model");
        predictor.Save(path);
        using var loaded = NetworkPredictor.Load(path);
        Assert.Equal(context.Network.HyperNas with { Tasks = HyperNasTasks.HypernetworkOnly }, loaded.Model!.Metadata.HyperNas);
        Assert.Equal(predictor.Model!.Metadata.ImageMean, loaded.Model.Metadata.ImageMean);
    }

    [Fact]
    public void A_trained_network_predicts_the_values_unit_and_a_different_seed_gives_a_different_network()
    {
        var (train, values) = Measured(30, seed: 4);
        var context = Context() with { Network = Context().Network with { Training = new TrainingConfig(Epochs: 40) } };
        using var a = PredictorRegistry.Create("np", context);
        using var b = PredictorRegistry.Create("np", context);
        a.Fit(train, values, seed: 1);
        b.Fit(train, values, seed: 2);
        double[] pa = a.Predict(train), pb = b.Predict(train);
        Assert.NotEqual(pa, pb);
        // In the values' unit (around 70..88), and ranking the training set well after 40 epochs.
        Assert.InRange(pa.Average(), values.Min(), values.Max());
        Assert.True(RankCorrelation.Spearman(pa, values) > 0.8, $"Spearman {RankCorrelation.Spearman(pa, values)}");
    }

    [Fact]
    public void A_warm_start_continues_from_the_previous_weights_and_stays_reproducible()
    {
        var (first, firstValues) = Measured(20, seed: 5);
        var (more, moreValues) = Measured(30, seed: 6);
        var (unseen, _) = Measured(25, seed: 7);
        var scratchContext = Context();
        var warmContext = scratchContext with { Network = scratchContext.Network with { WarmStartEpochs = 2 } };

        double[] Run(PredictorContext context)
        {
            using var predictor = PredictorRegistry.Create("np", context);
            predictor.Fit(first, firstValues, seed: 1);
            predictor.Fit(more, moreValues, seed: 2);
            return predictor.Predict(unseen);
        }

        using var scratchSecond = PredictorRegistry.Create("np", scratchContext);
        scratchSecond.Fit(more, moreValues, seed: 2);
        double[] fromScratch = scratchSecond.Predict(unseen);
        // Without a warm start, a refit forgets the first fit entirely.
        Assert.Equal(fromScratch, Run(scratchContext));
        double[] warm = Run(warmContext);
        Assert.NotEqual(fromScratch, warm);
        Assert.Equal(warm, Run(warmContext));

        // A warm refit is the previous network trained on: with the same weights, 2 epochs from the first fit's.
        using var firstOnly = PredictorRegistry.Create("np", scratchContext);
        firstOnly.Fit(first, firstValues, seed: 1);
        var graphs = more.Select(Space.Encode).ToArray();
        using var manual = ((NetworkPredictor)firstOnly).Model!.Refit(graphs, moreValues, epochs: 2, seed: 2);
        Assert.Equal(warm, manual.Predict([.. unseen.Select(Space.Encode)]));
        Assert.Equal(2, manual.Metadata.Training.Epochs);
    }

    [Fact]
    public void An_ensemble_is_the_mean_and_spread_of_members_fitted_with_consecutive_seeds()
    {
        var (train, values) = Measured(20, seed: 8);
        var (unseen, _) = Measured(15, seed: 9);
        var context = Context() with { Ensemble = new EnsembleConfig("np", Size: 3) };
        using var ensemble = (IUncertainPredictor)PredictorRegistry.Create("ensemble", context);
        ensemble.Fit(train, values, seed: 10);
        var (mean, spread) = ensemble.PredictWithSpread(unseen);

        var members = Enumerable.Range(0, 3).Select(i =>
        {
            using var member = PredictorRegistry.Create("np", context);
            member.Fit(train, values, seed: 10 + i);
            return member.Predict(unseen);
        }).ToArray();
        for (int a = 0; a < unseen.Length; a++)
        {
            double m = members.Average(p => p[a]);
            Assert.Equal(m, mean[a], 10);
            Assert.Equal(Math.Sqrt(members.Average(p => (p[a] - m) * (p[a] - m))), spread[a], 10);
        }
        Assert.Contains(spread, s => s > 0);
        Assert.Equal(mean, ensemble.Predict(unseen));
    }

    [Fact]
    public void Np_hybrid_is_np_with_the_hinge_loss_and_the_context_features_in_its_readout()
    {
        var (train, values) = Measured(20, seed: 4);
        var (unseen, _) = Measured(15, seed: 5);
        var context = Context();
        var spelledOut = context with
        {
            Network = context.Network with
            {
                Training = context.Network.Training with { Loss = new LossConfig(LossKind.Hinge) },
                ReadoutFeatures = context.Features,
            },
        };
        using var hybrid = PredictorRegistry.Create("np-hybrid", context);
        using var np = PredictorRegistry.Create("np", spelledOut);
        hybrid.Fit(train, values, seed: 6);
        np.Fit(train, values, seed: 6);
        Assert.Equal(np.Predict(unseen), hybrid.Predict(unseen));

        // The preset is what commands record, and a ranking loss already chosen is kept.
        var prepared = PredictorRegistry.Get("np-hybrid").Prepare(context);
        Assert.Equal(spelledOut.Network, prepared.Network);
        var pairwise = context with { Network = context.Network with { Training = context.Network.Training with { Loss = new LossConfig(LossKind.Pairwise) } } };
        Assert.Equal(LossKind.Pairwise, PredictorRegistry.Get("np-hybrid").Prepare(pairwise).Network.Training.Loss.Kind);
        Assert.Same(context, PredictorRegistry.Get("np").Prepare(context));
    }

    [Fact]
    public void An_ensemble_reports_the_epochs_of_all_its_members_added_up_at_every_fit()
    {
        var (train, values) = Measured(10, seed: 8);
        var reported = new List<int>();
        var context = Context() with { Ensemble = new EnsembleConfig("np", Size: 2), EpochDone = reported.Add };
        using var ensemble = PredictorRegistry.Create("ensemble", context);
        ensemble.Fit(train, values, seed: 0);
        Assert.Equal(Enumerable.Range(1, 2 * 3), reported);
        ensemble.Fit(train, values, seed: 1);
        Assert.Equal(Enumerable.Range(1, 4 * 3), reported);
    }

    [Fact]
    public void The_op_count_ridge_recovers_a_value_linear_in_the_operation_counts()
    {
        var (train, values) = Measured(40, seed: 11);
        var (unseen, truth) = Measured(20, seed: 12);
        using var ridge = PredictorRegistry.Create("op-count", Context() with { OpCountPenalty = 1e-6 });
        ridge.Fit(train, values, seed: 0);
        double[] predicted = ridge.Predict(unseen);
        for (int i = 0; i < unseen.Length; i++) Assert.Equal(truth[i], predicted[i], 3);
    }

    [Fact]
    public void Mp_nas_is_the_meta_test_adaptation_in_the_values_unit_and_can_start_zero_shot()
    {
        var (train, values) = Measured(12, seed: 13);
        var (unseen, _) = Measured(10, seed: 14);
        var context = Context();
        using var predictor = (MpNasPredictor)PredictorRegistry.Create("mp-nas", context);
        predictor.Fit(train, values, seed: 4);
        double[] predicted = predictor.Predict(unseen);

        using var model = MetaModel.Load(context.MetaModelPath!);
        var encoder = new UnifiedEncoder(Space);
        using var support = Encodings.GraphBatch.Create([.. train.Select(encoder.Encode)], UnifiedVocabulary.Count, UnifiedEncoder.MaxNodes);
        using var adapted = MetaTester.Adapt(model, support, values, context.MetaTest, seed: 4);
        using var query = Encodings.GraphBatch.Create([.. unseen.Select(encoder.Encode)], UnifiedVocabulary.Count, UnifiedEncoder.MaxNodes);
        var norm = TargetNormalization.Fit(values);
        double[] expected = [.. adapted.Predict(query).Select(z => z * norm.Std + norm.Mean)];
        for (int i = 0; i < unseen.Length; i++) Assert.Equal(expected[i], predicted[i], 9);
        Assert.Equal(adapted.Steps, predictor.Adapted!.Steps);

        predictor.Fit([], [], seed: 4);
        Assert.Equal(0, predictor.Adapted!.Steps);
        Assert.Equal(unseen.Length, predictor.Predict(unseen).Length);
    }

    [Fact]
    public void Bad_requests_are_refused_with_what_was_expected()
    {
        var e = Assert.Throws<ArgumentException>(() => PredictorRegistry.Get("gp"));
        Assert.Contains("Unknown predictor 'gp'; valid: np, np-hybrid, hypernas-p, hypernas, hypernas-h, mp-nas, op-count, feature-ridge, ensemble", e.Message);
        Assert.Contains("needs a meta-trained model file", Assert.Throws<ArgumentException>(() =>
            PredictorRegistry.Create("mp-nas", new PredictorContext(Space))).Message);
        Assert.Contains("CIFAR-10 images", Assert.Throws<ArgumentException>(() =>
            PredictorRegistry.Create("hypernas", new PredictorContext(Space))).Message);
        Assert.Contains("cannot be ensembles", Assert.Throws<ArgumentException>(() =>
            PredictorRegistry.Create("ensemble", new PredictorContext(Space) { Ensemble = new EnsembleConfig("ensemble") })).Message);
        Assert.Contains("no score head", Assert.Throws<ArgumentException>(() =>
            PredictorRegistry.Create("ensemble", Context() with { Ensemble = new EnsembleConfig("hypernas-h") })).Message);
        Assert.Contains("WarmStartEpochs must be at least 1", Assert.Throws<ArgumentException>(() =>
            PredictorRegistry.Create("np", new PredictorContext(Space) { Network = new NetworkPredictorConfig { WarmStartEpochs = 0 } })).Message);

        using var np = PredictorRegistry.Create("np", Context());
        var (train, values) = Measured(5, seed: 1);
        Assert.Contains("at least 2 architectures", Assert.Throws<ArgumentException>(() => np.Fit(train[..1], values[..1], 0)).Message);
        Assert.Contains("5 architectures but 4 values", Assert.Throws<ArgumentException>(() => np.Fit(train, values[..4], 0)).Message);
        double[] withNaN = [.. values];
        withNaN[3] = double.NaN;
        Assert.Contains($"value 3 (of '{train[3]}') is NaN", Assert.Throws<ArgumentException>(() => np.Fit(train, withNaN, 0)).Message);
        string[] withBad = [.. train];
        withBad[2] = "|conv~0|";
        Assert.Contains("Architecture 2 ('|conv~0|') is not one of nb201", Assert.Throws<ArgumentException>(() => np.Fit(withBad, values, 0)).Message);

        var nb101 = SearchSpaceCatalog.Get("nb101");
        np.Fit(train, values, 0);
        string path = Path.Combine(folder, "np.model");
        ((NetworkPredictor)np).Save(path);
        Assert.Contains("trained on 'nb201', not 'nb101'", Assert.Throws<ArgumentException>(() => NetworkPredictor.Load(path, nb101)).Message);
    }
}
