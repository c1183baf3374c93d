using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NasSharp.Persistence;
using NasSharp.Search.Oracles;
using NasSharp.Search.Strategies;

namespace NasSharp.Search.Experiments;

/// <summary>
/// A query-budget search experiment recorded in <c>search.json</c> of a result folder. Any number of processes may
/// work on one folder: each (strategy, seed) run is claimed before it starts and recorded once
/// (<see cref="ResultLedger{TRun}"/>), so a rerun resumes and parallel workers split the runs.
/// </summary>
public sealed class SearchExperiment : IClaimedExperiment<SearchRun>
{
    /// <summary>The results file's name.</summary>
    public const string FileName = "search.json";

    private readonly OracleTable table;
    private readonly PredictorSource? predictors;

    /// <summary>Opens (or resumes) the experiment <paramref name="config"/> in <paramref name="folder"/>.</summary>
    /// <param name="folder">The result folder.</param>
    /// <param name="config">The experiment.</param>
    /// <param name="table">The oracle's measurements.</param>
    /// <param name="predictors">Predictors for the predictor-guided strategies; null when none of them is chosen.</param>
    /// <exception cref="ArgumentException">An invalid config, or a predictor-guided strategy without predictors.</exception>
    /// <exception cref="InvalidDataException">The folder holds another experiment, or a damaged search.json.</exception>
    public SearchExperiment(string folder, SearchConfig config, OracleTable table, PredictorSource? predictors)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (predictors is null && config.Strategies.FirstOrDefault(s => StrategyRegistry.Get(s).UsesPredictor) is { } guided)
            throw new ArgumentException($"Strategy '{guided}' is guided by a predictor, and none was given.");
        Config = config;
        this.table = table ?? throw new ArgumentNullException(nameof(table));
        this.predictors = predictors;
        Ledger = OpenLedger(folder, config);
    }

    /// <summary>
    /// The library's entry point for a search: reads the oracle's table (a benchmark under <paramref name="root"/> or
    /// the user's CSV), makes the predictors on <paramref name="device"/> when a strategy needs them (and CIFAR-10
    /// images for the hypernas kind), and opens or resumes the experiment in <paramref name="folder"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An invalid config.</exception>
    /// <exception cref="FileNotFoundException">A table, image file or meta-model file is missing.</exception>
    /// <exception cref="Data.DataFormatException">The table is malformed (file, line and column named).</exception>
    /// <exception cref="InvalidDataException">The folder holds another experiment, or a damaged search.json.</exception>
    public static SearchExperiment Open(string folder, SearchConfig config, Func<Data.DataRoot> root, Device device)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(root);
        config.Validate();
        var table = config.Oracle.Load(root);
        PredictorSource? predictors = null;
        if (config.Strategies.Any(s => StrategyRegistry.Get(s).UsesPredictor))
        {
            var images = PredictorRegistry.Get(config.Predictor.Kind).UsesImages ? Images.Cifar10Dataset.LoadTrain(root()) : null;
            predictors = PredictorSource.For(config.Predictor, table.Domain.Space, device, images);
        }
        return new SearchExperiment(folder, config, table, predictors);
    }

    /// <summary>The experiment's settings.</summary>
    public SearchConfig Config { get; }

    /// <summary>The oracle's measurements.</summary>
    public OracleTable Table => table;

    /// <summary>The results file.</summary>
    public ResultLedger<SearchRun> Ledger { get; }

    /// <summary>search.json's number format (<see cref="ResultLedger{TRun}.ResultsJson"/>).</summary>
    public static JsonSerializerOptions Json => ResultLedger<SearchRun>.ResultsJson;

    /// <summary>Opens <c>search.json</c> in <paramref name="folder"/> for <paramref name="config"/> (e.g. to watch another process's progress).</summary>
    public static ResultLedger<SearchRun> OpenLedger(string folder, SearchConfig config)
    {
        var node = JsonSerializer.SerializeToNode(config, Json)!;
        return new(Path.Combine(folder, FileName), node, r => r.Key, (a, b) => Compare(config, a, b), Json,
            stored => SearchConfig.SameExperiment(stored, node), entries: "runs");
    }

    /// <summary>The runs recorded in the search.json at <paramref name="path"/>, whatever experiment wrote it.</summary>
    /// <exception cref="InvalidDataException">The file is damaged or has incomplete or duplicate entries.</exception>
    public static IReadOnlyList<SearchRun> ReadRuns(string path) =>
        new ResultLedger<SearchRun>(path, new JsonObject(), r => r.Key, null, Json, sameExperiment: _ => true, entries: "runs").Runs;

    /// <summary>Every (strategy, seed) run of the experiment, strategies in the order given.</summary>
    public IEnumerable<(string Strategy, int Seed)> AllRuns() =>
        from s in Config.Strategies from seed in Config.RunSeeds select (s, seed);

    /// <inheritdoc/>
    public IReadOnlyList<string> PendingKeys()
    {
        Ledger.Refresh();
        return [.. AllRuns().Select(r => SearchRun.KeyOf(r.Strategy, r.Seed)).Where(k => !Ledger.IsRecorded(k))];
    }

    /// <summary>
    /// A run's relative cost for progress: its queries, each weighted by the predictor fits a predictor-guided
    /// strategy makes (a rough constant; only the estimate depends on it).
    /// </summary>
    public double Work(string key) => Config.Budget * (StrategyRegistry.Get(Parse(key).Strategy).UsesPredictor ? 20 : 1);

    /// <inheritdoc/>
    public string KeyOf(SearchRun run) => run.Key;

    /// <inheritdoc/>
    public string Describe(SearchRun run)
    {
        var incumbent = run.Trajectory.MaxBy(p => table.Fitness(p.SearchValue))!;
        string best = incumbent.ReportValue is { } report
            ? string.Create(CultureInfo.InvariantCulture, $"best {table.ReportMetric!.Name} {report:F2}")
            : string.Create(CultureInfo.InvariantCulture, $"best {table.SearchMetric.Name} {incumbent.SearchValue:F2}");
        return $"{run.Key}: {best} after {run.Trajectory.Count} queries";
    }

    /// <inheritdoc/>
    public void RunPending(Action<string, double>? progress, Action<SearchRun>? finished, Action<SearchRun>? dropped)
    {
        foreach (string key in PendingKeys())
        {
            if (Ledger.TryClaim(key) is not { } claim) continue;
            SearchRun result;
            try
            {
                var (strategy, seed) = Parse(key);
                result = Run(strategy, seed, q => progress?.Invoke(key, (double)q / Config.Budget));
            }
            catch
            {
                Ledger.Release(claim);
                throw;
            }
            if (Ledger.Record(claim, result)) finished?.Invoke(result);
            else dropped?.Invoke(result);
        }
    }

    /// <summary>
    /// One run of <paramref name="strategy"/> seeded <paramref name="seed"/>, not recorded; a <paramref name="replay"/>
    /// (the start of an interrupted run's trajectory) is replayed first (<see cref="SearchRunner.Run"/>).
    /// </summary>
    public SearchRun Run(string strategy, int seed, Action<int>? queried = null, IReadOnlyList<TrajectoryPoint>? replay = null)
    {
        var info = StrategyRegistry.Get(strategy);
        var context = new StrategyContext(table.Domain, seed, Config.Budget, predictors?.Create, predictors?.CreateEnsemble);
        using var instance = info.Create(context, Config.Settings);
        var trajectory = SearchRunner.Run(instance, new Oracle(table), Config.Budget, replay, queried);
        return new SearchRun(strategy, info.UsesPredictor ? predictors!.Kind : null, seed, trajectory);
    }

    /// <summary>
    /// The summary of this experiment's recorded runs (SEARCH.md §1), against the table's optimum; runs of other seeds
    /// that the folder holds from an earlier, larger experiment are left out.
    /// </summary>
    public SearchSummary Summary()
    {
        Ledger.Refresh();
        var seeds = Config.RunSeeds.ToHashSet();
        return SearchSummary.Of([.. Ledger.Runs.Where(r => seeds.Contains(r.Seed))], Config.Strategies, Config.Budget, table.Domain.Key, table.Optimum());
    }

    private (string Strategy, int Seed) Parse(string key) =>
        AllRuns().First(r => SearchRun.KeyOf(r.Strategy, r.Seed) == key);

    // Strategies in the experiment's order, then seeds, so search.json reads the same however the runs were split.
    private static int Compare(SearchConfig config, SearchRun a, SearchRun b)
    {
        int Position(string strategy) => config.Strategies.Contains(strategy) ? config.Strategies.ToList().IndexOf(strategy) : int.MaxValue;
        int byStrategy = Position(a.Strategy).CompareTo(Position(b.Strategy));
        return byStrategy != 0 ? byStrategy : a.Seed.CompareTo(b.Seed);
    }
}
