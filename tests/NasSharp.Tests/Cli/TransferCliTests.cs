using System.CommandLine;
using System.Text.Json.Nodes;
using NasSharp.Cli;
using NasSharp.Evaluation;

namespace NasSharp.Tests.Cli;

/// <summary><c>transfer</c> end to end on three real TB101 tasks with a one-epoch meta-training.</summary>
public sealed class TransferCliTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-transfer-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Leave_one_out_writes_paired_runs_and_resumes_without_redoing_them()
    {
        string[] args = ["transfer", "--tasks", "tb101/jigsaw,tb101/class_scene,tb101/class_object", "--held-out", "tb101/jigsaw",
            "--k", "0,5", "--runs", "2", "--methods", "mp-nas,random-init", "--meta-epochs", "1", "--out", folder];
        var (first, firstError) = MetaCommandRun.Run(args);
        Assert.True(first == 0, firstError);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "transfer.json")))!["results"]!.AsArray();
        Assert.Equal(2 * 2 * 2, results.Count);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "transfer.json")))!["config"]!;
        Assert.Equal("Boil", config["meta_training"]!["Algorithm"]!.GetValue<string>());
        Assert.Equal("Adam", config["fine_tuning"]!["Optimizer"]!.GetValue<string>());
        Assert.Equal("Adam", config["baseline_fine_tuning"]!["Optimizer"]!.GetValue<string>());
        Assert.All(results, r => Assert.InRange(r!["spearman"]!.GetValue<double>(), -1, 1));
        Assert.Equal("MetaLearned", config["fine_tuning"]!["Start"]!.GetValue<string>());
        // The default start selection keeps the meta-learned weights; each run records the start it fine-tuned.
        Assert.All(results, r => Assert.Equal(r!["method"]!.GetValue<string>() == "mp-nas" ? "MetaLearned" : "RandomInit",
            r["start"]!.GetValue<string>()));
        // K = 0 is zero-shot: no fine-tuning steps, nothing to cross-validate.
        Assert.All(results.Where(r => r!["k"]!.GetValue<int>() == 0 && r["method"]!.GetValue<string>() == "mp-nas"),
            r => Assert.Equal(0, r!["steps"]!.GetValue<double>()));
        Assert.All(results.Where(r => r!["k"]!.GetValue<int>() == 0), r => Assert.Null(r!["cross_validation"]));
        // K = 5 records the cross-validated Spearman of every candidate step count, and the chosen count is the best one.
        Assert.All(results.Where(r => r!["k"]!.GetValue<int>() == 5), r =>
        {
            var cv = r!["cross_validation"]!.AsObject();
            Assert.Equal(["5", "10", "20", "50", "100", "200", "500"], cv.Select(p => p.Key));
            double best = cv.Max(p => p.Value!.GetValue<double>());
            Assert.Equal(best, cv[r["steps"]!.GetValue<double>().ToString(System.Globalization.CultureInfo.InvariantCulture)]!.GetValue<double>());
        });
        Assert.Single(Directory.GetFiles(Path.Combine(folder, "models"), "*.model"));
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "models"), "*.checkpoint"));
        Assert.True(new FileInfo(Path.Combine(folder, "transfer.png")).Length > 1000);
        Assert.Equal(1 + 8, File.ReadAllLines(Path.Combine(folder, "transfer.csv")).Length);

        string before = File.ReadAllText(Path.Combine(folder, "transfer.csv"));
        var (again, againError) = MetaCommandRun.Run(args);
        Assert.True(again == 0, againError);
        Assert.Equal(before, File.ReadAllText(Path.Combine(folder, "transfer.csv")));

        string[] moreRuns = [.. args.Select((a, i) => i > 0 && args[i - 1] == "--runs" ? "3" : a)];
        var (code, err) = MetaCommandRun.Run(moreRuns);
        Assert.Equal(2, code);
        Assert.Contains("different experiment", err);
    }

    [Fact]
    public void Mp_nas_with_op_counts_reuses_the_mp_nas_model_and_records_its_fine_tuning()
    {
        string[] args = ["transfer", "--tasks", "tb101/jigsaw,tb101/class_scene", "--held-out", "tb101/jigsaw",
            "--k", "5", "--runs", "2", "--methods", "mp-nas,mp-nas+op-count,op-count-ridge", "--meta-epochs", "1", "--out", folder];
        var (code, error) = MetaCommandRun.Run(args);
        Assert.True(code == 0, error);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "transfer.json")))!["results"]!.AsArray();
        Assert.Equal(3 * 2, results.Count);
        Assert.Single(Directory.GetFiles(Path.Combine(folder, "models"), "*.model"));
        foreach (int run in new[] { 0, 1 })
        {
            JsonNode Of(string method) => results.Single(r => r!["method"]!.GetValue<string>() == method && r["run"]!.GetValue<int>() == run)!;
            // The combination fine-tunes MP-NAS exactly as the mp-nas method does (same seed), so it reports the same steps.
            Assert.Equal(Of("mp-nas")["steps"]!.GetValue<double>(), Of("mp-nas+op-count")["steps"]!.GetValue<double>());
            Assert.Equal("MetaLearned", Of("mp-nas+op-count")["start"]!.GetValue<string>());
            Assert.InRange(Of("mp-nas+op-count")["spearman"]!.GetValue<double>(), -1, 1);
        }
    }

    [Fact]
    public void Support_sets_are_shared_by_methods_and_exclude_the_query()
    {
        var (support, query) = TransferProtocol.Split(20, 5, seed: 3, run: 1);
        Assert.Equal(5, support.Length);
        Assert.Equal(15, query.Length);
        Assert.Empty(support.Intersect(query));
        Assert.Equal(support, TransferProtocol.Split(20, 5, seed: 3, run: 1).Support);
        Assert.NotEqual(support, TransferProtocol.Split(20, 5, seed: 3, run: 2).Support);
        Assert.Empty(TransferProtocol.Split(20, 0, seed: 3, run: 1).Support);
        Assert.Contains("--k 20", Assert.Throws<ArgumentException>(() => TransferProtocol.Split(20, 20, seed: 3, run: 0)).Message);
    }

    [Theory]
    [InlineData("transfer --methods magic --out d")]
    [InlineData("transfer --k 5,x --out d")]
    [InlineData("transfer --held-out nb201/mnist --out d")]
    [InlineData("transfer --runs 0 --out d")]
    [InlineData("transfer --finetune-parameters Head --out d")]
    [InlineData("transfer --baseline-parameters All --out d")]
    public void Bad_command_lines_are_parse_errors(string line) => Assert.NotEmpty(new NasCli().Root.Parse(line).Errors);

    [Fact]
    public void The_op_count_baseline_refuses_support_sets_too_small_to_fit()
    {
        var (code, error) = MetaCommandRun.Run("transfer", "--tasks", "tb101/jigsaw,tb101/class_scene", "--held-out", "tb101/jigsaw",
            "--k", "0,5", "--runs", "1", "--methods", "op-count-ridge,random-init", "--out", folder);
        Assert.Equal(2, code);
        Assert.Contains("op-count-ridge needs every --k to be at least 2 (a fit to 0 point(s) ranks nothing); got --k 0,5", error);
        (code, error) = MetaCommandRun.Run("transfer", "--tasks", "tb101/jigsaw,tb101/class_scene", "--held-out", "tb101/jigsaw",
            "--k", "1,5", "--runs", "1", "--methods", "mp-nas+op-count", "--out", folder);
        Assert.Equal(2, code);
        Assert.Contains("mp-nas+op-count needs every --k to be at least 2 (a fit to 1 point(s)", error);
        Assert.False(File.Exists(Path.Combine(folder, "transfer.json")));
    }

    [Fact]
    public void The_op_count_baseline_runs_without_meta_training_and_is_deterministic()
    {
        string[] args = ["transfer", "--tasks", "tb101/jigsaw,tb101/class_scene", "--held-out", "tb101/jigsaw",
            "--k", "5,25", "--runs", "3", "--methods", "op-count-ridge", "--out", folder];
        var (code, error) = MetaCommandRun.Run(args);
        Assert.True(code == 0, error);
        Assert.False(Directory.Exists(Path.Combine(folder, "models")) && Directory.EnumerateFileSystemEntries(Path.Combine(folder, "models")).Any());
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "transfer.json")))!["results"]!.AsArray();
        Assert.Equal(2 * 3, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal("op-count-ridge", r!["method"]!.GetValue<string>());
            Assert.InRange(r["spearman"]!.GetValue<double>(), -1, 1);
            Assert.Equal(0, r["steps"]!.GetValue<double>());
        });
        // The same support cells give the same fit: a second folder reproduces every ρ exactly.
        string again = Directory.CreateTempSubdirectory("nassharp-transfer-").FullName;
        try
        {
            var (code2, error2) = MetaCommandRun.Run([.. args.Select(a => a == folder ? again : a)]);
            Assert.True(code2 == 0, error2);
            Assert.Equal(File.ReadAllText(Path.Combine(folder, "transfer.csv")).Split('\n').Select(l => string.Join(',', l.Split(',').Take(5))),
                File.ReadAllText(Path.Combine(again, "transfer.csv")).Split('\n').Select(l => string.Join(',', l.Split(',').Take(5))));
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }
    }
}
