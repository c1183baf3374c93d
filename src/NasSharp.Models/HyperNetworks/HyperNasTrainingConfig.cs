using NasSharp.Images;

namespace NasSharp.HyperNetworks;

/// <summary>Which tasks a HyperNAS model trains.</summary>
public enum HyperNasTasks
{
    /// <summary>Predictor and hypernetwork with the adaptive multi-task loss (HyperNAS).</summary>
    Both,
    /// <summary>Hypernetwork only, plain cross-entropy (HyperNAS-H).</summary>
    HypernetworkOnly,
}

/// <summary>
/// HyperNAS training (Appendix A): each step takes one (architecture, accuracy) pair and one image batch; gradients
/// accumulate over <see cref="Accumulation"/> steps; Adam with the learning rate halved at 50 % and 75 % of the epochs.
/// </summary>
/// <param name="Epochs">Passes over the training architectures (200 in the paper).</param>
/// <param name="Accumulation">Steps per optimiser update (10).</param>
/// <param name="LearningRate">Initial Adam learning rate (1e-3).</param>
/// <param name="AuxiliaryEvery">Run the image task on every k-th step only (1 = every step, the paper).</param>
/// <param name="Images">Image batches of the auxiliary task.</param>
/// <param name="Target">Target network size.</param>
/// <param name="Q">Preference coefficient of the multi-task loss (1.5).</param>
/// <param name="Tasks">HyperNAS or HyperNAS-H.</param>
public sealed record HyperNasTrainingConfig(
    int Epochs, int Accumulation, double LearningRate, int AuxiliaryEvery, ImageBatchConfig Images, TargetNetworkConfig Target,
    double Q = 1.5, HyperNasTasks Tasks = HyperNasTasks.Both)
{
    /// <summary>Appendix A exactly: C = 16, 5 cells per stage, 32×32 images, batch 128, 200 epochs, every step.</summary>
    public static HyperNasTrainingConfig Paper { get; } =
        new(200, 10, 1e-3, 1, new ImageBatchConfig(BatchSize: 128), new TargetNetworkConfig(Channels: 16, CellsPerStage: 5));

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"Epochs must be at least 1, got {Epochs}.");
        if (Accumulation < 1) throw new ArgumentException($"Accumulation must be at least 1, got {Accumulation}.");
        if (AuxiliaryEvery < 1) throw new ArgumentException($"AuxiliaryEvery must be at least 1, got {AuxiliaryEvery}.");
        Images.Validate();
        Target.Validate();
    }
}
