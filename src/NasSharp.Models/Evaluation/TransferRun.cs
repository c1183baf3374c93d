using System.Text.Json.Serialization;
using NasSharp.Meta;

namespace NasSharp.Evaluation;

/// <summary>One (held-out task, method, K, run) cell of the few-shot transfer protocol (mp-nas Tables 2–6).</summary>
/// <param name="HeldOut">The task adapted to.</param>
/// <param name="Method"><c>mp-nas</c>, <c>random-init</c> or <c>naive-transfer</c>.</param>
/// <param name="K">Support architectures measured on the held-out task.</param>
/// <param name="Run">Run index; the support set is the seeded subset of seed <c>seed + run</c>, the same for every method.</param>
/// <param name="Spearman">
/// Spearman ρ between scores and values over every held-out architecture not in the support set; NaN when
/// <paramref name="Diverged"/>.
/// </param>
/// <param name="Steps">Fine-tuning steps chosen by cross-validation (mean over sources for naive transfer).</param>
/// <param name="Seconds">Wall-clock seconds of adaptation and scoring.</param>
/// <param name="CrossValidation">
/// The support-set cross-validated Spearman of every candidate step count (mean over sources for naive transfer; NaN
/// where fine-tuning diverged), keyed by step count; null when K was too small to cross-validate. It shows why a
/// step count was chosen, e.g. when 5-cell cross-validation keeps a start that is wrong for the task.
/// </param>
/// <param name="Start">
/// The weights fine-tuning started from: for MP-NAS the meta-learned ones, or a random initialisation where
/// <see cref="MetaTestConfig.Start"/> chose it; null in files written before this was recorded.
/// </param>
/// <param name="Diverged">
/// Fine-tuning on the whole support set diverged (non-finite predictions), so the run has no ρ; recorded rather than
/// stopping the experiment, since a rerun would diverge again on the same support set.
/// </param>
public sealed record TransferRun(
    [property: JsonPropertyName("held_out")] string HeldOut,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("k")] int K,
    [property: JsonPropertyName("run")] int Run,
    [property: JsonPropertyName("spearman")] double Spearman,
    [property: JsonPropertyName("steps")] double Steps,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("cross_validation")] IReadOnlyDictionary<int, double>? CrossValidation = null,
    [property: JsonPropertyName("start"), JsonConverter(typeof(JsonStringEnumConverter<FineTuningStart>))] FineTuningStart? Start = null,
    [property: JsonPropertyName("diverged")] bool Diverged = false);
