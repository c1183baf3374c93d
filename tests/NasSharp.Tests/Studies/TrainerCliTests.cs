using System.IO.Compression;
using System.Text.Json.Nodes;
using NasSharp.Cli;
using NasSharp.Studies;
using NasSharp.Tests.Images;

namespace NasSharp.Tests.Studies;

/// <summary><c>evaluate --dataset</c> on a tiny synthetic Fashion-MNIST folder, its option errors, and <c>study correlate</c>.</summary>
public sealed class TrainerCliTests : IDisposable
{
    private const string Arch = "|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|";
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-trainer-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => StudyCliTests.Run(args);

    /// <summary>A Fashion-MNIST training split of 80 images in gzip IDX files: image i's pixels are i % 10 · 25 plus the column.</summary>
    private string FashionFolder()
    {
        const int n = 80;
        var pixels = new byte[n * 28 * 28];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i / (28 * 28) % 10 * 25 + i % 28);
        void Write(string name, byte[] bytes)
        {
            using var gz = new GZipStream(File.Create(Path.Combine(folder, name)), CompressionLevel.Fastest);
            gz.Write(bytes);
        }
        Write("train-images-idx3-ubyte.gz", FashionMnistTests.Idx([n, 28, 28], pixels));
        Write("train-labels-idx1-ubyte.gz", FashionMnistTests.Idx([n], [.. Enumerable.Range(0, n).Select(i => (byte)(i % 10))]));
        return folder;
    }

    private string[] Evaluate(string result, int seed, int subset = 48) =>
    [
        "evaluate", "--space", "nb201", "--arch", Arch, "--dataset", "fashion-mnist", "--dataset-dir", FashionFolder(), "--epochs", "1",
        "--channels", "4", "--cells-per-stage", "1", "--image-size", "8", "--subset", subset.ToString(System.Globalization.CultureInfo.InvariantCulture), "--validation", "32", "--batch", "16",
        "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", result,
    ];

    [Fact]
    public void Evaluate_trains_on_fashion_mnist_and_writes_the_worker_json()
    {
        string result = Path.Combine(folder, "r.json");
        var (code, output, err) = Run(Evaluate(result, 1));
        Assert.True(code == 0, err);
        Assert.Contains("epoch 1/1: train loss", err);
        var json = JsonNode.Parse(File.ReadAllText(result))!;
        Assert.Equal(output.Trim(), json.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.InRange(json["value"]!.GetValue<double>(), 0, 100);
        Assert.True(json["params"]!.GetValue<double>() > 0);
        Assert.True(json["seconds"]!.GetValue<double>() > 0);
        Assert.Equal(("fashion-mnist", 1, Arch), (json["dataset"]!.GetValue<string>(), json["epochs"]!.GetValue<int>(), json["arch"]!.GetValue<string>()));
        Assert.True(double.IsFinite(json["train_loss"]!.GetValue<double>()));
        Assert.Null(json["report"]);
        Assert.Contains("48 train / 32 held-out validation images", json["source"]!.GetValue<string>());
        // The worker reads the same JSON as a trial result.
        var (parsed, error) = NasSharp.Studies.Workers.TrialResultParser.Parse(result, null, ["value"]);
        Assert.Null(error);
        Assert.Equal(json["value"]!.GetValue<double>(), parsed!.Values[0]);
        string again = Path.Combine(folder, "r2.json");
        Assert.Equal(0, Run(Evaluate(again, 1)).Code);
        Assert.Equal(json["train_loss"]!.GetValue<double>(), JsonNode.Parse(File.ReadAllText(again))!["train_loss"]!.GetValue<double>());
    }

    [Fact]
    public void Table_and_dataset_exclude_each_other_and_one_is_needed()
    {
        var (code, _, err) = Run("evaluate", "--from-table", "--dataset", "cifar10", "--space", "nb201", "--arch", Arch);
        Assert.NotEqual(0, code);
        Assert.Contains("--from-table and --dataset exclude each other", err);
        (code, _, err) = Run("evaluate", "--space", "nb201", "--arch", Arch);
        Assert.NotEqual(0, code);
        Assert.Contains("--dataset cifar10|fashion-mnist trains the network, --from-table answers from the benchmark table", err);
        (code, _, err) = Run("evaluate", "--dataset", "mnist", "--space", "nb201", "--arch", Arch);
        Assert.NotEqual(0, code);
        Assert.Contains("mnist", err);
        (code, _, err) = Run("evaluate", "--dataset", "fashion-mnist", "--dataset-dir", folder, "--space", "nb201", "--arch", Arch);
        Assert.Equal(2, code);
        Assert.Contains("apt-get install dataset-fashion-mnist", err);
        (code, _, err) = Run(Evaluate(Path.Combine(folder, "x.json"), 0, subset: 70));
        Assert.Equal(2, code);
        Assert.Contains("70 training + 32 validation images need that many; the split holds 80", err);
    }

    [Fact]
    public void Study_correlate_ranks_the_trials_against_the_benchmark()
    {
        string storage = $"sqlite:{Path.Combine(folder, "s.db")}";
        Assert.Equal(0, Run("study", "create", "--storage", storage, "--name", "c", "--space", "nb201", "--domain", "cifar10", "--strategy", "random",
            "--budget", "6", "--seed", "1").Code);
        var (code, _, err) = Run("worker", "--storage", storage, "--study", "c", "--out-dir", Path.Combine(folder, "trials"), "--",
            "dotnet", typeof(NasCli).Assembly.Location, "evaluate", "--from-table", "--space", "nb201", "--target", "cifar10", "--arch", "{arch}",
            "--data", TestData.Root.Path, "--out", "{out}");
        Assert.True(code == 0, err);
        string json = Path.Combine(folder, "correlation.json");
        (code, _, err) = Run("study", "correlate", "--storage", storage, "--study", "c", "--target", "cifar10", "--data", TestData.Root.Path, "--out", json);
        Assert.True(code == 0, err);
        var result = System.Text.Json.JsonSerializer.Deserialize<StudyTableCorrelation>(File.ReadAllText(json))!;
        Assert.Equal(6, result.Trials);
        Assert.NotNull(result.MedianSeconds);
        var valid = result.Correlations.Single(c => c.Metric == "cifar10-valid");
        Assert.Equal(6, valid.Cells);
        Assert.Equal(1.0, valid.Spearman, 12);   // the values are the table's own
        Assert.Equal(1.0, valid.Kendall, 12);
        Assert.Contains(result.Correlations, c => c.Metric == "cifar10-test" && c.Cells == 6);
    }
}
