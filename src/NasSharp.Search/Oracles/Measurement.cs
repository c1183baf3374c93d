namespace NasSharp.Search.Oracles;

/// <summary>
/// An oracle's full answer to one query, seen by the search runner only: the strategy gets <see cref="Observation"/>.
/// </summary>
/// <param name="Observation">What the strategy is told.</param>
/// <param name="Report">The report metric (e.g. test accuracy) of the architecture; null when the table has none.</param>
/// <param name="Cost">Simulated cost of the query (e.g. training seconds from a train-time column); 0 without one.</param>
public sealed record Measurement(Observation Observation, double? Report, double Cost);
