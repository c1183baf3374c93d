namespace NasSharp.Meta;

/// <summary>Progress of meta-training after one epoch.</summary>
/// <param name="Epoch">Epochs completed (1-based), counting those done before a resume.</param>
/// <param name="Epochs">Epochs in the whole run.</param>
/// <param name="QueryLoss">Mean query MSE after the inner loop over the episodes of the steps taken (z-scored units); NaN if none was.</param>
/// <param name="Elapsed">Wall-clock time of this epoch.</param>
/// <param name="SkippedSteps">Outer steps not taken because their loss or gradient was not finite.</param>
public sealed record MetaEpochReport(int Epoch, int Epochs, double QueryLoss, TimeSpan Elapsed, int SkippedSteps = 0);
