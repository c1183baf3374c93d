namespace NasSharp.Search.Oracles;

/// <summary>
/// What a search strategy learns from one query: the architecture, its identity and its search metric. It carries no
/// report metric (test accuracy), so a strategy cannot select by it: the types keep it out of reach.
/// </summary>
/// <param name="Arch">Canonical architecture string.</param>
/// <param name="Key">The space's identity of the architecture (isomorphic cells share it).</param>
/// <param name="Value">The search metric as measured (e.g. validation accuracy in %, or a latency in ms).</param>
/// <param name="Fitness">The value signed so that higher is better (<see cref="Value"/>, negated for lower-is-better metrics).</param>
public sealed record Observation(string Arch, string Key, double Value, double Fitness);
