using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NasSharp.Cli.Commands;
using NasSharp.Evaluation;
using NasSharp.Persistence;
using NasSharp.Predictors;
using Spectre.Console;

namespace NasSharp.Cli.Output;

/// <summary>
/// Results of a <c>rank</c> run: <c>rank.json</c> (rewritten atomically after every run, so it doubles as the resume
/// checkpoint), <c>rank.csv</c>, <c>rank.png</c> and a console table of mean ± std per training size.
/// </summary>
public sealed class RankReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly RankConfig config;
    private readonly List<RankingRun> runs = [];

    /// <summary>Opens <paramref name="folder"/>, loading earlier runs of the same experiment to resume.</summary>
    /// <exception cref="InvalidDataException">The folder holds results of a different experiment, or a damaged rank.json.</exception>
    public RankReport(string folder, RankConfig config)
    {
        Folder = folder;
        this.config = config;
        if (File.Exists(JsonPath)) runs.AddRange(LoadCompatible(JsonPath, config));
    }

    /// <summary>Output folder.</summary>
    public string Folder { get; }

    /// <summary>Path of rank.json.</summary>
    public string JsonPath => Path.Combine(Folder, "rank.json");

    /// <summary>Whether (size, seed) is already done.</summary>
    public bool Has(int size, int seed) => runs.Any(r => r.TrainSize == size && r.Seed == seed);

    /// <summary>
    /// Records a finished run and checkpoints rank.json. Runs another process has added to the same file since it was
    /// opened are kept, so several processes may share one folder when they run different (size, seed) pairs.
    /// </summary>
    public void Add(RankingRun run)
    {
        Reload();
        runs.Add(run);
        WriteJson();
    }

    /// <summary>Takes in the runs other processes have written to rank.json since this one last read it.</summary>
    public void Reload()
    {
        if (!File.Exists(JsonPath)) return;
        foreach (var other in LoadCompatible(JsonPath, config))
            if (!Has(other.TrainSize, other.Seed)) runs.Add(other);
    }

    /// <summary>Writes rank.json, rank.csv and rank.png for the runs of this configuration.</summary>
    public void WriteAll()
    {
        WriteJson();
        WriteCsv();
        RankPlot.Save(Path.Combine(Folder, "rank.png"), Summaries(), $"{config.Predictor} on {config.Space} / {config.Target}");
    }

    /// <summary>Mean and sample standard deviation of each metric per training size, sizes ascending.</summary>
    public IReadOnlyList<SizeSummary> Summaries() => Selected()
        .GroupBy(r => r.TrainSize).OrderBy(g => g.Key)
        .Select(g => new SizeSummary(g.Key, g.Count(),
            Stat.Of(g.Select(r => r.KendallTauAll)), Stat.Of(g.Select(r => r.KendallTauUnseen)),
            Stat.Of(g.Select(r => r.SpearmanAll)), Stat.Of(g.Select(r => r.PrecisionAt5Pct)), Stat.Of(g.Select(r => r.TrainSeconds))))
        .ToArray();

    /// <summary>The console table.</summary>
    public Table SummaryTable()
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{config.Predictor} · {config.Space} · train on {config.TrainMetric}, rank against {config.EvalMetric}")
            .AddColumns("n", "seeds", "Kendall τ (all)", "Kendall τ (unseen)", "Spearman", "precision@5%", "train s");
        foreach (var s in Summaries())
            table.AddRow(s.TrainSize.ToString(CultureInfo.InvariantCulture), s.Seeds.ToString(CultureInfo.InvariantCulture),
                s.TauAll.ToString(), s.TauUnseen.ToString(), s.Spearman.ToString(), s.PrecisionAt5Pct.ToString(), s.TrainSeconds.ToString("F1"));
        return table;
    }

    private IEnumerable<RankingRun> Selected() =>
        runs.Where(r => config.TrainSizes.Contains(r.TrainSize) && config.Seeds.Contains(r.Seed))
            .OrderBy(r => r.TrainSize).ThenBy(r => r.Seed);

    private void WriteJson()
    {
        var doc = new JsonObject
        {
            ["results"] = JsonSerializer.SerializeToNode(runs.OrderBy(r => r.TrainSize).ThenBy(r => r.Seed).ToArray(), Json),
            ["config"] = JsonSerializer.SerializeToNode(config, Json),
            ["environment"] = new JsonObject
            {
                ["code_version"] = CodeVersion.Current,
                ["written_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                ["machine"] = $"{Environment.OSVersion}, {Environment.ProcessorCount} cores, torch threads {TorchSharp.torch.get_num_threads()}",
            },
        };
        AtomicFile.WriteText(JsonPath, doc.ToJsonString(Json));
    }

    private void WriteCsv()
    {
        var sb = new StringBuilder("predictor,space,target,train_size,seed,kendall_tau_all,kendall_tau_unseen,spearman_all,precision_at_5pct,train_seconds\n");
        foreach (var r in Selected())
            sb.AppendLine(string.Join(',', r.Predictor, r.Space, r.Target,
                r.TrainSize.ToString(CultureInfo.InvariantCulture), r.Seed.ToString(CultureInfo.InvariantCulture),
                F(r.KendallTauAll), F(r.KendallTauUnseen), F(r.SpearmanAll), F(r.PrecisionAt5Pct), F(r.TrainSeconds)));
        AtomicFile.WriteText(Path.Combine(Folder, "rank.csv"), sb.ToString());
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static IEnumerable<RankingRun> LoadCompatible(string path, RankConfig config)
    {
        JsonNode? doc;
        try
        {
            doc = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON ({e.Message}); move it away to start afresh.", e);
        }
        var previous = doc?["config"]?.Deserialize<RankConfig>(Json);
        if (previous is null || !previous.SameExperiment(config))
            throw new InvalidDataException(
                $"'{path}' holds results of a different experiment (predictor, space, target or training settings differ); " +
                "choose another --out folder or delete it.");
        return doc?["results"]?.Deserialize<RankingRun[]>(Json) ?? [];
    }
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

/// <summary>Aggregates of one training size.</summary>
public sealed record SizeSummary(int TrainSize, int Seeds, Stat TauAll, Stat TauUnseen, Stat Spearman, Stat PrecisionAt5Pct, Stat TrainSeconds);
