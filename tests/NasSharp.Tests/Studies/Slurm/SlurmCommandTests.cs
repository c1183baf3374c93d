using NasSharp.Cli;
using NasSharp.Tests.Meta;

namespace NasSharp.Tests.Studies.Slurm;

/// <summary><c>nassharp slurm</c>: it binds its options to the script writer and reports mistakes as clear errors.</summary>
public sealed class SlurmCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-slurm-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var threads = new OneTorchThread();
        var (output, error) = (new StringWriter(), new StringWriter());
        int code = new NasCli().Root.Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    // The command's required options, each replaced when <paramref name="more"/> gives it again (an option given twice is a parse error).
    // The command's required options, those in <paramref name="set"/> replaced or added (an option given twice is a parse error).
    private string[] Args(params (string Option, string Value)[] set)
    {
        string stub = Path.Combine(folder, "nassharp");
        if (!File.Exists(stub)) File.WriteAllText(stub, "#!/bin/sh\n");
        var options = new Dictionary<string, string>
        {
            ["--storage"] = "postgresql://u@db/studies", ["--study"] = "s", ["--workers"] = "3", ["--nassharp"] = stub, ["--chdir"] = folder,
            ["--out"] = Path.Combine(folder, "job.sbatch"),
        };
        foreach (var (option, value) in set) options[option] = value;
        return ["slurm", .. options.SelectMany(o => new[] { o.Key, o.Value })];
    }

    [Fact]
    public void The_options_reach_the_script()
    {
        var (code, _, err) = Run([.. Args(("--time", "2:00:00"), ("--partition", "p"), ("--gres", "gpu:1"), ("--cpus-per-task", "2"), ("--mem", "4G"),
            ("--max-trials", "7"), ("--worker-args", "--lease 2m --retries 3"), ("--term-before", "60"), ("--log-dir", "logs")), "--", "train", "{arch}", "{out}"]);
        Assert.True(code == 0, err);
        string text = File.ReadAllText(Path.Combine(folder, "job.sbatch"));
        foreach (string line in new[] { "--array=0-2", "--time=0-02:00:00", "--partition=p", "--gres=gpu:1", "--cpus-per-task=2", "--mem=4G", "--signal=B:TERM@60", $"--output={folder}/logs/" })
            Assert.Contains("#SBATCH " + line, text);
        Assert.Contains($"exec {folder}/nassharp worker --storage postgresql://u@db/studies --study s --max-trials 7 --lease 2m --retries 3 --worker ", text);
        Assert.EndsWith(" -- train '{arch}' '{out}'\n", text);
    }

    [Fact]
    public void Mistakes_are_clear_errors()
    {
        var (code, _, err) = Run([.. Args(("--storage", "sqlite:s.db")), "--", "train"]);
        Assert.Equal(2, code);
        Assert.Contains("--storage sqlite:s.db with --workers 3", err);
        Assert.False(File.Exists(Path.Combine(folder, "job.sbatch")));
        Assert.Equal(0, Run([.. Args(("--storage", "sqlite:s.db")), "--single-node", "--", "train"]).Code);
        (code, _, err) = Run([.. Args(("--time", "2h")), "--", "train"]);
        Assert.Equal(2, code);
        Assert.Contains("--time expects a Slurm time limit", err);
        (code, _, err) = Run([.. Args(("--worker-args", "--lease soon")), "--", "train"]);
        Assert.Equal(2, code);
        Assert.Contains("--worker-args: Expected a positive duration for --lease", err);
        (code, _, err) = Run([.. Args(("--worker-args", "--study other")), "--", "train"]);
        Assert.Equal(2, code);
        Assert.Contains("--worker-args must not contain --study", err);
        (code, _, err) = Run([.. Args(("--nassharp", Path.Combine(folder, "missing"))), "--", "train"]);
        Assert.Equal(2, code);
        Assert.Contains("no such file; expected the nassharp executable or nassharp.dll", err);
        (code, _, err) = Run(["slurm", "--storage", "postgresql://u@db/s", "--study", "s", "--workers", "2", "--out", Path.Combine(folder, "j"), "--", "train"]);
        Assert.Equal(2, code);
        Assert.Contains("give the nassharp the tasks run with --nassharp PATH", err);
        (code, _, _) = Run(Args(("--out", Path.Combine(folder, "no-command.sbatch"))));
        Assert.NotEqual(0, code);
        Assert.False(File.Exists(Path.Combine(folder, "no-command.sbatch")));
    }
}
