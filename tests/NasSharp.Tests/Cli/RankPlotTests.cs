using NasSharp.Cli.Output;
using ScottPlot;

namespace NasSharp.Tests.Cli;

/// <summary>rank.png: log x with ticks at the sizes, distinguishable series, a telling title, atomic writes (issue 13, item 12).</summary>
public sealed class RankPlotTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-rankplot-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static SizeSummary Size(int n, int seeds, double tau) =>
        new(n, seeds, new Stat(tau, 0.05), new Stat(tau, 0.05), new Stat(tau, 0.1), new Stat(0.2, 0.01), new Stat(1, 0.1));

    private static readonly SizeSummary[] PaperSizes = [Size(39, 5, 0.4), Size(78, 5, 0.5), Size(156, 5, 0.6), Size(469, 5, 0.7)];

    [Fact]
    public void The_title_names_the_metric_the_predictor_the_target_and_the_seeds()
    {
        Assert.Equal("Kendall τ vs cifar10-test: np on nb201 / cifar10, 5 seeds", RankPlot.Title(PaperSizes, "np", "nb201", "cifar10", "cifar10-test"));
        Assert.EndsWith("3–5 seeds", RankPlot.Title([Size(39, 5, 0.4), Size(78, 3, 0.5)], "np", "nb201", "cifar10", "cifar10-test"));
        Assert.EndsWith("1 seed", RankPlot.Title([Size(39, 1, 0.4)], "np", "nb201", "cifar10", "cifar10-test"));
    }

    [Fact]
    public void The_x_axis_is_logarithmic_with_a_tick_at_each_training_size()
    {
        var plt = RankPlot.Create(PaperSizes, "t");
        plt.GetImageBytes(800, 500); // the tick generator lists the ticks it draws once it has drawn them
        var ticks = Assert.IsType<ScottPlot.TickGenerators.NumericManual>(plt.Axes.Bottom.TickGenerator).Ticks;
        Assert.Equal(["39", "78", "156", "469"], ticks.Select(t => t.Label));
        Assert.Equal(PaperSizes.Select(s => Math.Log10(s.TrainSize)), ticks.Select(t => t.Position));
        // Equal factors, equal distances: 39 -> 78 and 78 -> 156 are both doublings.
        Assert.Equal(ticks[1].Position - ticks[0].Position, ticks[2].Position - ticks[1].Position, 12);
    }

    [Fact]
    public void Coinciding_series_differ_in_line_and_marker()
    {
        var scatters = RankPlot.Create(PaperSizes, "t").GetPlottables<ScottPlot.Plottables.Scatter>().ToArray();
        Assert.Equal(2, scatters.Length);
        Assert.NotEqual(scatters[0].LinePattern, scatters[1].LinePattern);
        Assert.NotEqual(scatters[0].MarkerShape, scatters[1].MarkerShape);
        Assert.NotEqual(scatters[0].MarkerSize, scatters[1].MarkerSize);
        // Same positions: no offset that would misplace a size.
        Assert.Equal(scatters[0].Data.GetScatterPoints().Select(p => p.X), scatters[1].Data.GetScatterPoints().Select(p => p.X));
        Assert.Equal(2, RankPlot.Create(PaperSizes, "t").GetPlottables<ScottPlot.Plottables.ErrorBar>().Count());
    }

    [Fact]
    public void Saving_replaces_the_png_and_leaves_no_temporary_file()
    {
        string path = Path.Combine(folder, "rank.png");
        File.WriteAllText(path, "old");
        RankPlot.Save(path, PaperSizes, "np", "nb201", "cifar10", "cifar10-test");
        byte[] png = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(["rank.png"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }
}
