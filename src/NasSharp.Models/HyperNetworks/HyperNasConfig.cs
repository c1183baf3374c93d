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

/// <summary>How the learning rate changes over training.</summary>
public enum LearningRateSchedule
{
    /// <summary>Cosine decay to zero per optimiser update (the NP and HyperNAS-P schedule).</summary>
    Cosine,
    /// <summary>Halved at 50 % and 75 % of the epochs (Appendix A).</summary>
    HalveAtHalfAndThreeQuarters,
}

/// <summary>
/// The HyperNAS-specific part of training (epochs, batch size and learning rate live in
/// <see cref="Training.TrainingConfig"/>): each step takes a batch of (architecture, accuracy) pairs for the predictor
/// and, on every <see cref="AuxiliaryEvery"/>-th step, one image batch that the first architecture of the step's
/// batch classifies with generated weights. Gradients accumulate over <see cref="Accumulation"/> steps.
/// </summary>
/// <param name="Accumulation">Steps per optimiser update.</param>
/// <param name="Schedule">Learning-rate schedule.</param>
/// <param name="AuxiliaryEvery">Run the image task on every k-th step only (1 = every step).</param>
/// <param name="Images">Image batches of the auxiliary task.</param>
/// <param name="Target">Target network size.</param>
/// <param name="Hyper">Hypernetwork MLP size.</param>
/// <param name="Q">Preference coefficient of the multi-task loss (1.5).</param>
/// <param name="Tasks">HyperNAS or HyperNAS-H.</param>
public sealed record HyperNasConfig(
    int Accumulation, LearningRateSchedule Schedule, int AuxiliaryEvery, ImageBatchConfig Images, TargetNetworkConfig Target,
    HyperNetworkConfig Hyper, double Q = 1.5, HyperNasTasks Tasks = HyperNasTasks.Both)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (Accumulation < 1) throw new ArgumentException($"Accumulation must be at least 1, got {Accumulation}.");
        if (AuxiliaryEvery < 1) throw new ArgumentException($"AuxiliaryEvery must be at least 1, got {AuxiliaryEvery}.");
        if (!(Q > 0)) throw new ArgumentException($"Q must be positive, got {Q}.");
        if (Hyper.Hidden < 1 || Hyper.Layers < 1) throw new ArgumentException($"Hypernetwork needs at least 1 layer of width 1, got {Hyper}.");
        Images.Validate();
        Target.Validate();
    }
}
