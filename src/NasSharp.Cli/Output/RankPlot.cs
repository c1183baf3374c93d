using System.Globalization;
using NasSharp.Persistence;
using ScottPlot;

namespace NasSharp.Cli.Output;

/// <summary>
/// Kendall τ against training size with ±1 std error bars (ScottPlot PNG). The x axis is logarithmic with a tick at
/// each training size, because the paper's sizes (39, 78, 156, 469) grow by factors; "all cells" is a solid line with
/// filled circles and "unseen cells" a dashed line with open squares, so each stays visible where the two coincide.
/// </summary>
public static class RankPlot
{
    /// <summary>
    /// Writes the plot to <paramref name="path"/> (atomically) titled by what was ranked, e.g.
    /// <c>Kendall τ vs cifar10-test: np on nb201 / cifar10, 5 seeds</c>.
    /// </summary>
    /// <param name="path">The PNG to write.</param>
    /// <param name="sizes">One summary per training size.</param>
    /// <param name="predictor">Predictor kind, e.g. <c>np</c>.</param>
    /// <param name="space">Search space, e.g. <c>nb201</c>.</param>
    /// <param name="target">Ranking target, e.g. <c>cifar10</c>.</param>
    /// <param name="evalMetric">The metric τ is computed against, e.g. <c>cifar10-test</c>.</param>
    public static void Save(string path, IReadOnlyList<SizeSummary> sizes, string predictor, string space, string target, string evalMetric) =>
        Save(path, sizes, Title(sizes, predictor, space, target, evalMetric));

    /// <summary>Writes the plot to <paramref name="path"/> (atomically) with the given <paramref name="title"/>; nothing when there are no sizes.</summary>
    public static void Save(string path, IReadOnlyList<SizeSummary> sizes, string title)
    {
        if (sizes.Count == 0) return;
        SaveAtomically(Create(sizes, title), path, 800, 500);
    }

    /// <summary>The title: metric, predictor, space / target and the number of seeds (a range when sizes differ).</summary>
    public static string Title(IReadOnlyList<SizeSummary> sizes, string predictor, string space, string target, string evalMetric)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        int fewest = sizes.Count == 0 ? 0 : sizes.Min(s => s.Seeds), most = sizes.Count == 0 ? 0 : sizes.Max(s => s.Seeds);
        string seeds = fewest == most ? $"{most} seed{(most == 1 ? "" : "s")}" : $"{fewest}–{most} seeds";
        return $"Kendall τ vs {evalMetric}: {predictor} on {space} / {target}, {seeds}";
    }

    /// <summary>The plot itself, for <see cref="Save(string, IReadOnlyList{SizeSummary}, string)"/> and tests.</summary>
    public static Plot Create(IReadOnlyList<SizeSummary> sizes, string title)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        // ScottPlot has no log axis type: the data are drawn at log10(n) and the ticks carry the sizes.
        double[] xs = [.. sizes.Select(s => Math.Log10(s.TrainSize))];
        var plt = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        // Where the series coincide, the unseen one is drawn thinner on top: its open square rings the filled circle
        // and its thin error bar runs inside the wide one.
        AddSeries(plt, xs, [.. sizes.Select(s => s.TauAll)], "Kendall τ, all cells", palette.GetColor(0),
            LinePattern.Solid, MarkerShape.FilledCircle, markerSize: 8, width: 3);
        AddSeries(plt, xs, [.. sizes.Select(s => s.TauUnseen)], "Kendall τ, unseen cells (not trained on)", palette.GetColor(1),
            LinePattern.Dashed, MarkerShape.OpenSquare, markerSize: 15, width: 1.5f);
        plt.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. sizes.Select((s, i) => new Tick(xs[i], s.TrainSize.ToString(CultureInfo.InvariantCulture)))]);
        // A margin of a tenth of a decade keeps the first and last markers off the frame.
        plt.Axes.SetLimitsX(xs.Min() - 0.1, xs.Max() + 0.1);
        plt.Title(title);
        plt.XLabel("training architectures (log scale)");
        plt.YLabel("Kendall τ (mean ± std over seeds)");
        // Below the axes, where it hides no error bar.
        plt.ShowLegend(Edge.Bottom);
        return plt;
    }

    /// <summary>Renders <paramref name="plt"/> as PNG and writes it through <see cref="AtomicFile"/>.</summary>
    public static void SaveAtomically(Plot plt, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plt);
        byte[] png = plt.GetImageBytes(width, height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    private static void AddSeries(Plot plt, double[] xs, Stat[] stats, string label, Color color, LinePattern line, MarkerShape marker,
        float markerSize, float width)
    {
        double[] means = [.. stats.Select(s => s.Mean)];
        var errors = plt.Add.ErrorBar(xs, means, [.. stats.Select(s => s.Std)]);
        errors.Color = color;
        errors.LineWidth = width;
        errors.CapSize = 4 * width;
        var scatter = plt.Add.Scatter(xs, means);
        scatter.Color = color;
        scatter.LinePattern = line;
        scatter.LineWidth = width;
        scatter.MarkerShape = marker;
        scatter.MarkerSize = markerSize;
        scatter.MarkerLineWidth = width;
        scatter.LegendText = label;
    }
}
