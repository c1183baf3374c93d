using System.Text.Json.Serialization;

namespace NasSharp.Predictors.Features;

/// <summary>What cross-validation measured, recorded in the model file: every setting's score and the choice.</summary>
/// <param name="Folds">Folds used.</param>
/// <param name="Scores">Each grid setting with the Kendall τ of its pooled out-of-fold predictions, in grid order.</param>
/// <param name="Chosen">The setting with the highest τ (the first of equals).</param>
public sealed record CrossValidationResult(
    [property: JsonPropertyName("folds")] int Folds,
    [property: JsonPropertyName("scores")] IReadOnlyList<SettingScore> Scores,
    [property: JsonPropertyName("chosen")] TreeSettings Chosen);

/// <summary>One grid setting and its cross-validated Kendall τ.</summary>
/// <param name="Settings">The setting.</param>
/// <param name="KendallTau">Kendall τ-b of the out-of-fold predictions of all training cells against their values.</param>
public sealed record SettingScore(
    [property: JsonPropertyName("settings")] TreeSettings Settings,
    [property: JsonPropertyName("kendall_tau")] double KendallTau);
