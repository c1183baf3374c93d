using NasSharp.Encodings;
using NasSharp.Evaluation;
using NasSharp.Meta;
using NasSharp.Training;

namespace NasSharp.Tests.Meta;

public sealed class MetaTesterTests : IClassFixture<MetaTesterFixture>, IDisposable
{
    /// <summary>Rewards skip connections and penalises convolutions: anti-correlated with the source tasks.</summary>
    private static readonly double[] HeldOutWeights = [0, 0, 1, -0.5, -0.5, 0, 0];

    private readonly OneTorchThread threads = new();
    private readonly MetaModel model;
    private readonly GraphBatch test;
    private readonly double[] testValues;

    public MetaTesterTests(MetaTesterFixture fixture)
    {
        model = fixture.Model;
        var testGraphs = SyntheticTasks.Graphs(200, 21);
        test = SyntheticTasks.Batch(testGraphs);
        testValues = SyntheticTasks.Values(testGraphs, HeldOutWeights);
    }

    public void Dispose()
    {
        test.Dispose();
        threads.Dispose();
    }

    private double Spearman(MetaPredictor predictor) => RankCorrelation.Spearman(predictor.Predict(test), testValues);

    private static (GraphBatch Support, double[] Values) Support(int k, int seed)
    {
        var graphs = SyntheticTasks.Graphs(k, seed);
        return (SyntheticTasks.Batch(graphs), SyntheticTasks.Values(graphs, HeldOutWeights, noiseSeed: seed));
    }

    [Fact]
    public void Fine_tuning_on_the_support_set_improves_the_ranking_of_a_new_task()
    {
        var (support, values) = Support(12, 22);
        using var _ = support;
        using var empty = SyntheticTasks.Batch([]);
        double[] none = [];
        using var zeroShot = MetaTester.Adapt(model, empty, none);
        var paperSgd = new MetaTestConfig { Optimizer = FineTuningOptimizer.Sgd, LearningRate = 0.1, StepChoices = [5, 10, 20, 50, 100] };
        using var adapted = MetaTester.Adapt(model, support, values, paperSgd, seed: 1);
        Assert.Equal(0, zeroShot.Steps);
        Assert.Empty(zeroShot.CrossValidatedSpearman);
        Assert.Equal([5, 10, 20, 50, 100], adapted.CrossValidatedSpearman.Keys.Order());
        Assert.Contains(adapted.Steps, adapted.CrossValidatedSpearman.Keys);
        double before = Spearman(zeroShot), after = Spearman(adapted);
        Assert.True(before < 0 && after > 0.6, $"Spearman {before:F3} zero-shot vs {after:F3} after {adapted.Steps} steps");

        // Adapting works on copies: the meta-trained model still gives its zero-shot scores.
        using var zeroShotAgain = MetaTester.Adapt(model, empty, none);
        Assert.Equal(zeroShot.Predict(test), zeroShotAgain.Predict(test));
    }

    [Fact]
    public void Adaptation_is_seeded_and_small_k_skips_cross_validation()
    {
        var (support, values) = Support(5, 23);
        using var _ = support;
        using var a = MetaTester.Adapt(model, support, values, seed: 2);
        using var b = MetaTester.Adapt(model, support, values, seed: 2);
        Assert.Equal(a.Predict(test), b.Predict(test));
        Assert.Equal(new MetaTestConfig().StepChoices.Order(), a.CrossValidatedSpearman.Keys.Order());

        using var firstTwo = TorchSharp.torch.tensor(new long[] { 0, 1 });
        using var two = support.Select(firstTwo);
        using var k2 = MetaTester.Adapt(model, two, values[..2]);
        Assert.Equal(5, k2.Steps);
        Assert.Empty(k2.CrossValidatedSpearman);
    }

    [Fact]
    public void Baselines_fine_tune_from_a_random_and_a_pretrained_start()
    {
        var (support, values) = Support(10, 24);
        using var _ = support;
        using var scratch = MetaTester.RandomInit(SyntheticTasks.NodeTypes, MetaTesterFixture.Network, support, values, seed: 3);
        Assert.Equal(new MetaTestConfig().StepChoices.Count, scratch.CrossValidatedSpearman.Count);
        Assert.All(scratch.Predict(test), s => Assert.True(double.IsFinite(s)));

        var sourceGraphs = SyntheticTasks.Graphs(40, 25);
        using var sourceGraphBatch = SyntheticTasks.Batch(sourceGraphs);
        var source = new MetaTask("related", sourceGraphBatch, SyntheticTasks.Values(sourceGraphs, [0, 0, 1, -0.4, -0.6, 0.1, 0]));
        using var pretrained = MetaTester.Pretrain(source, MetaTesterFixture.Network, new TrainingConfig(Epochs: 30, BatchSize: 10, LearningRate: 1e-2), seed: 3);
        var before = pretrained.ParameterList.Select(p => p.clone()).ToArray();
        using var transfer = MetaTester.NaiveTransfer(pretrained, support, values, seed: 3);
        // fine-tuning works on a copy: the pre-trained network can serve every run.
        Assert.All(pretrained.ParameterList.Zip(before), pair => Assert.True(pair.First.equal(pair.Second).all().item<bool>()));
        Assert.True(Spearman(transfer) > 0.5, $"naive transfer from a closely related task gives Spearman {Spearman(transfer):F3}");
    }

    [Fact]
    public void Adam_fine_tuning_fits_the_new_task_and_is_seeded()
    {
        var (support, values) = Support(12, 30);
        using var _ = support;
        var adam = new MetaTestConfig { Optimizer = FineTuningOptimizer.Adam, LearningRate = 1e-2, StepChoices = [5, 20, 100] };
        using var a = MetaTester.Adapt(model, support, values, adam, seed: 6);
        using var b = MetaTester.Adapt(model, support, values, adam, seed: 6);
        Assert.Equal(a.Predict(test), b.Predict(test));
        Assert.Equal([5, 20, 100], a.CrossValidatedSpearman.Keys.Order());
        Assert.True(Spearman(a) > 0.6, $"Adam fine-tuning gives Spearman {Spearman(a):F3} after {a.Steps} steps");
        Assert.Throws<ArgumentException>(() => MetaTester.Adapt(model, support, values, adam with { Optimizer = (FineTuningOptimizer)7 }));
    }

    [Fact]
    public void Zero_steps_is_a_candidate_that_keeps_the_meta_learned_weights()
    {
        var (support, values) = Support(6, 28);
        using var _ = support;
        using var empty = SyntheticTasks.Batch([]);
        using var zeroShot = MetaTester.Adapt(model, empty, []);
        using var fixedZero = MetaTester.Adapt(model, support, values, new MetaTestConfig { StepChoices = [0] }, seed: 4);
        Assert.Equal(0, fixedZero.Steps);
        Assert.Equal(zeroShot.Predict(test), fixedZero.Predict(test));

        // The zero-step candidate is scored like the others: the Spearman of the unchanged model on the support set.
        using var withZero = MetaTester.Adapt(model, support, values, new MetaTestConfig { StepChoices = [0, 5, 10] }, seed: 4);
        Assert.Equal(RankCorrelation.Spearman(zeroShot.Predict(support), values), withZero.CrossValidatedSpearman[0], 12);
        Assert.Throws<ArgumentException>(() => MetaTester.Adapt(model, support, values, new MetaTestConfig { StepChoices = [-1, 5] }));
    }

    [Fact]
    public void A_diverging_learning_rate_is_never_chosen_and_fails_clearly_when_forced()
    {
        var (support, values) = Support(6, 29);
        using var _ = support;
        var huge = new MetaTestConfig { Optimizer = FineTuningOptimizer.Sgd, LearningRate = 1e6, StepChoices = [0, 20] };
        using var fallback = MetaTester.Adapt(model, support, values, huge, seed: 5);
        Assert.Equal(0, fallback.Steps);
        Assert.True(double.IsNaN(fallback.CrossValidatedSpearman[20]));

        var forced = huge with { StepChoices = [20] };
        var error = Assert.Throws<FineTuningDivergedException>(() => MetaTester.Adapt(model, support, values, forced, seed: 5));
        Assert.Contains("diverged", error.Message);
        Assert.Contains("lower learning rate", error.Message);

        // The transfer protocol records such a run instead of stopping the experiment (a rerun would diverge again).
        var protocol = new TransferProtocol(forced, new MetaTestConfig(), MetaTesterFixture.Network, TransferProtocol.DefaultPretraining);
        var heldOut = new MetaTask("held-out", test, [.. testValues]);
        var run = protocol.Run(TransferMethods.MpNas, new TransferSources(model), heldOut, k: 6, seed: 5, run: 0);
        Assert.True(run.Diverged);
        Assert.True(double.IsNaN(run.Spearman));
        Assert.Equal(20, run.Steps);
        Assert.False(protocol.Run(TransferMethods.RandomInit, TransferSources.None, heldOut, k: 6, seed: 5, run: 0).Diverged);
    }

    [Fact]
    public void A_start_that_ranks_the_support_set_backwards_is_replaced_by_a_random_one()
    {
        var (support, _) = Support(6, 31);
        using var __ = support;
        using var empty = SyntheticTasks.Batch([]);
        using var zeroShot = MetaTester.Adapt(model, empty, []);
        // With zero steps the cross-validated Spearman is that of the meta-learned start: +1 on its own order, -1 reversed.
        double[] agree = zeroShot.Predict(support), reversed = [.. agree.Select(v => -v)];
        var fallback = new MetaTestConfig { StepChoices = [0], Start = StartSelection.RandomFallback };

        using var kept = MetaTester.Adapt(model, support, agree, fallback, seed: 8);
        Assert.Equal(FineTuningStart.MetaLearned, kept.Start);
        Assert.Equal(1, kept.CrossValidatedSpearman[0], 12);
        Assert.Equal(zeroShot.Predict(test), kept.Predict(test));

        using var replaced = MetaTester.Adapt(model, support, reversed, fallback, seed: 8);
        using var scratch = MetaTester.RandomInit(SyntheticTasks.NodeTypes, MetaTesterFixture.Network, support, reversed, fallback, seed: 8);
        Assert.Equal(FineTuningStart.RandomInit, replaced.Start);
        Assert.Equal(scratch.Predict(test), replaced.Predict(test));

        // CrossValidated takes the random start only when it cross-validates better than the meta-learned one.
        var compare = fallback with { Start = StartSelection.CrossValidated };
        Assert.True(scratch.CrossValidatedSpearman[0] > -1, "the random start should not reproduce the reversed order exactly");
        using var better = MetaTester.Adapt(model, support, reversed, compare, seed: 8);
        Assert.Equal(FineTuningStart.RandomInit, better.Start);
        using var worse = MetaTester.Adapt(model, support, agree, compare, seed: 8);
        Assert.Equal(FineTuningStart.MetaLearned, worse.Start);

        // The paper's rule keeps the meta-learned start, and so does K = 2, which cannot be cross-validated.
        using var paper = MetaTester.Adapt(model, support, reversed, fallback with { Start = StartSelection.MetaLearned }, seed: 8);
        Assert.Equal(FineTuningStart.MetaLearned, paper.Start);
        using var firstTwo = TorchSharp.torch.tensor(new long[] { 0, 1 });
        using var two = support.Select(firstTwo);
        using var k2 = MetaTester.Adapt(model, two, reversed[..2], fallback, seed: 8);
        Assert.Equal(FineTuningStart.MetaLearned, k2.Start);
        Assert.Throws<ArgumentException>(() => MetaTester.Adapt(model, support, agree, fallback with { Start = (StartSelection)9 }));
    }

    [Fact]
    public void Boil_fine_tuning_keeps_the_head_frozen_unless_all_parameters_are_asked_for()
    {
        // A BOIL model whose head is zero scores every cell 0, and no body update can change that: only a head that
        // is fine-tuned too (Parameters = All) can turn the support values into a ranking.
        var boil = model.Metadata.Training with { Algorithm = MetaAlgorithm.Boil };
        var network = model.Network.Clone();
        using (TorchSharp.torch.no_grad())
            foreach (var (name, p) in network.named_parameters())
                if (name.StartsWith(MetaGcn.HeadPrefix, StringComparison.Ordinal)) p.zero_();
        using var headless = new MetaModel(network, model.Metadata with { Training = boil });
        var (support, values) = Support(12, 22);
        using var _ = support;
        var config = new MetaTestConfig { StepChoices = [50] };

        using var frozen = MetaTester.Adapt(headless, support, values, config, seed: 1);
        Assert.All(frozen.Predict(test), score => Assert.Equal(0, score));

        using var all = MetaTester.Adapt(headless, support, values, config with { Parameters = FineTunedParameters.All }, seed: 1);
        Assert.True(Spearman(all) > 0.5, $"Spearman {Spearman(all):F3} with the head fine-tuned");
        Assert.Throws<ArgumentException>(() => MetaTester.Adapt(headless, support, values, config with { Parameters = (FineTunedParameters)7 }));
    }

    [Fact]
    public void Mismatched_support_is_an_argument_error()
    {
        var (support, values) = Support(5, 26);
        using var _ = support;
        Assert.Contains("K must match", Assert.Throws<ArgumentException>(() => MetaTester.Adapt(model, support, values[..4])).Message);
        Assert.Throws<ArgumentException>(() => MetaTester.Adapt(model, support, [1, 2, double.NaN, 4, 5]));
        Assert.Throws<ArgumentException>(() => MetaTester.Adapt(model, support, values, new MetaTestConfig { StepChoices = [] }));
        using var wide = GraphBatch.Create(SyntheticTasks.Graphs(5, 27), SyntheticTasks.NodeTypes + 1, SyntheticTasks.Space.MaxNodes);
        Assert.Contains("node types", Assert.Throws<ArgumentException>(() => MetaTester.Adapt(model, wide, values)).Message);
    }
}
