using System.Text.Json.Nodes;
using NasSharp.Cli;
using NasSharp.Tests.Meta;

namespace NasSharp.Tests.Studies;

/// <summary>The study commands, the worker and <c>evaluate --from-table</c> end to end on an SQLite store, and their errors.</summary>
public sealed class StudyCliTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-study-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Storage => $"sqlite:{Path.Combine(folder, "s.db")}";

    /// <summary>Runs the CLI in process on one torch thread: exit code, stdout and stderr.</summary>
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var threads = new OneTorchThread();
        var (output, error) = (new StringWriter(), new StringWriter());
        int code = new NasCli().Root.Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_study_is_created_answered_by_a_worker_and_reported()
    {
        var (code, _, err) = Run("study", "create", "--storage", Storage, "--name", "demo", "--space", "tb101", "--strategy", "rea", "--budget", "6", "--seed", "2");
        Assert.True(code == 0, err);
        (code, string output, err) = Run("worker", "--storage", Storage, "--study", "demo", "--worker", "w1", "--out-dir", Path.Combine(folder, "trials"),
            "--", "echo", """{"value": {trial}, "params": 0.5}""");
        Assert.True(code == 0, err);
        Assert.Contains("[w1] done: 6 complete, 0 failed, 0 dropped, 0 released", output);
        (code, output, err) = Run("study", "best", "--storage", Storage, "--study", "demo");
        Assert.True(code == 0, err);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("trial 6: value 6", lines[1].Trim());
        Assert.Equal(0, Run("study", "status", "--storage", Storage, "--study", "demo").Code);
        string export = Path.Combine(folder, "export");
        (code, _, err) = Run("study", "export", "--storage", Storage, "--study", "demo", "--out", export);
        Assert.True(code == 0, err);
        Assert.Equal(7, File.ReadAllLines(Path.Combine(export, "trials.csv")).Length);
        Assert.StartsWith("number,arch,state,attempt,failures,worker,completion,value,error,attributes", File.ReadAllLines(Path.Combine(export, "trials.csv"))[0]);
        var trials = JsonNode.Parse(File.ReadAllText(Path.Combine(export, "trials.json")))!["trials"]!.AsArray();
        Assert.All(trials, t => Assert.Equal("complete", t!["state"]!.GetValue<string>()));
        Assert.Equal(0.5, trials[0]!["attributes"]!["params"]!.GetValue<double>());
        Assert.Equal(trials[5]!["arch"]!.GetValue<string>(), lines[0].Trim());
        Assert.True(new FileInfo(Path.Combine(export, "best.png")).Length > 1000);
    }

    [Fact]
    public void Mistakes_are_clear_errors()
    {
        var (code, _, err) = Run("study", "status", "--storage", Storage, "--study", "demo");
        Assert.Equal(2, code);
        Assert.Contains("does not exist; create a study in it first", err);
        Assert.Equal(0, Run("study", "create", "--storage", Storage, "--name", "demo", "--space", "tb101", "--strategy", "random").Code);
        (code, _, err) = Run("study", "create", "--storage", Storage, "--name", "demo", "--space", "nb201", "--strategy", "random");
        Assert.Equal(2, code);
        Assert.Contains("Study 'demo' exists already", err);
        Assert.Contains("space tb101", err);
        (code, _, err) = Run("worker", "--storage", Storage, "--study", "other", "--", "echo");
        Assert.Equal(2, code);
        Assert.Contains("No study 'other'", err);
        (code, _, err) = Run("worker", "--storage", Storage, "--study", "demo", "--timeout", "soon", "--", "echo");
        Assert.NotEqual(0, code);
        Assert.Contains("Expected a positive duration for --timeout", err);
        (code, _, err) = Run("study", "create", "--storage", "mysql://x/y", "--name", "d", "--space", "tb101", "--strategy", "random");
        Assert.Equal(2, code);
        Assert.Contains("expected sqlite:PATH", err);
        (code, _, err) = Run("evaluate", "--space", "nb201", "--arch", "x");
        Assert.NotEqual(0, code);
        Assert.Contains("Say how to evaluate", err);
    }

    [Fact]
    public void Evaluate_from_the_table_writes_the_benchmark_numbers()
    {
        const string arch = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";
        string result = Path.Combine(folder, "r.json");
        var (code, output, err) = Run("evaluate", "--from-table", "--space", "nb201", "--target", "cifar10", "--arch", arch, "--out", result,
            "--cost-metric", "train-time-cifar10-valid", "--data", TestData.Root.Path);
        Assert.True(code == 0, err);
        var json = JsonNode.Parse(File.ReadAllText(result))!;
        Assert.Equal(output.Trim(), json.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        var table = NasSharp.Benchmarks.BenchmarkCatalog.Load(TestData.Root, "nb201");
        int row = table.IndexOf(arch);
        Assert.Equal(table.Value("cifar10-valid", row), json["value"]!.GetValue<double>());
        Assert.Equal(table.Value("cifar10-test", row), json["report"]!.GetValue<double>());
        Assert.Equal(table.Value("params-cifar10", row), json["params"]!.GetValue<double>());
        Assert.Equal(table.Value("train-time-cifar10-valid", row), json["seconds"]!.GetValue<double>());
        Assert.Equal(arch, json["arch"]!.GetValue<string>());
    }
}
