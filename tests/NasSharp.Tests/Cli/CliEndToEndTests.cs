using System.CommandLine;
using System.Text.Json.Nodes;
using NasSharp.Cli;

namespace NasSharp.Tests.Cli;

/// <summary>The commands end to end on the real NB201 table, with tiny budgets.</summary>
public sealed class CliEndToEndTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-cli-").FullName;

    private (int Code, string Err) Run(params string[] args) => MetaCommandRun.RunWithData(args);

    [Fact]
    public void Train_then_predict_scores_the_whole_space()
    {
        string model = Path.Combine(folder, "np.model"), scores = Path.Combine(folder, "scores.csv");
        Assert.Equal(0, Run("train", "--space", "nb201", "--train", "20", "--epochs", "2", "--seed", "3", "--model", model, "--no-progress").Code);
        Assert.Equal(0, Run("predict", "--model", model, "--out", scores).Code);
        var lines = File.ReadAllLines(scores);
        Assert.Equal("arch,score", lines[0]);
        Assert.Equal(15_626, lines.Length);
        Assert.All(lines.Skip(1).Take(50), l => Assert.True(double.TryParse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture, out _)));

        var (code, err) = Run("predict", "--space", "nb101", "--model", model, "--out", scores);
        Assert.Equal(2, code);
        Assert.Contains("trained on 'nb201', not 'nb101'", err);
    }

    [Fact]
    public void Rank_writes_results_and_resumes_only_the_same_experiment()
    {
        string outDir = Path.Combine(folder, "rank");
        string[] args = ["rank", "--space", "nb201", "--train", "20,30", "--seeds", "2", "--epochs", "2", "--out", outDir, "--no-progress"];
        Assert.Equal(0, Run(args).Code);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "rank.json")))!["results"]!.AsArray();
        Assert.Equal(4, results.Count);
        Assert.All(results, r => Assert.InRange(r!["kendall_tau_all"]!.GetValue<double>(), -1, 1));
        Assert.Equal(5, File.ReadAllLines(Path.Combine(outDir, "rank.csv")).Length);
        Assert.True(new FileInfo(Path.Combine(outDir, "rank.png")).Length > 1000);

        // same experiment, one more seed: the four finished runs are kept verbatim.
        string before = File.ReadAllText(Path.Combine(outDir, "rank.csv"));
        Assert.Equal(0, Run(["rank", "--space", "nb201", "--train", "20,30", "--seeds", "3", "--epochs", "2", "--out", outDir, "--no-progress"]).Code);
        var after = File.ReadAllLines(Path.Combine(outDir, "rank.csv"));
        Assert.Equal(7, after.Length);
        Assert.All(before.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Contains(l, after));

        var (code, err) = Run(["rank", "--space", "nb201", "--train", "20", "--epochs", "3", "--out", outDir, "--no-progress"]);
        Assert.Equal(2, code);
        Assert.Contains("different experiment", err);
    }

    [Fact]
    public void Same_seed_gives_the_same_tau()
    {
        string a = Path.Combine(folder, "a"), b = Path.Combine(folder, "b");
        Assert.Equal(0, Run("rank", "--space", "nb201", "--train", "25", "--seeds", "1", "--seed", "4", "--epochs", "3", "--out", a, "--no-progress").Code);
        Assert.Equal(0, Run("rank", "--space", "nb201", "--train", "25", "--seeds", "1", "--seed", "4", "--epochs", "3", "--out", b, "--no-progress").Code);
        static double Tau(string dir) => JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "rank.json")))!["results"]![0]!["kendall_tau_all"]!.GetValue<double>();
        Assert.Equal(Tau(a), Tau(b));
    }

    [Fact]
    public void Unknown_target_lists_the_valid_ones()
    {
        var (code, err) = Run("train", "--space", "nb201", "--target", "mnist", "--model", Path.Combine(folder, "m"));
        Assert.Equal(2, code);
        Assert.Contains("valid: cifar10, cifar100, imagenet16", err);
    }

    [Fact]
    public void Hypernas_trains_predicts_and_generates_weights_that_classify_test_images()
    {
        string model = Path.Combine(folder, "hnas.model"), weights = Path.Combine(folder, "w.bin"), scores = Path.Combine(folder, "s.csv");
        Assert.Equal(0, Run("train", "--space", "nb201", "--predictor", "hypernas", "--train", "6", "--epochs", "1", "--seed", "2",
            "--model", model, "--no-progress").Code);
        Assert.Equal(0, Run("predict", "--model", model, "--out", scores).Code);
        Assert.Equal(15_626, File.ReadAllLines(scores).Length);

        const string arch = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_1x1~1|+|skip_connect~0|nor_conv_3x3~1|avg_pool_3x3~2|";
        Assert.Equal(0, Run("init-weights", "--arch", arch, "--model", model, "--out", weights, "--no-eval").Code);
        var generated = NasSharp.HyperNetworks.GeneratedWeights.Load(weights);
        Assert.Equal(arch, generated.Architecture);
        // cpu profile: C = 8, one cell per stage; the cell has 4 convolutions, each reduction block 3.
        Assert.Equal(3 * 4 + 2 * 3 + 3, generated.Weights.Count);
        Assert.Equal(new long[] { 8, 8, 3, 3 }, generated.Weights[0].Shape);
        Assert.Equal(new long[] { 10, 32 }, generated.Weights.Single(w => w.Name == "classifier").Shape);

        var (code, err) = Run("init-weights", "--arch", "|bad|", "--model", model, "--out", weights);
        Assert.Equal(2, code);
        Assert.Contains("|bad|", err);
        Assert.Equal(arch, NasSharp.HyperNetworks.GeneratedWeights.Load(weights).Architecture);
    }

    [Fact]
    public void Hypernas_h_trains_but_refuses_to_rank_or_predict()
    {
        string model = Path.Combine(folder, "h.model");
        Assert.Equal(0, Run("train", "--space", "nb201", "--predictor", "hypernas-h", "--train", "4", "--epochs", "1",
            "--model", model, "--no-progress").Code);
        var (code, err) = Run("predict", "--model", model, "--out", Path.Combine(folder, "s.csv"));
        Assert.Equal(2, code);
        Assert.Contains("no score head", err);
        (code, err) = Run("rank", "--space", "nb201", "--predictor", "hypernas-h", "--train", "5", "--out", Path.Combine(folder, "r"));
        Assert.Equal(2, code);
        Assert.Contains("cannot rank", err);
        (code, err) = Run("init-weights", "--arch", "x", "--model", model.Replace("h.model", "missing.model"), "--out", Path.Combine(folder, "w"));
        Assert.Equal(2, code);
        Assert.Contains("does not exist", err);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
    [Fact]
    public void Correlate_writes_the_matrix_and_refuses_mixed_spaces()
    {
        string outDir = Path.Combine(folder, "correlate");
        Assert.Equal(0, Run("correlate", "--tasks", "nb201/cifar10,nb201/ninapro,nb201/gpu-latency", "--within", "nb201/gpu-latency", "--out", outDir).Code);
        var csv = File.ReadAllLines(Path.Combine(outDir, "correlation.csv"));
        Assert.Equal("task_a,task_b,shared_cells,spearman", csv[0]);
        Assert.Equal(1 + 9, csv.Length);
        Assert.All(csv.Skip(1), l => Assert.Equal("1999", l.Split(',')[2]));
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "correlation.json")))!;
        Assert.Equal("nb201/gpu-latency", json["within"]!.GetValue<string>());
        Assert.Equal(1.0, json["spearman"]![1]![1]!.GetValue<double>(), 12);
        Assert.True(new FileInfo(Path.Combine(outDir, "correlation.png")).Length > 1000);

        var (code, err) = Run("correlate", "--tasks", "nb201/cifar10,tb101/jigsaw");
        Assert.Equal(2, code);
        Assert.Contains("different spaces (nb201, tb101)", err);
        (code, err) = Run("correlate", "--within", "nb201/cpu-latency,nb201/gpu-latency");
        Assert.Equal(2, code);
        Assert.Contains("--within takes one task", err);
        Assert.NotEmpty(new NasCli().Root.Parse("correlate --tasks nb201/mnist").Errors);
    }
}
