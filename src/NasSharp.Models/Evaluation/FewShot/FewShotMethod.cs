namespace NasSharp.Evaluation.FewShot;

/// <summary>One method of the few-shot experiment (<see cref="FewShotMethods"/>).</summary>
/// <param name="Name">Name in <c>--methods</c> and in the results.</param>
/// <param name="Description">One sentence for help texts.</param>
/// <param name="NeedsMetaModel">Whether it adapts a meta-trained MP-NAS model.</param>
/// <param name="NeedsCosts">Whether it reads the NB201 cost tables (FLOPs, the device prior).</param>
/// <param name="Score">Scores the query cells of a run (higher = better).</param>
public sealed record FewShotMethod(string Name, string Description, bool NeedsMetaModel, bool NeedsCosts, Func<FewShotInputs, double[]> Score)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}
