namespace NasSharp.Training;

/// <summary>
/// Optimisation schedule of a predictor (SPEC §3). The defaults are one fixed schedule for every training size and
/// seed, chosen without looking at test rankings: Adam with lr 1e-3 and no weight decay (the often-quoted 1e-4 with
/// weight decay 1e-3 under-trains at these sizes), batch 10, 300 epochs, cosine decay to zero per step.
/// </summary>
/// <param name="Epochs">Passes over the training architectures.</param>
/// <param name="BatchSize">Architectures per gradient step.</param>
/// <param name="LearningRate">Initial Adam learning rate.</param>
/// <param name="WeightDecay">Adam (L2) weight decay.</param>
public sealed record TrainingConfig(int Epochs = 300, int BatchSize = 10, double LearningRate = 1e-3, double WeightDecay = 0)
{
    /// <summary>
    /// The loss (<see cref="LossConfig"/>'s defaults: MSE). Part of the record's equality, so model files and result
    /// folders record it and a resume refuses another one; files written before it existed read as MSE.
    /// </summary>
    public LossConfig Loss { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first out-of-range field.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"Epochs must be at least 1, got {Epochs}.");
        if (BatchSize < 1) throw new ArgumentException($"BatchSize must be at least 1, got {BatchSize}.");
        if (!(LearningRate > 0)) throw new ArgumentException($"LearningRate must be positive, got {LearningRate}.");
        if (!(WeightDecay >= 0)) throw new ArgumentException($"WeightDecay must be non-negative, got {WeightDecay}.");
        ArgumentNullException.ThrowIfNull(Loss);
        Loss.Validate();
    }
}
