using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using NasSharp.Cli;

namespace NasSharp.Tests.Cli;

/// <summary>
/// Result folders shared by processes (the claim rule), outputs that would destroy an input, and options validated
/// before any work starts. The concurrency tests start real <c>nassharp</c> processes, not threads.
/// </summary>
public sealed class ResultFolderCliTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-folders-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>A tiny rank experiment: 4 runs on the 711-cell TB101 table.</summary>
    private static string[] TinyRank(string outDir, int jobs) =>
        ["rank", "--space", "tb101", "--target", "class_scene", "--train", "10,20", "--seeds", "2", "--epochs", "2",
         "--out", outDir, "--jobs", jobs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-progress"];

    private static Process StartCli(string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nassharp.dll"));
        foreach (string a in args) info.ArgumentList.Add(a);
        info.ArgumentList.Add("--data");
        info.ArgumentList.Add(TestData.Root.Path);
        return Process.Start(info)!;
    }

    private static (int Code, string Output) Finish(Process p)
    {
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    private static JsonArray Results(string outDir) => JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "rank.json")))!["results"]!.AsArray();

    private static string[] Keys(JsonArray results) =>
        [.. results.Select(r => $"{r!["train_size"]}/{r["seed"]}")];

    [Fact]
    public void Two_rank_processes_into_one_folder_record_every_run_exactly_once()
    {
        string outDir = Path.Combine(folder, "shared");
        using var a = StartCli(TinyRank(outDir, jobs: 1));
        using var b = StartCli(TinyRank(outDir, jobs: 1));
        var (codeA, outA) = Finish(a);
        var (codeB, outB) = Finish(b);
        Assert.True(codeA == 0, outA);
        Assert.True(codeB == 0, outB);

        // Each run is computed by one process only: a claim of the other (live) process is never taken over.
        Assert.DoesNotContain("was recorded by another process", outA + outB);
        string[] keys = Keys(Results(outDir));
        Assert.Equal(["10/0", "10/1", "20/0", "20/1"], keys.Order());
        Assert.Equal("[]", File.ReadAllText(Path.Combine(outDir, ".rank.json.claims.json")).Trim());
    }

    [Fact]
    public void Jobs_2_records_the_numbers_of_a_sequential_run()
    {
        string sequential = Path.Combine(folder, "jobs1"), parallel = Path.Combine(folder, "jobs2");
        using (var one = StartCli(TinyRank(sequential, jobs: 1))) Assert.Equal(0, Finish(one).Code);
        using (var two = StartCli(TinyRank(parallel, jobs: Math.Min(2, Environment.ProcessorCount))))
        {
            var (code, output) = Finish(two);
            Assert.True(code == 0, output);
            Assert.Contains("n = 20, seed 1:", output); // a line per finished run, whichever process ran it
            Assert.DoesNotContain("was recorded by another process", output);
        }
        static IEnumerable<string> Numbers(JsonArray results) => results.Select(r =>
        {
            var copy = r!.DeepClone().AsObject();
            copy.Remove("train_seconds");
            return copy.ToJsonString();
        });
        Assert.Equal(Numbers(Results(sequential)), Numbers(Results(parallel)));
    }

    private (int Code, string Err) Run(params string[] args) => MetaCommandRun.RunWithData(args);

    [Fact]
    public void An_output_equal_to_an_input_is_refused_and_the_input_is_kept()
    {
        string model = Path.Combine(folder, "m.model"), support = Path.Combine(folder, "s.csv");
        File.WriteAllText(model, "model bytes");
        File.WriteAllText(support, "arch,value\n");
        string link = Path.Combine(folder, "link.csv");
        File.CreateSymbolicLink(link, support);
        foreach (var (args, input) in new (string[], string)[]
                 {
                     (["predict", "--model", model, "--out", model], "--model"),
                     (["adapt", "--space", "nb201", "--model", model, "--support", support, "--out", support], "--support"),
                     (["adapt", "--space", "nb201", "--model", model, "--support", support, "--out", link], "--support"),
                     (["adapt", "--space", "nb201", "--model", model, "--support", support, "--out", model], "--model"),
                     (["init-weights", "--model", model, "--arch", "x", "--out", model], "--model"),
                 })
        {
            var (code, err) = Run(args);
            Assert.Equal(2, code);
            Assert.Contains($"same file as {input}", err);
        }
        Assert.Equal("model bytes", File.ReadAllText(model));
        Assert.Equal("arch,value\n", File.ReadAllText(support));
    }

    [Fact]
    public void Options_and_output_locations_are_refused_before_any_work()
    {
        string file = Path.Combine(folder, "a-file");
        File.WriteAllText(file, "");
        Assert.Equal(1, Run("rank", "--space", "nb201", "--seeds", "999999999", "--out", folder).Code);
        Assert.Equal(1, Run("adapt", "--space", "nb201", "--model", "m", "--support", "s", "--out", "o", "--threads", "100000").Code);
        Assert.Equal(1, Run("rank", "--space", "nb201", "--jobs", "0", "--out", folder).Code);

        var cases = new (string[] Args, string Expected)[]
        {
            (["rank", "--space", "nb201", "--train", "20", "--out", file], "--out '" + file + "' is a file"),
            (["rank", "--space", "nb201", "--train", "20", "--out", "/proc/x"], "--out '/proc/x': cannot write"),
            (["train", "--space", "nb201", "--train", "20", "--model", "/proc/x.model"], "--model '/proc/x.model': cannot write"),
            (["train", "--space", "nb201", "--train", "20", "--model", folder], "is a folder"),
            (["rank", "--space", "tb101", "--target", "class_scene", "--train", "711", "--out", Path.Combine(folder, "r1")], "--train 711 does not fit a table of 711 cells"),
            (["rank", "--space", "tb101", "--target", "class_scene", "--train", "709", "--out", Path.Combine(folder, "r2")], "--train 709 does not fit"),
            (["rank", "--space", "nb201", "--seed", "2147483647", "--seeds", "2", "--out", Path.Combine(folder, "r3")], "runs past the largest seed"),
            (["transfer", "--tasks", "nb201/cifar10,nb201/cifar100", "--held-out", "nb201/cifar10", "--k", "100000", "--out", Path.Combine(folder, "t")],
                "--k 100000 does not fit task 'nb201/cifar10'"),
        };
        foreach (var (args, expected) in cases)
        {
            var (code, err) = Run([.. args, "--no-progress"]);
            Assert.True(code == 2, $"{string.Join(' ', args)}: {err}");
            Assert.Contains(expected, err);
            Assert.DoesNotContain("(Parameter", err);
        }
        Assert.False(Directory.Exists(Path.Combine(folder, "t", "models"))); // refused before meta-training
    }

    [Fact]
    public void A_diverged_rank_run_is_recorded_as_such_and_left_out_of_the_statistics()
    {
        string outDir = Path.Combine(folder, "diverged");
        var (code, err) = Run("rank", "--space", "tb101", "--target", "class_scene", "--train", "20", "--seeds", "2", "--epochs", "2",
            "--lr", "1e30", "--out", outDir, "--jobs", "1", "--no-progress");
        Assert.True(code == 0, err);
        Assert.Contains("diverged", err);
        var results = Results(outDir);
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r!["diverged"]!.GetValue<bool>()));
        Assert.Contains("20,0,NaN,NaN,NaN,NaN", File.ReadAllText(Path.Combine(outDir, "rank.csv")).Replace("np,tb101,class_scene,", ""));
        // Resuming keeps them: a rerun with the same seed would diverge again.
        Assert.Equal(0, Run("rank", "--space", "tb101", "--target", "class_scene", "--train", "20", "--seeds", "2", "--epochs", "2",
            "--lr", "1e30", "--out", outDir, "--jobs", "1", "--no-progress").Code);
        Assert.Equal(2, Results(outDir).Count);
    }

    [Fact]
    public void Predict_never_writes_non_finite_scores()
    {
        string scores = Path.Combine(folder, "scores.csv");
        var error = Assert.Throws<NasSharp.Training.TrainingDivergedException>(() =>
            NasSharp.Cli.Commands.PredictCommand.WriteScores(scores, ["a", "b"], [0.5, double.NaN]));
        Assert.Contains("b as NaN", error.Message);
        Assert.False(File.Exists(scores));
    }
}
