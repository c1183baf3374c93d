using System.Text.Json.Serialization;

namespace NasSharp.Evaluation;

/// <summary>One (training size, seed) cell of the ranking protocol (SPEC §4); serialised with the field names.</summary>
/// <param name="Predictor">Predictor kind.</param>
/// <param name="Space">Search space.</param>
/// <param name="Target">Benchmark target.</param>
/// <param name="TrainSize">Architectures trained on.</param>
/// <param name="Seed">Seed of sampling, initialisation and training.</param>
/// <param name="KendallTauAll">Kendall τ-b against the evaluation metric over every cell.</param>
/// <param name="KendallTauUnseen">Kendall τ-b over the cells not trained on.</param>
/// <param name="SpearmanAll">Spearman ρ over every cell.</param>
/// <param name="PrecisionAt5Pct">Share of the true top 5 % among the predicted top 5 %.</param>
/// <param name="TrainSeconds">Wall-clock seconds of training.</param>
/// <param name="Diverged">
/// Training diverged (non-finite loss or a collapsed model), so the run has no correlations (NaN); recorded rather than
/// stopping the experiment, since a rerun with the same seed would diverge again.
/// </param>
public sealed record RankingRun(
    [property: JsonPropertyName("predictor")] string Predictor,
    [property: JsonPropertyName("space")] string Space,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("train_size")] int TrainSize,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("kendall_tau_all")] double KendallTauAll,
    [property: JsonPropertyName("kendall_tau_unseen")] double KendallTauUnseen,
    [property: JsonPropertyName("spearman_all")] double SpearmanAll,
    [property: JsonPropertyName("precision_at_5pct")] double PrecisionAt5Pct,
    [property: JsonPropertyName("train_seconds")] double TrainSeconds,
    [property: JsonPropertyName("diverged")] bool Diverged = false)
{
    /// <summary>The run key in a results file: one entry per (training size, seed).</summary>
    [JsonIgnore]
    public string Key => KeyOf(TrainSize, Seed);

    /// <summary>The run key of (<paramref name="trainSize"/>, <paramref name="seed"/>).</summary>
    public static string KeyOf(int trainSize, int seed) => $"n={trainSize}/seed={seed}";
}
