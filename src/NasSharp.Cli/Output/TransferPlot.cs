namespace NasSharp.Cli.Output;

/// <summary>Grouped bars of mean Spearman per held-out task and method, with ±1 std error bars (ScottPlot PNG).</summary>
public static class TransferPlot
{
    /// <summary>Writes the plot to <paramref name="path"/> (one panel of bars; K values are separate bar groups).</summary>
    public static void Save(string path, IReadOnlyList<TransferSummary> summaries, string title)
    {
        if (summaries.Count == 0) return;
        var groups = summaries.Select(s => (s.HeldOut, s.K)).Distinct().ToArray();
        var methods = summaries.Select(s => s.Method).Distinct().ToArray();
        var plt = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int m = 0; m < methods.Length; m++)
        {
            var bars = new List<ScottPlot.Bar>();
            for (int g = 0; g < groups.Length; g++)
            {
                var s = summaries.FirstOrDefault(x => x.HeldOut == groups[g].HeldOut && x.K == groups[g].K && x.Method == methods[m]);
                if (s is not { Runs: > 0 }) continue;
                bars.Add(new ScottPlot.Bar
                {
                    Position = g * (methods.Length + 1) + m,
                    Value = s.Spearman.Mean,
                    Error = s.Spearman.Std,
                    FillColor = palette.GetColor(m),
                });
            }
            plt.Add.Bars(bars).LegendText = methods[m];
        }
        var ticks = groups.Select((g, i) => new ScottPlot.Tick(i * (methods.Length + 1) + (methods.Length - 1) / 2.0,
            groups.Select(x => x.K).Distinct().Count() > 1 ? $"{g.HeldOut} K={g.K}" : g.HeldOut)).ToArray();
        plt.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plt.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plt.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleLeft;
        // Rotated task names need room below the axis.
        plt.Axes.Bottom.MinimumSize = 160;
        plt.YLabel("Spearman ρ (mean ± std over runs)");
        plt.Title(title);
        plt.ShowLegend(ScottPlot.Alignment.UpperRight);
        RankPlot.SaveAtomically(plt, path, 1000, 600);
    }
}
