namespace NasSharp.Studies;

/// <summary>One worker's share of a study.</summary>
/// <param name="Worker">The worker's name.</param>
/// <param name="Complete">Trials it completed.</param>
/// <param name="Running">Trials it holds now.</param>
/// <param name="Failed">Trials whose latest attempt it failed (waiting for a retry or failed for good).</param>
public sealed record WorkerCount(string Worker, int Complete, int Running, int Failed);
