using System.CommandLine;
using System.Text.Json.Nodes;
using NasSharp.Cli;

namespace NasSharp.Tests.Cli;

/// <summary><c>synthetic</c> end to end on noisy copies of TB101 jigsaw with a one-epoch meta-training.</summary>
public sealed class SyntheticCliTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-synthetic-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_panel_writes_every_setting_shares_random_init_across_equal_sigma_and_resumes()
    {
        string[] args = ["synthetic", "--base-task", "tb101/jigsaw", "--vary", "correlated-tasks", "--values", "1,2", "--meta-archs", "40",
            "--meta-epochs", "1", "--runs", "2", "--seeds", "1", "--baseline-steps", "5", "--out", folder];
        var (first, firstError) = MetaCommandRun.Run(args);
        Assert.True(first == 0, firstError);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "synthetic.json")))!["results"]!.AsArray();
        Assert.Equal(2 * 2 * 2, results.Count);
        Assert.Equal(["sigma=0.5 tasks=1 noise=0", "sigma=0.5 tasks=2 noise=0"],
            results.Select(r => r!["held_out"]!.GetValue<string>()).Distinct().Order());
        double[] RandomInit(string label) => [.. results.Where(r => r!["held_out"]!.GetValue<string>() == label && r["method"]!.GetValue<string>() == "random-init")
            .Select(r => r!["spearman"]!.GetValue<double>())];
        Assert.Equal(RandomInit("sigma=0.5 tasks=1 noise=0"), RandomInit("sigma=0.5 tasks=2 noise=0"));
        Assert.All(results, r => Assert.InRange(r!["spearman"]!.GetValue<double>(), -1, 1));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(folder, "models"), "*.model").Length);
        Assert.True(new FileInfo(Path.Combine(folder, "synthetic.png")).Length > 1000);

        string before = File.ReadAllText(Path.Combine(folder, "synthetic.csv"));
        var (again, againError) = MetaCommandRun.Run(args);
        Assert.True(again == 0, againError);
        Assert.Equal(before, File.ReadAllText(Path.Combine(folder, "synthetic.csv")));
    }

    [Theory]
    [InlineData("sigma", "-1", "--values for sigma must be numbers ≥ 0; got -1.")]
    [InlineData("correlated-tasks", "2,0", "--values for correlated-tasks must be whole numbers ≥ 1; got 0.")]
    [InlineData("correlated-tasks", "1.5", "--values for correlated-tasks must be whole numbers ≥ 1; got 1.5.")]
    [InlineData("uncorrelated-tasks", "-2", "--values for uncorrelated-tasks must be whole numbers ≥ 0; got -2.")]
    public void Values_that_do_not_fit_the_factor_fail_before_any_work(string factor, string values, string expected)
    {
        var (code, err) = MetaCommandRun.Run("synthetic", "--base-task", "tb101/jigsaw", "--vary", factor, "--values", values, "--out", folder);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Theory]
    [InlineData("synthetic --vary sigma --values 0.5,x --out d", "'x' is not one")]
    [InlineData("synthetic --vary noise --values 1 --out d", "noise")]
    [InlineData("synthetic --vary sigma --values 1 --methods naive-transfer --out d", "Unknown method 'naive-transfer'")]
    [InlineData("synthetic --vary sigma --values 1 --sigma -1 --out d", "--sigma must be")]
    [InlineData("synthetic --values 1 --out d", "--vary")]
    public void Bad_command_lines_are_parse_errors_that_say_why(string line, string expected)
    {
        var errors = new NasCli().Root.Parse(line).Errors;
        Assert.Contains(errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }
}
