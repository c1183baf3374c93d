using System.Globalization;
using System.Text;
using NasSharp.Evaluation;
using NasSharp.Persistence;
using Spectre.Console;

namespace NasSharp.Cli.Output;

/// <summary>
/// What a <c>rank</c> run shows and saves from its <c>rank.json</c> (<see cref="RankingExperiment"/>): <c>rank.csv</c>,
/// <c>rank.png</c> and a console table of mean ± std per training size over the configuration's seeds.
/// </summary>
public sealed class RankReport(ResultLedger<RankingRun> ledger, RankConfig config)
{
    /// <summary>Output folder.</summary>
    public string Folder => Path.GetDirectoryName(ledger.Path)!;

    /// <summary>Path of rank.json.</summary>
    public string JsonPath => ledger.Path;

    /// <summary>Writes rank.csv and rank.png for the runs of this configuration (rank.json is written run by run).</summary>
    public void WriteCsvAndPlot()
    {
        ledger.Refresh();
        WriteCsv();
        RankPlot.Save(Path.Combine(Folder, "rank.png"), Summaries(), config.PredictorLabel, config.Space, config.Target, config.EvalMetric);
    }

    /// <summary>
    /// Mean and sample standard deviation of each metric per training size over the runs that did not diverge, sizes
    /// ascending.
    /// </summary>
    public IReadOnlyList<SizeSummary> Summaries() => Selected()
        .GroupBy(r => r.TrainSize).OrderBy(g => g.Key)
        .Select(g =>
        {
            var ok = g.Where(r => !r.Diverged).ToArray();
            return new SizeSummary(g.Key, ok.Length,
                Stat.Of(ok.Select(r => r.KendallTauAll)), Stat.Of(ok.Select(r => r.KendallTauUnseen)),
                Stat.Of(ok.Select(r => r.SpearmanAll)), Stat.Of(ok.Select(r => r.PrecisionAt5Pct)), Stat.Of(g.Select(r => r.TrainSeconds)))
            {
                Diverged = g.Count(r => r.Diverged),
            };
        })
        .ToArray();

    /// <summary>The console table.</summary>
    public Table SummaryTable()
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{config.PredictorLabel} · {config.Space} · train on {config.TrainMetric}, rank against {config.EvalMetric}")
            .AddColumns("n", "seeds", "Kendall τ (all)", "Kendall τ (unseen)", "Spearman", "precision@5%", "train s");
        foreach (var s in Summaries())
            table.AddRow(s.TrainSize.ToString(CultureInfo.InvariantCulture),
                s.Seeds.ToString(CultureInfo.InvariantCulture) + (s.Diverged > 0 ? $" [[{s.Diverged} diverged]]" : ""),
                s.TauAll.ToString(), s.TauUnseen.ToString(), s.Spearman.ToString(), s.PrecisionAt5Pct.ToString(), s.TrainSeconds.ToString("F1"));
        return table;
    }

    private IEnumerable<RankingRun> Selected() =>
        ledger.Runs.Where(r => config.TrainSizes.Contains(r.TrainSize) && config.Seeds.Contains(r.Seed))
            .OrderBy(r => r.TrainSize).ThenBy(r => r.Seed);

    private void WriteCsv()
    {
        var sb = new StringBuilder("predictor,space,target,train_size,seed,kendall_tau_all,kendall_tau_unseen,spearman_all,precision_at_5pct,train_seconds,diverged\n");
        foreach (var r in Selected())
            sb.AppendLine(string.Join(',', r.Predictor, r.Space, r.Target,
                r.TrainSize.ToString(CultureInfo.InvariantCulture), r.Seed.ToString(CultureInfo.InvariantCulture),
                F(r.KendallTauAll), F(r.KendallTauUnseen), F(r.SpearmanAll), F(r.PrecisionAt5Pct), F(r.TrainSeconds), r.Diverged ? "true" : "false"));
        AtomicFile.WriteText(Path.Combine(Folder, "rank.csv"), sb.ToString());
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Mean and sample standard deviation (n − 1; 0 for a single value).</summary>
public readonly record struct Stat(double Mean, double Std)
{
    /// <summary>Statistics of <paramref name="values"/>; NaN for none.</summary>
    public static Stat Of(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length == 0) return new Stat(double.NaN, double.NaN);
        double mean = v.Average();
        double std = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return new Stat(mean, std);
    }

    /// <summary><c>mean ± std</c> with three decimals.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Mean:F3} ± {Std:F3}");

    /// <summary><c>mean ± std</c> with the given format.</summary>
    public string ToString(string format) =>
        $"{Mean.ToString(format, CultureInfo.InvariantCulture)} ± {Std.ToString(format, CultureInfo.InvariantCulture)}";
}

/// <summary>Aggregates of one training size over the runs that did not diverge (<see cref="Seeds"/> of them).</summary>
public sealed record SizeSummary(int TrainSize, int Seeds, Stat TauAll, Stat TauUnseen, Stat Spearman, Stat PrecisionAt5Pct, Stat TrainSeconds)
{
    /// <summary>Runs of this size whose training diverged (left out of the statistics).</summary>
    public int Diverged { get; init; }
}
