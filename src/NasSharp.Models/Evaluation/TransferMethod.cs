namespace NasSharp.Evaluation;

/// <summary>
/// One method of the few-shot transfer protocol (<see cref="TransferProtocol"/>), as registered in
/// <see cref="TransferMethods"/>: its name in results files, what it is, what it needs and how it fits.
/// </summary>
/// <param name="Name">Name in <c>--methods</c> and in <see cref="TransferRun.Method"/>.</param>
/// <param name="Description">One sentence for help texts.</param>
/// <param name="NeedsTwoSupportCells">Whether the method fits a regression that ranks nothing below K = 2.</param>
/// <param name="NeedsMetaModel">Whether it adapts the meta-trained model (<see cref="TransferSources.MetaModel"/>).</param>
/// <param name="NeedsPretrainedSources">Whether it fine-tunes networks pre-trained on the source tasks (<see cref="TransferSources.Pretrained"/>).</param>
/// <param name="Fit">Builds the method's predictors from a run's support set.</param>
public sealed record TransferMethod(string Name, string Description, bool NeedsTwoSupportCells, bool NeedsMetaModel,
    bool NeedsPretrainedSources, TransferFit Fit)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}
