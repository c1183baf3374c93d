namespace NasSharp.Studies.Workers;

/// <summary>What one worker did, and the store's share of its time.</summary>
/// <param name="Completed">Attempts recorded as complete.</param>
/// <param name="Failed">Attempts recorded as failed (retried or for good).</param>
/// <param name="Dropped">Attempts whose lease was lost before they ended (their answers were not recorded).</param>
/// <param name="Released">Attempts handed back because the worker was asked to stop.</param>
/// <param name="ClaimMs">
/// Milliseconds per successful ask (expire leases, claim, or propose and create: a predictor-guided strategy's fits
/// included), median.
/// </param>
/// <param name="RecordMs">Milliseconds per recorded result, median.</param>
public sealed record WorkerSummary(int Completed, int Failed, int Dropped, int Released, double ClaimMs, double RecordMs);
