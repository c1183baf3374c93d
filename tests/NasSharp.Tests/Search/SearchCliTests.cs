using System.Text.Json.Nodes;
using NasSharp.Cli.Commands;
using NasSharp.Search.Experiments;
using NasSharp.Search.Strategies;
using NasSharp.Tests.Cli;
using static TorchSharp.torch;

namespace NasSharp.Tests.Search;

/// <summary><c>nassharp search</c> end to end on the synthetic table: files, resume, and its errors.</summary>
public sealed class SearchCliTests : IDisposable
{
    private readonly SyntheticTable synthetic = new();
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-search-").FullName;

    public void Dispose()
    {
        synthetic.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private string[] Tiny(string table, params string[] extra) => TinyWith(table, "op-count", extra);

    private string[] TinyWith(string table, string predictor, params string[] extra) =>
        ["search", "--space", "tb101", "--table", table, "--metric", "val", "--report-metric", "test", "--strategy", "random,rea,npenas",
         "--predictor", predictor, "--budget", "20", "--runs", "2", "--seed", "5", "--out", folder, "--jobs", "1", .. extra];

    private static JsonArray RunsOf(string file) => JsonNode.Parse(File.ReadAllText(file))!["runs"]!.AsArray();

    [Fact]
    public void Writes_every_file_and_resumes_a_killed_run_to_the_same_result()
    {
        string table = synthetic.Write("t.csv");
        var (code, err) = MetaCommandRun.Run(Tiny(table));
        Assert.True(code == 0, err);
        string json = Path.Combine(folder, "search.json");
        var doc = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.NotNull(doc["config"]);
        Assert.NotNull(doc["environment"]);
        var runs = doc["runs"]!.AsArray();
        Assert.Equal(6, runs.Count);
        var point = runs[0]!["trajectory"]![0]!.AsObject();
        Assert.Equal(["query", "arch", "search_value", "report_value", "best_report_value", "cost"], point.Select(p => p.Key));
        Assert.Null(runs[0]!["predictor"]?.GetValue<string>());
        Assert.Equal("op-count", runs[4]!["predictor"]!.GetValue<string>());
        Assert.Equal(1 + 6 * 20, File.ReadAllLines(Path.Combine(folder, "search.csv")).Length);
        Assert.Equal(1 + 6, File.ReadAllLines(Path.Combine(folder, "best.csv")).Length);
        Assert.True(new FileInfo(Path.Combine(folder, "search.png")).Length > 1000);

        // A process killed before recording its run leaves the file without it; the rerun computes just that run.
        var before = RunsOf(json);
        var cut = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        cut["runs"]!.AsArray().RemoveAt(3);
        File.WriteAllText(json, cut.ToJsonString());
        (code, err) = MetaCommandRun.Run(Tiny(table));
        Assert.True(code == 0, err);
        Assert.True(JsonNode.DeepEquals(before, RunsOf(json)));
    }

    [Fact]
    public void Without_predictor_a_guided_search_uses_the_measured_best_predictor_of_the_space()
    {
        string table = synthetic.Write("t.csv");
        string[] args = ["search", "--space", "tb101", "--table", table, "--metric", "val", "--strategy", "npenas",
                         "--budget", "20", "--runs", "1", "--out", folder, "--jobs", "1"];
        var (code, err) = MetaCommandRun.Run(args);
        Assert.True(code == 0, err);
        Assert.Contains("--predictor default = lgbm.", err);
        Assert.Equal("lgbm", RunsOf(Path.Combine(folder, "search.json"))[0]!["predictor"]!.GetValue<string>());
    }

    [Fact]
    public void A_constrained_search_queries_only_feasible_architectures_and_reports_the_feasible_optimum()
    {
        string[] args = ["search", "--space", "nb201", "--target", "cifar10", "--strategy", "random,rea", "--budget", "40", "--runs", "2",
                         "--out", folder, "--jobs", "1", "--constraint", "params-cifar10<=0.3"];
        var (code, err) = MetaCommandRun.Run(args);
        Assert.True(code == 0, err);

        var table = NasSharp.Benchmarks.BenchmarkCatalog.Load(TestData.Root, "nb201");
        double Params(string arch) => table.Value("params-cifar10", table.IndexOf(arch));
        var queried = RunsOf(Path.Combine(folder, "search.json")).SelectMany(r => r!["trajectory"]!.AsArray()).Select(p => p!["arch"]!.GetValue<string>()).ToArray();
        Assert.Equal(4 * 40, queried.Length);
        Assert.All(queried, arch => Assert.True(Params(arch) <= 0.3, $"{arch} has {Params(arch)} M parameters"));

        // The optimum a constrained run is measured against is the best feasible cell by validation, found by brute force here.
        var oracle = (OracleSource.ForTarget("nb201", "cifar10") with { Constraints = ["params-cifar10<=0.3"] }).Load(() => TestData.Root);
        double[] valid = table.Values("cifar10-valid");
        int best = Enumerable.Range(0, table.Count).Where(r => table.Value("params-cifar10", r) <= 0.3).MaxBy(r => valid[r]);
        Assert.Equal(valid[best], oracle.Optimum().Value);
        Assert.True(oracle.Count < table.Count);

        // Another bound is another experiment; a bound on a metric the table lacks lists the ones it has.
        (code, err) = MetaCommandRun.Run([.. args[..^1], "params-cifar10<=0.4"]);
        Assert.Equal(2, code);
        Assert.Contains("different experiment", err);
        (code, err) = MetaCommandRun.Run([.. args[..^1], "weight<=1"]);
        Assert.Equal(2, code);
        Assert.Contains("has no metric 'weight'", err);
        Assert.Contains("params-cifar10", err);
    }

    [Fact]
    public void Another_experiment_in_the_same_folder_is_refused()
    {
        string table = synthetic.Write("t.csv");
        Assert.Equal(0, MetaCommandRun.Run(Tiny(table)).Code);
        var (code, err) = MetaCommandRun.Run(Tiny(table, "--population", "12"));
        Assert.Equal(2, code);
        Assert.Contains("different experiment", err);
    }

    [Fact]
    public void A_folder_grows_by_more_runs_and_strategies_without_redoing_the_recorded_ones()
    {
        string table = synthetic.Write("t.csv");
        string[] Args(string strategies, string runs) =>
            ["search", "--space", "tb101", "--table", table, "--metric", "val", "--report-metric", "test", "--strategy", strategies,
             "--predictor", "op-count", "--budget", "20", "--runs", runs, "--seed", "5", "--out", folder, "--jobs", "1"];
        var (code, err) = MetaCommandRun.Run(Args("random,rea", "2"));
        Assert.True(code == 0, err);
        string json = Path.Combine(folder, "search.json");
        var first = RunsOf(json);

        (code, err) = MetaCommandRun.Run(Args("random,rea,ls", "3"));
        Assert.True(code == 0, err);
        var grown = RunsOf(json);
        Assert.Equal(9, grown.Count);
        foreach (var run in first)
            Assert.Contains(grown, g => JsonNode.DeepEquals(g, run));

        // Asking for the smaller experiment again recomputes nothing and summarises only its own seeds.
        var (small, smallErr) = MetaCommandRun.Run(Args("random", "2"));
        Assert.True(small == 0, smallErr);
        Assert.True(JsonNode.DeepEquals(grown, RunsOf(json)));
        var config = new SearchConfig(new OracleSource("tb101", null, table, "arch", "val", "test", null, false), ["random"],
            new SearchPredictorConfig("op-count"), Budget: 20, Runs: 2, Seed: 5, new StrategySettings());
        var summary = SearchExperiment.Open(folder, config, () => throw new InvalidOperationException("no data root needed"), CPU).Summary();
        Assert.Equal(2, Assert.Single(summary.Strategies).Runs);
    }

    [Fact]
    public void Table_problems_are_one_clear_line()
    {
        string bad = synthetic.PathOf("bad.csv");
        File.WriteAllLines(bad, ["arch,val,test", "64-41414-3_33_333,1,2", "64-41414-3_33_333,2,3"]);
        var (code, err) = MetaCommandRun.Run(Tiny(bad));
        Assert.Equal(2, code);
        Assert.Contains("bad.csv line 3, column 'arch'", err);
        Assert.Contains("line 2", err);

        (code, err) = MetaCommandRun.Run(["search", "--space", "tb101", "--table", synthetic.Write("t.csv"), "--out", folder]);
        Assert.Equal(2, code);
        Assert.Contains("--metric", err);

        (code, err) = MetaCommandRun.Run(Tiny(synthetic.Write("t.csv"), "--device", "cuda"));
        Assert.Equal(2, code);
        Assert.Contains("CUDA", err);
    }

    [Fact]
    public void A_predictor_without_a_score_head_cannot_guide_a_search()
    {
        var (code, err) = MetaCommandRun.Run(TinyWith(synthetic.Write("t.csv"), "hypernas-h"));
        Assert.Equal(2, code);
        Assert.Contains("no score head", err);
    }

    [Fact]
    public void Help_explains_every_option()
    {
        var command = SearchCommand.Create();
        Assert.All(command.Options, o => Assert.False(string.IsNullOrWhiteSpace(o.Description), o.Name));
    }
}
