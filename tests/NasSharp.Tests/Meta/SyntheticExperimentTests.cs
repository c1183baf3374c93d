using NasSharp.Evaluation;
using NasSharp.Meta;
using NasSharp.Tasks;

namespace NasSharp.Tests.Meta;

/// <summary>The synthetic study's library entry point on noisy copies of TB101 jigsaw, without meta-training (random init only).</summary>
public sealed class SyntheticExperimentTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-synthetic-experiment-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Random_init_runs_equal_the_protocol_on_the_study_and_are_shared_by_settings_of_one_sigma()
    {
        using var threads = new OneTorchThread();
        var baseline = new SyntheticSetting(0.5, 1, 0);
        var settings = SyntheticFactor.CorrelatedTasks.Panel([1, 3], baseline);
        var fineTuning = new MetaTestConfig { StepChoices = [5] };
        var protocol = new TransferProtocol(fineTuning, fineTuning, MetaTesterFixture.Network, TransferProtocol.DefaultPretraining);
        var config = new SyntheticConfig("tb101/jigsaw", settings, 40, 5, 2, [3, 4], [TransferMethods.RandomInit], MetaTrainingConfig.Cpu, protocol);
        var experiment = SyntheticExperiment.Open(folder, config, TestData.Root);
        experiment.Run();
        var runs = experiment.Results.Runs;
        Assert.Equal(2 * 2 * 2, runs.Count);
        Assert.False(Directory.Exists(Path.Combine(folder, "models")));

        var jigsaw = TaskCatalog.Load(TestData.Root, ["tb101/jigsaw"])[0];
        foreach (var (seed, seedIndex) in new[] { (3, 0), (4, 1) })
        {
            using var study = new SyntheticStudy(jigsaw.Graphs, jigsaw.Values, 40, seed);
            for (int r = 0; r < 2; r++)
            {
                double expected = protocol.Run(TransferMethods.RandomInit, TransferSources.None, study.HeldOutTask(baseline), 5, seed, r).Spearman;
                // Runs of the second seed are numbered after those of the first; both settings share σ, so their runs are one.
                Assert.All(settings, s => Assert.Equal(expected, Assert.Single(runs, x => x.HeldOut == s.Label && x.Run == seedIndex * 2 + r).Spearman));
            }
        }
    }

    [Theory]
    [InlineData("sigma", -1, "--values for sigma must be numbers ≥ 0; got -1.")]
    [InlineData("correlated-tasks", 1.5, "--values for correlated-tasks must be whole numbers ≥ 1; got 1.5.")]
    [InlineData("uncorrelated-tasks", -2, "--values for uncorrelated-tasks must be whole numbers ≥ 0; got -2.")]
    public void A_panel_refuses_values_that_do_not_fit_its_factor(string factor, double value, string expected) =>
        Assert.Equal(expected, Assert.Throws<ArgumentException>(() => SyntheticFactor.Get(factor).Panel([1, value], new SyntheticSetting(0.5, 10, 0))).Message);

    [Fact]
    public void A_panel_varies_only_its_factor()
    {
        var defaults = new SyntheticSetting(0.5, 10, 2);
        Assert.Equal([defaults with { Sigma = 0.25 }, defaults with { Sigma = 2 }], SyntheticFactor.Sigma.Panel([0.25, 2], defaults));
        Assert.Equal([defaults with { UncorrelatedTasks = 0 }, defaults with { UncorrelatedTasks = 5 }], SyntheticFactor.UncorrelatedTasks.Panel([0, 5], defaults));
        Assert.Contains("valid: sigma, correlated-tasks, uncorrelated-tasks", Assert.Throws<ArgumentException>(() => SyntheticFactor.Get("noise")).Message);
    }

    [Fact]
    public void Methods_the_study_does_not_compare_are_refused()
    {
        var protocol = new TransferProtocol(new MetaTestConfig(), new MetaTestConfig(), MetaTesterFixture.Network, TransferProtocol.DefaultPretraining);
        var config = new SyntheticConfig("tb101/jigsaw", [new SyntheticSetting(0.5, 1, 0)], 40, 5, 1, [0], [TransferMethods.NaiveTransfer],
            MetaTrainingConfig.Cpu, protocol);
        Assert.Contains("compares mp-nas and random-init, not naive-transfer",
            Assert.Throws<ArgumentException>(() => SyntheticExperiment.Open(folder, config, TestData.Root)).Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }
}
