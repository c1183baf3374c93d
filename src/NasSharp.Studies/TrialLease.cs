namespace NasSharp.Studies;

/// <summary>
/// One attempt at a trial, held by one worker: every heartbeat, result or release names it, so an answer for an
/// attempt that is no longer the trial's running one (a presumed-dead worker's late result) is refused.
/// </summary>
/// <param name="TrialId">The trial's store id.</param>
/// <param name="Attempt">The attempt's number, 1 for the first.</param>
/// <param name="Worker">The worker holding it.</param>
public sealed record TrialLease(long TrialId, int Attempt, string Worker);
