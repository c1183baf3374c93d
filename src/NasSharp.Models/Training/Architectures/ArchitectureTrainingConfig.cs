namespace NasSharp.Training.Architectures;

/// <summary>
/// How the built-in trainer (<see cref="ArchitectureTrainer"/>) trains one architecture: NB201's recipe (SGD with
/// Nesterov momentum 0.9, weight decay 5e-4, learning rate 0.1 annealed to 0 by a cosine over every step, batch
/// statistics BatchNorm while training and running statistics for validation) shortened to a CPU proxy: a smaller
/// network, smaller images, a subset of the training split and a few epochs. The defaults were sized so one evaluation
/// takes about a minute with one thread on this project's 2-core machine (docs/RESULTS.md, "Issue 16: built-in trainer").
/// </summary>
/// <param name="Epochs">Passes over the training subset (default 3; NB201 trains 200).</param>
/// <param name="Channels">Channels of the first stage; stages 2 and 3 double them (default 8; NB201 16).</param>
/// <param name="CellsPerStage">Cells per stage (default 1; NB201 5).</param>
/// <param name="ImageSize">Side the images are resized to by bilinear interpolation with antialiasing (default 16; CIFAR-10 is 32, Fashion-MNIST 28).</param>
/// <param name="TrainImages">Images of the training split trained on, drawn with the seed (default 5,000).</param>
/// <param name="ValidationImages">Other images of the training split the accuracy is measured on (default 2,000); the test split is never used.</param>
/// <param name="BatchSize">Images per step (default 128; NB201 256); the last incomplete batch of an epoch is dropped.</param>
/// <param name="LearningRate">Initial learning rate of the cosine schedule (default 0.1, NB201's).</param>
/// <param name="Momentum">SGD momentum (default 0.9).</param>
/// <param name="WeightDecay">L2 weight decay on every parameter (default 5e-4).</param>
/// <param name="Nesterov">Nesterov momentum (default true).</param>
/// <param name="Seed">Seed of the split, the batches and the initial weights: same seed, same accuracy.</param>
/// <param name="Threads">Torch intra-op threads (default 1, <see cref="TorchThreads.Default"/>); results are reproducible at a fixed count.</param>
public sealed record ArchitectureTrainingConfig(
    int Epochs = 3,
    int Channels = 8,
    int CellsPerStage = 1,
    int ImageSize = 16,
    int TrainImages = 5000,
    int ValidationImages = 2000,
    int BatchSize = 128,
    double LearningRate = 0.1,
    double Momentum = 0.9,
    double WeightDecay = 5e-4,
    bool Nesterov = true,
    int Seed = 0,
    int Threads = TorchThreads.Default)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"Epochs must be at least 1, got {Epochs}.");
        if (Channels < 1) throw new ArgumentException($"Channels must be at least 1, got {Channels}.");
        if (CellsPerStage is < 1 or > 5) throw new ArgumentException($"CellsPerStage must be 1..5 (NB201 has 5), got {CellsPerStage}.");
        // Two stride-2 reductions follow the stem, so 4 pixels is the smallest side that leaves the last stage a pixel.
        if (ImageSize < 4) throw new ArgumentException($"ImageSize must be at least 4 (two reductions halve it), got {ImageSize}.");
        if (BatchSize < 2) throw new ArgumentException($"BatchSize must be at least 2 (BatchNorm needs two images), got {BatchSize}.");
        if (TrainImages < BatchSize) throw new ArgumentException($"TrainImages ({TrainImages}) must be at least BatchSize ({BatchSize}).");
        if (ValidationImages < 1) throw new ArgumentException($"ValidationImages must be at least 1, got {ValidationImages}.");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentException($"LearningRate must be a positive number, got {LearningRate}.");
        if (!(Momentum is >= 0 and < 1)) throw new ArgumentException($"Momentum must be in [0, 1), got {Momentum}.");
        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay)) throw new ArgumentException($"WeightDecay must be a non-negative number, got {WeightDecay}.");
        if (Nesterov && Momentum == 0) throw new ArgumentException("Nesterov needs a Momentum above 0.");
        if (Threads < 1) throw new ArgumentException($"Threads must be at least 1, got {Threads}.");
    }
}
