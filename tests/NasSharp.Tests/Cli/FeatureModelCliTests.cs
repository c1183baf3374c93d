using System.CommandLine;
using System.Text.Json.Nodes;
using NasSharp.Cli;

namespace NasSharp.Tests.Cli;

/// <summary><c>train</c>, <c>predict</c> and <c>rank</c> with the feature models, end to end on the real NB201 table.</summary>
public sealed class FeatureModelCliTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-feature-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        string[] full = [.. args, "--data", TestData.Root.Path];
        int code = new NasCli().Root.Parse(full).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private string Naswot => Path.Combine(TestData.Root.Path, "nb201", "nb201.csv");

    [Fact]
    public void Default_trains_np_hybrid_with_the_table_naswot_saves_it_and_predict_scores_the_space_from_it()
    {
        string model = Path.Combine(folder, "default.model"), scores = Path.Combine(folder, "scores.csv");
        var (code, _, err) = Run("train", "--space", "nb201", "--predictor", "default", "--train", "30", "--seed", "1", "--no-cv",
            "--feature-file", Naswot, "--feature-columns", "naswot_v1_score_cifar10", "--feature-arch-column", "arch_str",
            "--model", model, "--no-progress");
        Assert.Equal(0, code);
        Assert.Contains("--predictor default = np-hybrid", err);
        Assert.DoesNotContain("graph features only", err);
        Assert.Equal(0, Run("predict", "--model", model, "--out", scores).Code);
        var lines = File.ReadAllLines(scores);
        Assert.Equal(15_626, lines.Length);
        Assert.Equal(lines.Skip(1).Count(), lines.Skip(1).Select(l => l.Split(',')[1]).Count(s => double.IsFinite(double.Parse(s, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Default_without_a_feature_file_falls_back_to_graph_features_and_says_so()
    {
        string outDir = Path.Combine(folder, "rank");
        var (code, _, err) = Run("rank", "--space", "nb201", "--predictor", "default", "--train", "20", "--seeds", "2", "--no-cv", "--out", outDir, "--no-progress");
        Assert.Equal(0, code);
        Assert.Contains("graph features only", err);
        var rank = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "rank.json")))!;
        Assert.Equal("np-hybrid", rank["config"]!["predictor"]!.GetValue<string>());
        Assert.True(rank["config"]!["features"]!["graph"]!.GetValue<bool>());
        Assert.True(rank["config"]!["readout_features"]!["graph"]!.GetValue<bool>());
        Assert.Equal("Hinge", rank["config"]!["training"]!["Loss"]!["Kind"]!.GetValue<string>());
        Assert.Null(rank["config"]!["feature_model"]);
        Assert.Equal(2, rank["results"]!.AsArray().Count);

        // Other features are another experiment in the same folder.
        var (again, _, refused) = Run("rank", "--space", "nb201", "--predictor", "lgbm", "--train", "20", "--seeds", "2", "--no-cv", "--out", outDir,
            "--feature-file", Naswot, "--feature-columns", "naswot_v1_score_cifar10", "--feature-arch-column", "arch_str", "--no-progress");
        Assert.Equal(2, again);
        Assert.Contains("different experiment", refused);
    }

    [Fact]
    public void Rank_with_an_ensemble_records_its_members_and_refuses_another_size_in_the_same_folder()
    {
        string outDir = Path.Combine(folder, "ensemble");
        string[] args = ["rank", "--space", "nb201", "--predictor", "np", "--epochs", "2", "--train", "20", "--seeds", "1", "--out", outDir, "--no-progress"];
        Assert.Equal(0, Run([.. args, "--ensemble", "2"]).Code);
        var rank = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "rank.json")))!;
        Assert.Equal("np", rank["config"]!["predictor"]!.GetValue<string>());
        Assert.Equal(2, rank["config"]!["ensemble"]!["Size"]!.GetValue<int>());
        Assert.Equal("ensemble", rank["results"]![0]!["predictor"]!.GetValue<string>());

        var (again, _, refused) = Run([.. args, "--ensemble", "3"]);
        Assert.Equal(2, again);
        Assert.Contains("different experiment", refused);
        Assert.Equal(1, Run([.. args, "--ensemble", "0"]).Code);
    }

    [Theory]
    [InlineData("--feature-file", "x.csv", "--feature-file needs --feature-columns")]
    [InlineData("--feature-columns", "naswot", "--feature-columns needs --feature-file")]
    [InlineData("--features", "none", "--features none leaves no features")]
    public void Incomplete_feature_options_are_refused_naming_the_option(string option, string value, string message)
    {
        var (code, _, err) = Run("train", "--space", "nb201", "--predictor", "lgbm", option, value, "--model", Path.Combine(folder, "m"), "--no-progress");
        Assert.Equal(2, code);
        Assert.Contains(message, err);
    }

    [Fact]
    public void A_log1p_column_is_stored_in_the_model_and_a_malformed_spec_is_refused_naming_it()
    {
        string model = Path.Combine(folder, "log.model"), scores = Path.Combine(folder, "log.csv");
        string[] args = ["train", "--space", "nb201", "--predictor", "lgbm", "--train", "20", "--seed", "3", "--no-cv", "--features", "none",
            "--feature-file", Naswot, "--feature-arch-column", "arch_str", "--model", model, "--no-progress", "--feature-columns"];
        Assert.Equal(0, Run([.. args, "naswot_v1_score_cifar10,log1p(flops_m_cifar10)"]).Code);
        Assert.Contains("log1p(flops_m_cifar10)", File.ReadAllText(model));
        Assert.Equal(0, Run("predict", "--model", model, "--out", scores).Code);
        Assert.Equal(15_626, File.ReadAllLines(scores).Length);

        string saved = File.ReadAllText(model);
        var (code, _, err) = Run([.. args, "naswot_v1_score_cifar10,log(naswot_v1_score_cifar10)"]);
        Assert.Equal(2, code);
        Assert.Contains("'log(naswot_v1_score_cifar10)': expected COLUMN or log1p(COLUMN)", err);
        // The table's NASWOT scores are log-determinants, negative: the log of one is refused at its line.
        (code, _, err) = Run([.. args, "log1p(naswot_v1_score_cifar10)"]);
        Assert.NotEqual(0, code);
        Assert.Contains("nb201.csv line 2, column 'naswot_v1_score_cifar10': expected a value above -1", err);
        Assert.Equal(saved, File.ReadAllText(model));
    }

    [Fact]
    public void A_missing_feature_column_names_the_file_and_column()
    {
        var (code, _, err) = Run("train", "--space", "nb201", "--predictor", "lgbm", "--train", "10", "--feature-file", Naswot,
            "--feature-columns", "no_such_column", "--feature-arch-column", "arch_str", "--model", Path.Combine(folder, "m"), "--no-progress");
        Assert.NotEqual(0, code);
        Assert.Contains("nb201.csv", err);
        Assert.Contains("no_such_column", err);
    }
}
