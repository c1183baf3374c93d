namespace NasSharp.Evaluation.FewShot;

/// <summary>What a few-shot task measures, which decides the default predictor (<see cref="FewShotFitter"/>).</summary>
public enum FewShotTaskKind
{
    /// <summary>Decided from the support set: a positive oriented value means accuracy-like; otherwise cost-like when the better values go with fewer FLOPs (NB201 only).</summary>
    Auto,

    /// <summary>Accuracy-like: better networks are usually the bigger ones.</summary>
    Accuracy,

    /// <summary>Cost-like (latency, energy): close to a sum of per-operation costs.</summary>
    Cost,
}
