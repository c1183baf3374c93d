namespace NasSharp.Search.Strategies;

/// <summary>Orders of scored candidates.</summary>
internal static class Ranking
{
    /// <summary>Indices of <paramref name="scores"/> from highest to lowest; ties keep index order (a stable sort).</summary>
    public static IEnumerable<int> Descending(IReadOnlyList<double> scores) =>
        Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]);
}
