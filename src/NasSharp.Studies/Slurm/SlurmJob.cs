using System.Text.RegularExpressions;
using NasSharp.Studies.Storage;
using TrialTemplate = NasSharp.Studies.Workers.TrialCommand;

namespace NasSharp.Studies.Slurm;

/// <summary>
/// A Slurm job array whose tasks are workers of one study (<see cref="SlurmScript"/> writes it). Errors name the
/// <c>nassharp slurm</c> option of the field.
/// </summary>
/// <param name="Storage">The study store as <c>--storage</c> takes it; every task opens it.</param>
/// <param name="Study">The study's name in the store.</param>
/// <param name="Workers">Array tasks, one worker each (at least 1).</param>
/// <param name="Nassharp">The program running the worker: the nassharp executable, or <c>dotnet</c> and nassharp.dll.</param>
/// <param name="TrialCommand">The worker's per-trial command, with its <c>{arch}</c>, <c>{trial}</c> and <c>{out}</c> placeholders.</param>
public sealed partial record SlurmJob(string Storage, string Study, int Workers, IReadOnlyList<string> Nassharp, IReadOnlyList<string> TrialCommand)
{
    /// <summary>The default lead of SIGTERM before the time limit, in seconds.</summary>
    public const int DefaultTermBeforeSeconds = 120;

    /// <summary>Slurm partition (<c>--partition</c>); null: the cluster's default.</summary>
    public string? Partition { get; init; }

    /// <summary>Generic resources per task (<c>--gres</c>, e.g. <c>gpu:1</c>); null: none.</summary>
    public string? Gres { get; init; }

    /// <summary>Time limit per task (<c>--time</c>); null: the partition's default.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Cores per task (<c>--cpus-per-task</c>, 1).</summary>
    public int CpusPerTask { get; init; } = 1;

    /// <summary>Memory per task (<c>--mem</c>, e.g. <c>8G</c>); null: the partition's default.</summary>
    public string? Memory { get; init; }

    /// <summary>The job's name in squeue and in the log files' names (<c>--job-name</c>, "nassharp").</summary>
    public string JobName { get; init; } = "nassharp";

    /// <summary>
    /// Folder of the tasks' logs, <c>JOBNAME-ARRAYJOB_TASK.out</c> (<c>--log-dir</c>, "slurm-logs"), relative to
    /// <see cref="WorkingDirectory"/>. Slurm does not create it, so <see cref="SlurmScript.Write"/> does.
    /// </summary>
    public string LogDirectory { get; init; } = "slurm-logs";

    /// <summary>
    /// Folder the tasks run in (<c>--chdir</c>), where relative paths of the storage and the command resolve; null:
    /// the current folder when the script is written.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Attempts per worker before it stops (<c>--max-trials</c>); null: until the study is finished.</summary>
    public int? MaxTrials { get; init; }

    /// <summary>Further <c>nassharp worker</c> options, one argument each (e.g. <c>--lease</c>, <c>120s</c>).</summary>
    public IReadOnlyList<string> WorkerOptions { get; init; } = [];

    /// <summary>
    /// Every task runs on one machine with the SQLite file on its local disk (<c>--single-node</c>): only then may an
    /// <c>sqlite:</c> store serve more than one task (SQLite's locking fails on shared file systems, Optuna #6036).
    /// </summary>
    public bool SingleNode { get; init; }

    /// <summary>
    /// Seconds before the time limit at which Slurm sends SIGTERM to the worker (<c>--term-before</c>, 120), so it
    /// hands its trial back before the SIGKILL. Slurm may send it up to a minute earlier still.
    /// </summary>
    public int TermBeforeSeconds { get; init; } = DefaultTermBeforeSeconds;

    /// <summary>Whether <see cref="Storage"/> carries a password (the script is then readable by its owner only).</summary>
    public bool StorageHasPassword =>
        !IsSqlite && new Npgsql.NpgsqlConnectionStringBuilder(StudyStores.PostgresConnectionString(Storage)).Password is { Length: > 0 };

    /// <summary><see cref="WorkingDirectory"/> in full (the current folder when null).</summary>
    public string FullWorkingDirectory => Path.TrimEndingDirectorySeparator(Path.GetFullPath(WorkingDirectory ?? Environment.CurrentDirectory));

    /// <summary><see cref="LogDirectory"/> in full, resolved against <see cref="FullWorkingDirectory"/>.</summary>
    public string FullLogDirectory => Path.TrimEndingDirectorySeparator(Path.GetFullPath(LogDirectory, FullWorkingDirectory));

    // Worker options the script sets from the job's own fields; "--" would end the options before them.
    private static readonly string[] ScriptSets = ["--storage", "--study", "--worker", "--max-trials", "--"];

    private bool IsSqlite => Storage.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field's option and what it expects.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Storage)) throw new ArgumentException($"--storage must name the study store: {StudyStores.Syntax}.");
        if (string.IsNullOrWhiteSpace(Study)) throw new ArgumentException("--study must name the study.");
        if (Workers < 1) throw new ArgumentException($"--workers must be at least 1, got {Workers}.");
        if (IsSqlite)
        {
            if (Workers > 1 && !SingleNode)
                throw new ArgumentException($"--storage {Storage} with --workers {Workers}: SQLite's file locking fails when tasks on several machines share the file " +
                                            "over a network file system (Optuna #6036). Use a postgresql:// store, or add --single-node if every task runs on this one machine with the file on its local disk.");
        }
        else
        {
            StudyStores.PostgresConnectionString(Storage);
        }
        if (Nassharp.Count == 0 || string.IsNullOrWhiteSpace(Nassharp[0])) throw new ArgumentException("--nassharp must name the nassharp program.");
        _ = new TrialTemplate(TrialCommand);
        if (Partition is not null) Word(Partition, "--partition", "a partition name or comma-separated names");
        if (Gres is not null) Word(Gres, "--gres", "NAME[:TYPE]:COUNT, e.g. gpu:1");
        if (TimeLimit is { } limit && limit <= TimeSpan.Zero) throw new ArgumentException($"--time must be positive, got {limit}.");
        if (CpusPerTask < 1) throw new ArgumentException($"--cpus-per-task must be at least 1, got {CpusPerTask}.");
        if (Memory is not null && !MemoryForm().IsMatch(Memory)) throw new ArgumentException($"--mem expects a size: a whole number with an optional unit K, M, G or T (e.g. 8G); got '{Memory}'.");
        if (!JobNameForm().IsMatch(JobName)) throw new ArgumentException($"--job-name expects letters, digits and _ . + -; got '{JobName}'.");
        PathWord(FullWorkingDirectory, "--chdir");
        PathWord(FullLogDirectory, "--log-dir");
        foreach (string option in WorkerOptions)
        {
            string name = option.Split('=', 2)[0];
            if (ScriptSets.Contains(name))
                throw new ArgumentException($"--worker-args must not contain {name}: the script sets {string.Join(", ", ScriptSets.Where(s => s != "--"))} itself (use nassharp slurm's own options).");
        }
        if (MaxTrials is < 1) throw new ArgumentException($"--max-trials must be at least 1, got {MaxTrials}.");
        if (TermBeforeSeconds is < 1 or > 65535) throw new ArgumentException($"--term-before must be 1 to 65535 seconds (Slurm's range), got {TermBeforeSeconds}.");
        if (TimeLimit is { } time && TermBeforeSeconds >= time.TotalSeconds)
            throw new ArgumentException($"--term-before ({TermBeforeSeconds} s) must be shorter than --time ({SlurmTime.Format(time)}), or the worker is stopped as it starts.");
    }

    // sbatch reads #SBATCH values itself (no shell): a space, quote or '#' would end or change the value.
    private static void Word(string value, string option, string expected)
    {
        if (!WordForm().IsMatch(value)) throw new ArgumentException($"{option} expects {expected}, without spaces or quotes; got '{value}'.");
    }

    // Also no '%': Slurm expands %-patterns in --output and --chdir.
    private static void PathWord(string value, string option)
    {
        if (value.Length == 0 || !PathForm().IsMatch(value))
            throw new ArgumentException($"{option} expects a folder whose full path has no spaces, quotes, '#', '%' or '\\' (sbatch reads it unquoted); got '{value}'.");
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.:,=+-]+$")]
    private static partial Regex WordForm();

    [GeneratedRegex(@"^[1-9][0-9]*[KMGTkmgt]?$")]
    private static partial Regex MemoryForm();

    [GeneratedRegex(@"^[A-Za-z0-9_.+-]+$")]
    private static partial Regex JobNameForm();

    [GeneratedRegex(@"^[^\s""'#%\\]+$")]
    private static partial Regex PathForm();
}
