using NasSharp.Tests.Cli;
using System.CommandLine;
using System.Globalization;
using NasSharp.Benchmarks;
using NasSharp.Cli;
using NasSharp.Evaluation;
using NasSharp.Tests.Meta;

namespace NasSharp.Tests.FewShot;

public sealed class AdaptPredictorCliTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-fewshot-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static (int Code, string Err) Run(params string[] args) => MetaCommandRun.RunWithData(args);

    /// <summary>Ten cells of HELP's Xeon Gold 6226 latency (ms, lower is better) as a support CSV.</summary>
    private string LatencySupport(out BenchmarkTable table)
    {
        table = BenchmarkCatalog.LoadNb201LatencyHelp(TestData.Root);
        double[] latency = table.Values("gold-6226");
        var t = table;
        string path = Path.Combine(folder, "latency.csv");
        File.WriteAllLines(path, ["arch,value", .. new[] { 17, 901, 2345, 5000, 7777, 9001, 11111, 12000, 13500, 15000 }
            .Select(r => $"{t.Architectures[r]},{latency[r].ToString("R", CultureInfo.InvariantCulture)}")]);
        return path;
    }

    private static Dictionary<string, double> Scores(string path) =>
        File.ReadLines(path).Skip(1).Select(l => l.Split(',')).ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("default")]
    [InlineData("op-count")]
    [InlineData("feature-ridge")]
    public void Adapt_fits_any_predictor_kind_to_a_support_csv_and_scores_the_space(string predictor)
    {
        string support = LatencySupport(out var table), output = Path.Combine(folder, $"{predictor}.csv");
        var (code, err) = Run("adapt", "--space", "nb201", "--predictor", predictor, "--support", support, "--lower-is-better",
            "--task-kind", predictor == "default" ? "Auto" : "Cost", "--out", output, "--no-progress");
        Assert.True(code == 0, err);
        var scores = Scores(output);
        Assert.Equal(15_625, scores.Count);
        double[] truth = [.. table.Values("gold-6226").Select(v => -v)];
        double rho = RankCorrelation.Spearman([.. table.Architectures.Select(a => scores[a])], truth);
        // Ten cells of a CPU latency rank the whole space well with every cost-carrying kind.
        Assert.True(rho > 0.8, $"{predictor}: Spearman {rho}");
    }

    [Fact]
    public void Adapt_refuses_what_a_kind_cannot_do()
    {
        string support = LatencySupport(out _);
        var (code, err) = Run("adapt", "--space", "nb201", "--predictor", "mp-nas", "--support", support, "--out", Path.Combine(folder, "x.csv"));
        Assert.Equal(2, code);
        Assert.Contains("--model", err);
        (code, err) = Run("adapt", "--space", "nb201", "--predictor", "op-count", "--with-op-counts", "--support", support, "--out", Path.Combine(folder, "y.csv"));
        Assert.Equal(2, code);
        Assert.Contains("--with-op-counts averages MP-NAS's scores", err);
        (code, err) = Run("adapt", "--space", "nb201", "--predictor", "no-such-kind", "--support", support, "--out", Path.Combine(folder, "z.csv"));
        Assert.NotEqual(0, code);
        Assert.Contains("no-such-kind", err);
        Assert.False(File.Exists(Path.Combine(folder, "x.csv")));
    }
}
