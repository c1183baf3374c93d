using System.Diagnostics;
using NasSharp.Studies.Slurm;

namespace NasSharp.Tests.Studies.Slurm;

/// <summary>The job-array script: its #SBATCH lines, argument quoting (run under bash against a stub), file mode and errors.</summary>
public sealed class SlurmScriptTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-slurm-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private SlurmJob Job(string storage = "postgresql://u@db.example/studies", int workers = 4, params string[] trial) =>
        new(storage, "s", workers, ["/opt/nassharp"], trial.Length > 0 ? trial : ["train.sh", "{arch}"]) { WorkingDirectory = folder };

    [Fact]
    public void The_header_asks_slurm_for_an_array_of_workers_signalled_before_the_limit()
    {
        var job = Job() with { Partition = "gpu", Gres = "gpu:a100:1", TimeLimit = SlurmTime.Parse("1-02:03:04"), CpusPerTask = 4, Memory = "16G", JobName = "nas", MaxTrials = 5, TermBeforeSeconds = 300 };
        string[] lines = SlurmScript.Render(job).Split('\n');
        Assert.Equal("#!/bin/bash", lines[0]);
        string[] sbatch = [.. lines.Where(l => l.StartsWith("#SBATCH ", StringComparison.Ordinal))];
        Assert.Equal(
        [
            "#SBATCH --job-name=nas", "#SBATCH --array=0-3", $"#SBATCH --output={folder}/slurm-logs/%x-%A_%a.out", $"#SBATCH --chdir={folder}",
            "#SBATCH --ntasks=1", "#SBATCH --cpus-per-task=4", "#SBATCH --time=1-02:03:04", "#SBATCH --partition=gpu", "#SBATCH --gres=gpu:a100:1",
            "#SBATCH --mem=16G", "#SBATCH --signal=B:TERM@300",
        ], sbatch);
        // sbatch stops reading options at the first command, so every #SBATCH line comes before it.
        int firstCommand = Array.FindIndex(lines, l => l.Length > 0 && !l.StartsWith('#'));
        Assert.True(firstCommand > Array.FindLastIndex(lines, l => l.StartsWith("#SBATCH", StringComparison.Ordinal)));
        Assert.StartsWith("exec /opt/nassharp worker ", lines.Single(l => l.StartsWith("exec ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Optional_limits_are_left_to_the_cluster()
    {
        string text = SlurmScript.Render(Job(workers: 1));
        Assert.Contains("#SBATCH --array=0-0\n", text);
        foreach (string absent in new[] { "--time", "--partition", "--gres", "--mem", "--max-trials" }) Assert.DoesNotContain(absent, text);
    }

    [Fact]
    public void Awkward_arguments_reach_the_worker_intact()
    {
        if (OperatingSystem.IsWindows()) return;
        string stub = Path.Combine(folder, "stub nassharp");
        File.WriteAllText(stub, "#!/bin/bash\nprintf '%s\\0' \"$@\"\n");
        File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string[] trial = ["sh", "-c", "echo \"$HOME\" `id` $(id) {arch} > {out}", "it's", "a \"b\" c", "{trial}", "", "tab\there", "line\nbreak", "*", "~", "!x", "\\", "{\"value\": 1}"];
        string storage = "postgresql://u@h/db?x=$PATH";
        var job = new SlurmJob(storage, "st 'udy' $x", 4, [stub, "--first"], trial) { WorkingDirectory = folder, MaxTrials = 2, WorkerOptions = ["--lease", "90s", "--out-dir", "out dir/$x"] };
        string script = Path.Combine(folder, "job.sbatch");
        SlurmScript.Write(job, script);
        var run = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        run.Environment["SLURM_ARRAY_JOB_ID"] = "77";
        run.Environment["SLURM_ARRAY_TASK_ID"] = "3";
        using var process = Process.Start(run)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);
        string[] argv = output.Split('\0')[..^1];
        Assert.Equal(["--first", "worker", "--storage", storage, "--study", "st 'udy' $x", "--max-trials", "2", "--lease", "90s", "--out-dir", "out dir/$x",
            "--worker", "slurm-77_3", "--", .. trial], argv);
    }

    [Fact]
    public void Outside_sbatch_the_script_says_how_to_run_it()
    {
        if (OperatingSystem.IsWindows()) return;
        string script = Path.Combine(folder, "job.sbatch");
        SlurmScript.Write(Job(), script);
        var run = new ProcessStartInfo("bash", [script]) { RedirectStandardError = true, UseShellExecute = false };
        run.Environment.Remove("SLURM_ARRAY_JOB_ID");
        run.Environment.Remove("SLURM_ARRAY_TASK_ID");
        using var process = Process.Start(run)!;
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("submit this script with sbatch", errors);
    }

    [Fact]
    public void The_script_is_executable_and_the_log_folder_exists()
    {
        if (OperatingSystem.IsWindows()) return;
        string script = Path.Combine(folder, "jobs", "job.sbatch");
        SlurmScript.Write(Job() with { LogDirectory = "logs/run1" }, script);
        Assert.Equal((UnixFileMode)Convert.ToInt32("755", 8), File.GetUnixFileMode(script));
        Assert.True(Directory.Exists(Path.Combine(folder, "logs", "run1")));
        Assert.Equal([script], Directory.GetFiles(Path.GetDirectoryName(script)!, "*", SearchOption.AllDirectories));
        SlurmScript.Write(Job("postgresql://u:secret@db/studies"), script);
        Assert.Equal((UnixFileMode)Convert.ToInt32("700", 8), File.GetUnixFileMode(script));
        SlurmScript.Write(Job("Host=db;Username=u;Password=secret;Database=s"), script);
        Assert.Equal((UnixFileMode)Convert.ToInt32("700", 8), File.GetUnixFileMode(script));
    }

    [Fact]
    public void Sqlite_serves_several_tasks_only_on_a_single_node()
    {
        var e = Assert.Throws<ArgumentException>(() => Job("sqlite:runs/s.db").Validate());
        Assert.Contains("--storage sqlite:runs/s.db with --workers 4", e.Message);
        Assert.Contains("--single-node", e.Message);
        Assert.Contains("Optuna #6036", e.Message);
        (Job("sqlite:runs/s.db") with { SingleNode = true }).Validate();
        Job("sqlite:runs/s.db", workers: 1).Validate();
    }

    [Theory]
    [InlineData("--workers must be at least 1, got 0")]
    [InlineData("--cpus-per-task must be at least 1, got 0")]
    [InlineData("--mem expects a size")]
    [InlineData("--gres expects NAME[:TYPE]:COUNT")]
    [InlineData("--partition expects a partition name")]
    [InlineData("--job-name expects letters")]
    [InlineData("--log-dir expects a folder whose full path has no spaces")]
    [InlineData("--max-trials must be at least 1, got 0")]
    [InlineData("--term-before must be 1 to 65535 seconds")]
    [InlineData("--term-before (120 s) must be shorter than --time (0-00:02:00)")]
    [InlineData("--worker-args must not contain --worker")]
    [InlineData("--worker-args must not contain --")]
    [InlineData("Give the command to run per trial after '--'")]
    [InlineData("--storage 'mysql://x/y' is not a study store")]
    public void Bad_fields_name_their_option(string message)
    {
        var job = Job();
        job = message switch
        {
            _ when message.StartsWith("--workers", StringComparison.Ordinal) => job with { Workers = 0 },
            _ when message.StartsWith("--cpus", StringComparison.Ordinal) => job with { CpusPerTask = 0 },
            _ when message.StartsWith("--mem", StringComparison.Ordinal) => job with { Memory = "8 GB" },
            _ when message.StartsWith("--gres", StringComparison.Ordinal) => job with { Gres = "gpu 1" },
            _ when message.StartsWith("--partition", StringComparison.Ordinal) => job with { Partition = "a#b" },
            _ when message.StartsWith("--job-name", StringComparison.Ordinal) => job with { JobName = "my job" },
            _ when message.StartsWith("--log-dir", StringComparison.Ordinal) => job with { LogDirectory = "my logs" },
            _ when message.StartsWith("--max-trials", StringComparison.Ordinal) => job with { MaxTrials = 0 },
            _ when message.StartsWith("--term-before must", StringComparison.Ordinal) => job with { TermBeforeSeconds = 70000 },
            _ when message.StartsWith("--term-before (", StringComparison.Ordinal) => job with { TimeLimit = TimeSpan.FromMinutes(2) },
            _ when message.EndsWith("--worker", StringComparison.Ordinal) => job with { WorkerOptions = ["--worker=w"] },
            _ when message.EndsWith("--", StringComparison.Ordinal) => job with { WorkerOptions = ["--", "x"] },
            _ when message.StartsWith("Give", StringComparison.Ordinal) => job with { TrialCommand = [] },
            _ => job with { Storage = "mysql://x/y" },
        };
        var e = Assert.Throws<ArgumentException>(() => SlurmScript.Render(job));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("90", 90 * 60)]
    [InlineData("90:30", 90 * 60 + 30)]
    [InlineData("02:00:00", 2 * 3600)]
    [InlineData("100:00:00", 100 * 3600)]
    [InlineData("1-12", 36 * 3600)]
    [InlineData("1-12:30", 36 * 3600 + 1800)]
    [InlineData("2-00:00:05", 48 * 3600 + 5)]
    public void Slurm_time_limits_parse_as_slurm_reads_them(string text, int seconds)
    {
        var limit = SlurmTime.Parse(text);
        Assert.Equal(TimeSpan.FromSeconds(seconds), limit);
        Assert.Equal(limit, SlurmTime.Parse(SlurmTime.Format(limit)));
    }

    [Theory]
    [InlineData("2h")]
    [InlineData("0")]
    [InlineData("1:60:00")]
    [InlineData("1-24:00:00")]
    [InlineData("1:2:3:4")]
    [InlineData("")]
    public void Other_time_forms_are_refused_with_the_forms(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => SlurmTime.Parse(text));
        Assert.Contains("--time expects a Slurm time limit: MINUTES, MINUTES:SECONDS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS", e.Message);
        Assert.Contains($"got '{text}'", e.Message);
    }

    [Theory]
    [InlineData("plain-word_1.2:3=4@5%6+7,8/9", "plain-word_1.2:3=4@5%6+7,8/9")]
    [InlineData("", "''")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", @"'it'\''s'")]
    [InlineData("{arch}", "'{arch}'")]
    [InlineData("$HOME", "'$HOME'")]
    public void Quoting_is_minimal_and_safe(string argument, string quoted) => Assert.Equal(quoted, ShellQuoting.Quote(argument));
}
