using System.CommandLine;
using System.Diagnostics;
using System.Text;

namespace NasSharp.Cli.Commands;

/// <summary>
/// Extra processes of the current command for <c>--jobs N</c>: each runs the same command line with <c>--jobs 1</c>
/// and claims runs from the same result folder (docs/DECISIONS.md, "Result folders"), so results are those of a
/// sequential run. Processes, not threads, because torch's random generator is process-wide: threads would
/// interleave their draws and lose same-seed reproducibility.
/// </summary>
public sealed class WorkerProcesses : IDisposable
{
    private readonly List<(Process Process, StringBuilder Errors)> workers = [];

    private WorkerProcesses() { }

    /// <summary>
    /// Whether this process can start copies of itself: it is the <c>nassharp</c> program (not a test host or a
    /// program embedding the library).
    /// </summary>
    public static bool Available => NassharpProgram.Running() is not null;

    /// <summary>
    /// <c>--jobs</c>: processes working on independent runs at once, 1 to the number of cores (default: the cores),
    /// each with one torch thread.
    /// </summary>
    public static Option<int> JobsOption(string what)
    {
        return SharedOptions.AtMostCores(SharedOptions.Positive(new Option<int>("--jobs")
        {
            Description = $"Processes running {what} at once (1 to the number of cores; default: the cores). Each claims runs from the " +
                          "results file, so the results equal a sequential run's.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        }));
    }

    /// <summary>Starts <paramref name="count"/> workers running this process's command line with <c>--jobs 1</c>.</summary>
    public static WorkerProcesses Start(int count)
    {
        var started = new WorkerProcesses();
        if (count <= 0) return started;
        if (!Available) throw new NotSupportedException("--jobs above 1 needs the nassharp program itself; use --jobs 1 here.");
        foreach (int _ in Enumerable.Range(0, count)) started.StartOne();
        return started;
    }

    /// <summary>Number of workers started.</summary>
    public int Count => workers.Count;

    /// <summary>Waits for every worker; returns a description of each that failed (exit code and the end of its error output).</summary>
    public IReadOnlyList<string> WaitAll()
    {
        var failures = new List<string>();
        foreach (var (process, errors) in workers)
        {
            process.WaitForExit();
            if (process.ExitCode == 0) continue;
            string tail;
            lock (errors) tail = errors.ToString().Trim();
            if (tail.Length > 2000) tail = "…" + tail[^2000..];
            failures.Add($"worker process {process.Id} exited with code {process.ExitCode}: {tail}");
        }
        return failures;
    }

    /// <summary>Stops workers still running (the parent failed or was interrupted).</summary>
    public void Dispose()
    {
        foreach (var (process, _) in workers)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }
            process.Dispose();
        }
    }

    private void StartOne()
    {
        var program = NassharpProgram.Running()!;
        var info = new ProcessStartInfo(program[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string arg in program.Skip(1)) info.ArgumentList.Add(arg);
        foreach (string arg in WorkerArguments(Environment.GetCommandLineArgs().Skip(1))) info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new IOException($"Could not start a worker process ({info.FileName}).");
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (errors) errors.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        workers.Add((process, errors));
    }

    /// <summary>The command line of a worker: the parent's without its <c>--jobs</c> and <c>--no-progress</c>, plus <c>--jobs 1 --no-progress</c>.</summary>
    public static IReadOnlyList<string> WorkerArguments(IEnumerable<string> parent)
    {
        var args = new List<string>();
        using var e = parent.GetEnumerator();
        while (e.MoveNext())
        {
            if (e.Current == "--jobs") { e.MoveNext(); continue; }
            if (e.Current.StartsWith("--jobs=", StringComparison.Ordinal) || e.Current.StartsWith("--jobs:", StringComparison.Ordinal) || e.Current == "--no-progress") continue;
            args.Add(e.Current);
        }
        return [.. args, "--jobs", "1", "--no-progress"];
    }
}
