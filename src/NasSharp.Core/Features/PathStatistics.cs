namespace NasSharp.Features;

/// <summary>Input→output paths of a cell graph that use only some operations.</summary>
/// <param name="Count">Number of such paths.</param>
/// <param name="MinLength">Fewest operations on one of them; 0 when there is none.</param>
/// <param name="MaxLength">Most operations on one of them; 0 when there is none.</param>
public readonly record struct PathStatistics(long Count, int MinLength, int MaxLength);
