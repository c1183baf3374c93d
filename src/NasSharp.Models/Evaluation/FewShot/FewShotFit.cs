using NasSharp.Predictors;

namespace NasSharp.Evaluation.FewShot;

/// <summary>A fitted few-shot predictor and what was chosen (<see cref="FewShotFitter.Fit"/>). Owns the predictor.</summary>
/// <param name="Predictor">The fitted predictor; scores are in the support values' units, higher = better.</param>
/// <param name="Kind">The registry kind fitted.</param>
/// <param name="TaskKind">The task kind used (decided, when the request said <see cref="FewShotTaskKind.Auto"/>).</param>
/// <param name="FlopsSpearman">Spearman of the support values with −FLOPs, when it was computed (NB201); NaN otherwise.</param>
/// <param name="Features">Names of the features a feature ridge read; empty for other kinds.</param>
public sealed record FewShotFit(IArchitecturePredictor Predictor, string Kind, FewShotTaskKind TaskKind, double FlopsSpearman,
    IReadOnlyList<string> Features) : IDisposable
{
    /// <summary>Disposes the predictor.</summary>
    public void Dispose() => Predictor.Dispose();
}
