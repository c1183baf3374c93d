using NasSharp.Evaluation;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.Unified;

namespace NasSharp.Tests.Evaluation;

/// <summary>The synthetic study's tasks (mp-nas §4.1) on 60 real NB201 cells with a made-up baseline.</summary>
public sealed class SyntheticStudyTests : IDisposable
{
    private static readonly string[] Cells = [.. Nb201Space.Enumerate().Take(60).Select(c => c.ToString())];
    private static readonly double[] Baseline = [.. Enumerable.Range(0, Cells.Length).Select(i => (double)(i % 17) + 0.1 * i)];
    private readonly SyntheticStudy study = new([.. Cells.Select(new UnifiedEncoder(new Nb201Space()).Encode)], Baseline, metaArchitectures: 20, seed: 4);

    public void Dispose() => study.Dispose();

    [Fact]
    public void A_setting_meta_trains_on_its_correlated_then_its_noise_tasks_and_tests_on_the_other_cells()
    {
        var tasks = study.MetaTrainingTasks(new SyntheticSetting(0.5, CorrelatedTasks: 3, UncorrelatedTasks: 2));
        Assert.Equal(["synthetic/sigma=0.5/correlated-0", "synthetic/sigma=0.5/correlated-1", "synthetic/sigma=0.5/correlated-2",
            "synthetic/noise-0", "synthetic/noise-1"], tasks.Select(t => t.Name));
        Assert.All(tasks, t => Assert.Equal(20, t.Count));
        var heldOut = study.HeldOutTask(new SyntheticSetting(0.5, 3, 2));
        Assert.Equal(40, heldOut.Count);
        Assert.Equal(40, study.TestCount);
    }

    [Fact]
    public void More_tasks_add_tasks_without_redrawing_the_others()
    {
        var few = study.MetaTrainingTasks(new SyntheticSetting(1, 2, 0));
        var many = study.MetaTrainingTasks(new SyntheticSetting(1, 5, 1));
        for (int j = 0; j < few.Count; j++) Assert.Equal(few[j].Targets, many[j].Targets);
        Assert.Equal(study.HeldOutTask(new SyntheticSetting(1, 2, 0)).Targets, study.HeldOutTask(new SyntheticSetting(1, 5, 7)).Targets);
        Assert.NotEqual(study.HeldOutTask(new SyntheticSetting(1, 2, 0)).Targets, study.HeldOutTask(new SyntheticSetting(2, 2, 0)).Targets);
    }

    [Fact]
    public void Without_noise_every_task_is_the_baseline()
    {
        var tasks = study.MetaTrainingTasks(new SyntheticSetting(0, 2, 0));
        Assert.Equal(tasks[0].Targets, tasks[1].Targets);
        // Z-scored baseline values of the meta-training cells: ranks agree with the baseline's.
        Assert.Equal(1, RankCorrelation.Spearman([.. tasks[0].Targets.Select(v => (double)v)], [.. tasks[1].Targets.Select(v => (double)v)]), 12);
    }

    [Fact]
    public void Bad_settings_and_sizes_are_rejected()
    {
        Assert.Contains("correlated", Assert.Throws<ArgumentException>(() => study.MetaTrainingTasks(new SyntheticSetting(1, 0, 0))).Message);
        Assert.Contains("uncorrelated", Assert.Throws<ArgumentException>(() => study.MetaTrainingTasks(new SyntheticSetting(1, 1, -1))).Message);
        Assert.Contains("σ", Assert.Throws<ArgumentException>(() => study.HeldOutTask(new SyntheticSetting(-0.1, 1, 0))).Message);
        var graphs = Cells.Select(new UnifiedEncoder(new Nb201Space()).Encode).ToArray();
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticStudy(graphs, Baseline, metaArchitectures: 59, seed: 0));
        Assert.Throws<ArgumentException>(() => new SyntheticStudy(graphs[..10], Baseline, metaArchitectures: 5, seed: 0));
    }

    [Fact]
    public void Labels_name_every_factor() =>
        Assert.Equal("sigma=0.25 tasks=10 noise=100", new SyntheticSetting(0.25, 10, 100).Label);
}
