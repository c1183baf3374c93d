using System.Text.Json.Serialization;

namespace NasSharp.Search;

/// <summary>One finished search run: a strategy, its predictor and seed, and every query it made.</summary>
/// <param name="Strategy">Strategy name.</param>
/// <param name="Predictor">Predictor kind guiding it; null for strategies without one.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Trajectory">The queries in order.</param>
public sealed record SearchRun(
    [property: JsonPropertyName("strategy")] string Strategy,
    [property: JsonPropertyName("predictor")] string? Predictor,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("trajectory")] IReadOnlyList<TrajectoryPoint> Trajectory)
{
    /// <summary>The run's key in the results file: strategy and seed.</summary>
    [JsonIgnore]
    public string Key => KeyOf(Strategy, Seed);

    /// <summary>The key of the run of <paramref name="strategy"/> with <paramref name="seed"/>.</summary>
    public static string KeyOf(string strategy, int seed) => $"{strategy}/seed-{seed}";

    /// <summary>The incumbent's report value after <paramref name="queries"/> queries (the last one when the run is shorter).</summary>
    public double? BestReportAt(int queries) =>
        Trajectory.Count == 0 ? null : Trajectory[Math.Min(queries, Trajectory.Count) - 1].BestReportValue;
}
