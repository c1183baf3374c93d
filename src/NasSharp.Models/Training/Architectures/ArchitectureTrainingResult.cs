namespace NasSharp.Training.Architectures;

/// <summary>What one training run of <see cref="ArchitectureTrainer"/> measured.</summary>
/// <param name="Arch">The architecture trained (canonical).</param>
/// <param name="ValidationAccuracy">Accuracy in % on the held-out images of the training split (running-statistics BatchNorm).</param>
/// <param name="TrainLoss">Mean cross-entropy over the last epoch's steps.</param>
/// <param name="Parameters">Trainable parameters of the network trained (convolutions, BatchNorm affines, classifier).</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="Steps">SGD steps taken.</param>
/// <param name="TrainImages">Images trained on.</param>
/// <param name="ValidationImages">Images validated on.</param>
/// <param name="Seconds">Wall-clock seconds of the run, preparing the images included.</param>
public sealed record ArchitectureTrainingResult(string Arch, double ValidationAccuracy, double TrainLoss, long Parameters, int Epochs, int Steps,
    int TrainImages, int ValidationImages, double Seconds);
