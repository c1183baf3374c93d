using NasSharp.Tests.Cli;
using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using NasSharp.Cli;
using NasSharp.Tests.Meta;

namespace NasSharp.Tests.Predictors;

/// <summary>
/// <c>train</c>, <c>predict</c> and <c>rank</c> give the numbers they gave before they went through the predictor
/// registry: the pinned values were computed with the code before that change (same seeds, NB201 table, 20 epochs).
/// </summary>
public sealed class PinnedNumbersTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-pin-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static (int Code, string Err) Run(params string[] args) => MetaCommandRun.RunWithData(args);

    [Theory]
    [InlineData("np", new[] { 86.66910044163994, 86.61446632113183, 86.6803129956151, 86.42502807930127 })]
    [InlineData("hypernas-p", new[] { 86.60418739007203, 86.4205702208715, 86.72512818727776, 86.65856685595249 })]
    public void Train_then_predict_gives_the_pinned_scores(string kind, double[] pinned)
    {
        string model = Path.Combine(folder, kind + ".model"), scores = Path.Combine(folder, kind + ".csv");
        Assert.Equal(0, Run("train", "--space", "nb201", "--predictor", kind, "--train", "20", "--epochs", "20", "--seed", "3",
            "--model", model, "--no-progress", "--device", "cpu").Code);
        Assert.Equal(0, Run("predict", "--model", model, "--out", scores).Code);
        var lines = File.ReadAllLines(scores);
        double[] actual = [.. new[] { 1, 2, 3, 12345 }.Select(i => double.Parse(lines[i].Split(',')[1], CultureInfo.InvariantCulture))];
        // Bit-identical on one machine; the tolerance only allows other CPUs' float rounding, far below any change of schedule.
        for (int i = 0; i < pinned.Length; i++) Assert.Equal(pinned[i], actual[i], 1e-6);
    }

    [Fact]
    public void Rank_gives_the_pinned_correlations()
    {
        string outDir = Path.Combine(folder, "rank");
        Assert.Equal(0, Run("rank", "--space", "nb201", "--train", "20", "--seeds", "1", "--seed", "4", "--epochs", "20", "--out", outDir, "--no-progress").Code);
        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "rank.json")))!["results"]![0]!;
        Assert.Equal(0.3634243986062951, run["kendall_tau_all"]!.GetValue<double>(), 1e-6);
        Assert.Equal(0.36329006969571853, run["kendall_tau_unseen"]!.GetValue<double>(), 1e-6);
        Assert.Equal(0.5189758137197579, run["spearman_all"]!.GetValue<double>(), 1e-6);
        Assert.Equal(0.22791293213828426, run["precision_at_5pct"]!.GetValue<double>(), 1e-6);
    }

    [Theory]
    [InlineData("train", "--space", "nb201", "--train", "20", "--epochs", "1", "--model", "m.model")]
    [InlineData("rank", "--space", "nb201", "--train", "20", "--seeds", "1", "--epochs", "1", "--out", "r")]
    [InlineData("bench", "--space", "nb201", "--train", "20", "--epochs", "1", "--repeats", "1")]
    [InlineData("predict", "--model", "m.model", "--out", "s.csv")]
    [InlineData("init-weights", "--model", "m.model", "--arch", "|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|", "--out", "w.bin")]
    public void A_device_this_libtorch_lacks_is_refused_with_exit_code_2(params string[] args)
    {
        string[] placed = [.. args.Select(a => a is "m.model" or "r" or "s.csv" or "w.bin" ? Path.Combine(folder, a) : a)];
        var (code, err) = Run([.. placed, "--device", "cuda"]);
        Assert.Equal(2, code);
        Assert.Contains("Device 'cuda' needs a CUDA build of libtorch and a GPU", err);
        Assert.Contains("Use --device cpu", err);
    }
}
