namespace NasSharp.Training.Architectures;

/// <summary>The state of a training run after an epoch.</summary>
/// <param name="Epoch">Epochs done (1-based).</param>
/// <param name="Epochs">Epochs in the run.</param>
/// <param name="TrainLoss">Mean cross-entropy of the epoch's steps.</param>
/// <param name="LearningRate">Learning rate of the next step.</param>
/// <param name="Seconds">Seconds since the run started.</param>
public sealed record ArchitectureTrainingProgress(int Epoch, int Epochs, double TrainLoss, double LearningRate, double Seconds);
