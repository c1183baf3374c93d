namespace NasSharp.Proxies;

/// <summary>One architecture's proxy scores.</summary>
/// <param name="Architecture">Canonical architecture string.</param>
/// <param name="Scores">One score per proxy, in the file's column order; NaN where undefined (a proxy's infinite score included).</param>
public sealed record ProxyRow(string Architecture, IReadOnlyList<double> Scores);
