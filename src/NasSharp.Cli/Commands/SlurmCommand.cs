using System.CommandLine;
using System.CommandLine.Parsing;
using NasSharp.Studies.Slurm;
using NasSharp.Studies.Workers;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp slurm --storage … --study S --workers N --out job.sbatch -- COMMAND</c>: writes a Slurm job array whose
/// tasks are <c>nassharp worker</c>s of the study (<see cref="SlurmScript"/>).
/// </summary>
public static class SlurmCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var storage = StudyOptions.Storage();
        var name = StudyOptions.Name();
        var workers = new Option<int>("--workers") { Description = "Array tasks, each one worker (at least 1).", Required = true };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition (default: the cluster's default partition)." };
        var gres = new Option<string?>("--gres") { Description = "Generic resources per task, e.g. gpu:1 (default: none)." };
        var time = new Option<string?>("--time") { Description = $"Time limit per task: {SlurmTime.Forms} (default: the partition's)." };
        var cpus = new Option<int>("--cpus-per-task") { Description = "Cores per task.", DefaultValueFactory = _ => 1 };
        var mem = new Option<string?>("--mem") { Description = "Memory per task, e.g. 8G (default: the partition's)." };
        var jobName = new Option<string>("--job-name") { Description = "The job's name in squeue and in the log files' names.", DefaultValueFactory = _ => "nassharp" };
        var logDir = new Option<string>("--log-dir")
        {
            Description = "Folder of the tasks' logs (JOBNAME-ARRAYJOB_TASK.out), relative to --chdir; created now, as Slurm does not.",
            DefaultValueFactory = _ => "slurm-logs",
        };
        var chdir = new Option<string?>("--chdir") { Description = "Folder the tasks run in, where relative paths of --storage and the command resolve (default: the current folder)." };
        var maxTrials = new Option<int?>("--max-trials") { Description = "Attempts per worker before it stops (default: until the study is finished)." };
        var singleNode = new Option<bool>("--single-node")
        {
            Description = "Every task runs on this one machine with the SQLite file on its local disk: lets an sqlite: store serve more than one task " +
                          "(refused otherwise: SQLite over a shared file system fails, Optuna #6036).",
        };
        var termBefore = new Option<int>("--term-before")
        {
            Description = "Seconds before the time limit at which Slurm sends the worker SIGTERM, so it hands its trial back before the SIGKILL (1 to 65535).",
            DefaultValueFactory = _ => SlurmJob.DefaultTermBeforeSeconds,
        };
        var workerArgs = new Option<string?>("--worker-args")
        {
            Description = "Further nassharp worker options in one string, split at spaces (double quotes group), e.g. \"--lease 120s --retries 3\"; " +
                          "checked as the worker parses them. Not --storage, --study, --worker or --max-trials: the script sets those.",
        };
        var nassharp = new Option<string?>("--nassharp") { Description = "The nassharp executable (or nassharp.dll) the tasks run (default: this one)." };
        var output = new Option<string>("--out") { Description = "The sbatch script to write (atomically, executable; owner-only when --storage holds a password).", Required = true };
        var seed = SharedOptions.Seed();
        seed.Description = "Accepted for a uniform command line: the trials follow the study's own seed (study create --seed).";
        var trialCommand = new Argument<string[]>("command")
        {
            Description = $"After '--': the command each worker runs per trial ({TrialCommand.PlaceholderHelp}), as nassharp worker takes it.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("slurm", "Write a Slurm job array whose tasks are workers of a study; submit it with sbatch, watch it with nassharp study status.")
        {
            storage, name, workers, partition, gres, time, cpus, mem, jobName, logDir, chdir, maxTrials, singleNode, termBefore, workerArgs, nassharp, output, seed,
            trialCommand,
        };
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            string[] extra = pr.GetValue(workerArgs) is { } text ? [.. CommandLineParser.SplitCommandLine(text)] : [];
            var program = pr.GetValue(nassharp) is { } path ? NassharpProgram.At(path)
                : NassharpProgram.Running() ?? throw new ArgumentException("The running program is not nassharp (it embeds the library); give the nassharp the tasks run with --nassharp PATH.");
            var job = new SlurmJob(pr.GetValue(storage)!, pr.GetValue(name)!, pr.GetValue(workers), program, pr.GetValue(trialCommand)!)
            {
                Partition = pr.GetValue(partition),
                Gres = pr.GetValue(gres),
                TimeLimit = pr.GetValue(time) is { } limit ? SlurmTime.Parse(limit) : null,
                CpusPerTask = pr.GetValue(cpus),
                Memory = pr.GetValue(mem),
                JobName = pr.GetValue(jobName)!,
                LogDirectory = pr.GetValue(logDir)!,
                WorkingDirectory = pr.GetValue(chdir),
                MaxTrials = pr.GetValue(maxTrials),
                SingleNode = pr.GetValue(singleNode),
                TermBeforeSeconds = pr.GetValue(termBefore),
                WorkerOptions = extra,
            };
            job.Validate();
            CheckWorkerOptions(job);
            string file = pr.GetValue(output)!;
            SlurmScript.Write(job, file);
            string access = job.StorageHasPassword ? " (readable by you only: --storage holds a password; ~/.pgpass keeps it out of the script)" : "";
            AnsiConsole.MarkupLineInterpolated(
                $"Wrote [green]{file}[/]{access}: {job.Workers} worker(s) of study [bold]{job.Study}[/], logs in {job.FullLogDirectory}. Submit: sbatch {file}");
            return 0;
        }));
        return command;
    }

    // The worker options as nassharp worker itself parses them, so a typo fails here rather than in every task.
    private static void CheckWorkerOptions(SlurmJob job)
    {
        if (job.WorkerOptions.Count == 0) return;
        var parse = WorkerCommand.Create().Parse([.. job.WorkerOptions, "--storage", job.Storage, "--study", job.Study, "--", .. job.TrialCommand]);
        if (parse.Errors.Count > 0) throw new ArgumentException($"--worker-args: {parse.Errors[0].Message}");
    }
}
