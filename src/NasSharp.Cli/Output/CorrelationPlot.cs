using System.Globalization;
using NasSharp.Evaluation;

namespace NasSharp.Cli.Output;

/// <summary>Heatmap of a task correlation matrix, ρ written in each cell, from −1 (blue) to 1 (red) (ScottPlot PNG).</summary>
public static class CorrelationPlot
{
    /// <summary>Writes the heatmap to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, TaskCorrelationMatrix matrix, string title)
    {
        int n = matrix.Names.Count;
        var values = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) values[i, j] = matrix.Spearman(i, j);
        var plt = new ScottPlot.Plot();
        var heatmap = plt.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.MellowRainbow();
        heatmap.ManualRange = new ScottPlot.Range(-1, 1);
        // ScottPlot centres cell (i, j) on (j, n − 1 − i): row 0 is at the top, as in the console table.
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (double.IsNaN(values[i, j])) continue;
                var label = plt.Add.Text(values[i, j].ToString("F2", CultureInfo.InvariantCulture), j, n - 1 - i);
                label.LabelAlignment = ScottPlot.Alignment.MiddleCenter;
                label.LabelFontSize = 14;
            }
        plt.Add.ColorBar(heatmap);
        var names = matrix.Names;
        plt.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, n).Select(j => new ScottPlot.Tick(j, names[j]))]);
        plt.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, n).Select(i => new ScottPlot.Tick(n - 1 - i, names[i]))]);
        plt.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plt.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleLeft;
        // Rotated task names need room below the axis.
        plt.Axes.Bottom.MinimumSize = 160;
        plt.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plt.Title(title);
        RankPlot.SaveAtomically(plt, path, 900, 800);
    }
}
