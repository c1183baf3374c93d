using System.Text.Json.Serialization;

namespace NasSharp.Evaluation;

/// <summary>One (training size, seed) cell of the ranking protocol (SPEC §4); serialised with the field names.</summary>
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
    [property: JsonPropertyName("train_seconds")] double TrainSeconds);
