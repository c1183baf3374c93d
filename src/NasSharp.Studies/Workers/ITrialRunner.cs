namespace NasSharp.Studies.Workers;

/// <summary>Runs one attempt at a trial; the worker records what it answered.</summary>
public interface ITrialRunner
{
    /// <summary>
    /// Runs <paramref name="trial"/>, asked to write its result to <paramref name="outPath"/>; when
    /// <paramref name="cancel"/> fires (timeout, lost lease, the worker stopping) the run is stopped and returns with no exit code.
    /// </summary>
    Task<TrialRun> RunAsync(Trial trial, string outPath, CancellationToken cancel);
}
