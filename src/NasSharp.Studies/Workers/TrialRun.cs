namespace NasSharp.Studies.Workers;

/// <summary>How one run of a trial's command ended.</summary>
/// <param name="ExitCode">The exit code; null when the command was stopped (timeout, lost lease, worker stopping).</param>
/// <param name="LastStdoutLine">The last non-empty line of standard output, null when there was none.</param>
/// <param name="StderrTail">The last lines of standard error (empty when there were none).</param>
/// <param name="Log">The file holding its whole standard output and error; null when none was kept.</param>
/// <param name="Seconds">Wall-clock seconds it ran.</param>
public sealed record TrialRun(int? ExitCode, string? LastStdoutLine, string StderrTail, string? Log, double Seconds);
