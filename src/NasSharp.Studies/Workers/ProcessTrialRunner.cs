using System.Diagnostics;
using System.Text;

namespace NasSharp.Studies.Workers;

/// <summary>
/// Runs a <see cref="TrialCommand"/> as a child process (no shell), its standard output and error copied to a log file
/// beside the result file. The trial is also in the environment: NASSHARP_TRIAL, NASSHARP_ARCH and NASSHARP_OUT. A
/// stopped run kills the whole process tree.
/// </summary>
public sealed class ProcessTrialRunner(TrialCommand command) : ITrialRunner
{
    /// <summary>Lines of standard error kept in the trial's record.</summary>
    public const int StderrLines = 20;

    private readonly TrialCommand command = command ?? throw new ArgumentNullException(nameof(command));

    /// <inheritdoc/>
    public async Task<TrialRun> RunAsync(Trial trial, string outPath, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(outPath);
        var args = command.For(trial.Arch, trial.Number, outPath);
        var start = new ProcessStartInfo(args[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args.Skip(1)) start.ArgumentList.Add(a);
        start.Environment["NASSHARP_TRIAL"] = trial.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["NASSHARP_ARCH"] = trial.Arch;
        start.Environment["NASSHARP_OUT"] = outPath;
        string log = Path.ChangeExtension(outPath, ".log");
        var clock = Stopwatch.StartNew();
        string? lastLine = null;
        var stderr = new Queue<string>();
        using var logWriter = new StreamWriter(log, append: false, Encoding.UTF8) { AutoFlush = true };
        var gate = new object();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (gate)
            {
                logWriter.WriteLine(e.Data);
                if (e.Data.Trim().Length > 0) lastLine = e.Data.Trim();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (gate)
            {
                logWriter.WriteLine(e.Data);
                stderr.Enqueue(e.Data);
                if (stderr.Count > StderrLines) stderr.Dequeue();
            }
        };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new TrialRun(127, null, $"cannot start '{args[0]}': {e.Message}", log, clock.Elapsed.TotalSeconds);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        int? exit;
        try
        {
            await process.WaitForExitAsync(cancel).ConfigureAwait(false);
            exit = process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            exit = null;
        }
        lock (gate) return new TrialRun(exit, lastLine, string.Join('\n', stderr), log, clock.Elapsed.TotalSeconds);
    }
}
