namespace NasSharp.Cli.Output;

/// <summary>Kendall τ against training size with ±1 std error bars (ScottPlot PNG).</summary>
public static class RankPlot
{
    /// <summary>Writes the plot to <paramref name="path"/>.</summary>
    public static void Save(string path, IReadOnlyList<SizeSummary> sizes, string title)
    {
        if (sizes.Count == 0) return;
        double[] xs = sizes.Select(s => (double)s.TrainSize).ToArray();
        var plt = new ScottPlot.Plot();
        var all = plt.Add.Scatter(xs, sizes.Select(s => s.TauAll.Mean).ToArray());
        all.LegendText = "Kendall τ (all cells)";
        plt.Add.ErrorBar(xs, sizes.Select(s => s.TauAll.Mean).ToArray(), sizes.Select(s => s.TauAll.Std).ToArray()).Color = all.Color;
        var unseen = plt.Add.Scatter(xs, sizes.Select(s => s.TauUnseen.Mean).ToArray());
        unseen.LegendText = "Kendall τ (unseen cells)";
        unseen.LinePattern = ScottPlot.LinePattern.Dashed;
        plt.Add.ErrorBar(xs, sizes.Select(s => s.TauUnseen.Mean).ToArray(), sizes.Select(s => s.TauUnseen.Std).ToArray()).Color = unseen.Color;
        plt.Title(title);
        plt.XLabel("training architectures");
        plt.YLabel("Kendall τ (mean ± std over seeds)");
        plt.ShowLegend(ScottPlot.Alignment.LowerRight);
        SaveAtomically(plt, path, 800, 500);
    }

    /// <summary>Renders <paramref name="plt"/> to a temporary PNG beside <paramref name="path"/>, then renames it into place.</summary>
    public static void SaveAtomically(ScottPlot.Plot plt, string path, int width, int height)
    {
        string tmp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.png");
        plt.SavePng(tmp, width, height);
        File.Move(tmp, path, overwrite: true);
    }
}
