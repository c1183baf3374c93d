using System.Globalization;
using System.Text;
using NasSharp.Persistence;

namespace NasSharp.Studies.Slurm;

/// <summary>
/// Writes the sbatch script of a <see cref="SlurmJob"/>: a job array whose task <c>i</c> <c>exec</c>s one
/// <c>nassharp worker</c> named <c>slurm-ARRAYJOB_i</c> (Slurm's own name of the task). <c>exec</c> makes the worker
/// the batch shell, so <c>--signal=B:TERM@N</c> reaches it N seconds before the time limit and it hands its trial
/// back before Slurm's SIGKILL; scancel's SIGTERM reaches it the same way.
/// </summary>
public static class SlurmScript
{
    /// <summary>The worker name a task gives itself, in shell syntax; it fails with a message when run outside sbatch.</summary>
    public const string WorkerName = "\"slurm-${SLURM_ARRAY_JOB_ID:?submit this script with sbatch}_${SLURM_ARRAY_TASK_ID:?submit this script with sbatch (it is a job array)}\"";

    /// <summary>The script's text; relative folders resolve against the job's working folder, which is written out in full.</summary>
    /// <exception cref="ArgumentException">An invalid field of <paramref name="job"/> (<see cref="SlurmJob.Validate"/>).</exception>
    public static string Render(SlurmJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Validate();
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine("#!/bin/bash");
        sb.AppendLine(inv, $"# Written by nassharp slurm: {job.Workers} worker(s) of study {Comment(job.Study)}, one per array task. Submit: sbatch THIS_FILE.");
        sb.AppendLine(inv, $"# SIGTERM comes {job.TermBeforeSeconds} s before the time limit (to the worker, which exec made the batch shell): it releases its trial.");
        sb.AppendLine(inv, $"#SBATCH --job-name={job.JobName}");
        sb.AppendLine(inv, $"#SBATCH --array=0-{job.Workers - 1}");
        sb.AppendLine(inv, $"#SBATCH --output={Path.Combine(job.FullLogDirectory, "%x-%A_%a.out")}");
        sb.AppendLine(inv, $"#SBATCH --chdir={job.FullWorkingDirectory}");
        sb.AppendLine(inv, $"#SBATCH --ntasks=1");
        sb.AppendLine(inv, $"#SBATCH --cpus-per-task={job.CpusPerTask}");
        if (job.TimeLimit is { } time) sb.AppendLine(inv, $"#SBATCH --time={SlurmTime.Format(time)}");
        if (job.Partition is { } partition) sb.AppendLine(inv, $"#SBATCH --partition={partition}");
        if (job.Gres is { } gres) sb.AppendLine(inv, $"#SBATCH --gres={gres}");
        if (job.Memory is { } mem) sb.AppendLine(inv, $"#SBATCH --mem={mem}");
        sb.AppendLine(inv, $"#SBATCH --signal=B:TERM@{job.TermBeforeSeconds}");
        sb.AppendLine("set -eu");
        var worker = new List<string>(job.Nassharp) { "worker", "--storage", job.Storage, "--study", job.Study };
        if (job.MaxTrials is { } max) worker.AddRange(["--max-trials", max.ToString(inv)]);
        worker.AddRange(job.WorkerOptions);
        sb.Append("exec ").Append(ShellQuoting.Join(worker)).Append(" --worker ").Append(WorkerName)
          .Append(" -- ").AppendLine(ShellQuoting.Join(job.TrialCommand));
        return sb.ToString();
    }

    /// <summary>
    /// Writes the script to <paramref name="path"/> atomically, executable (mode 0755, or 0700 when the storage carries
    /// a password), and creates the log folder, which Slurm does not.
    /// </summary>
    public static void Write(SlurmJob job, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text = Render(job);
        Directory.CreateDirectory(job.FullLogDirectory);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (!job.StorageHasPassword) mode |= UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        AtomicFile.WriteVia(path, tmp =>
        {
            File.WriteAllText(tmp, text, new UTF8Encoding(false));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tmp, mode);
        });
    }

    // A study name in a comment: one line, whatever it holds.
    private static string Comment(string text) => "'" + text.ReplaceLineEndings(" ") + "'";
}
