namespace NasSharp.Search.Strategies;

/// <summary>
/// The HyperNAS search protocol (hypernas App. C.1): a predictor trained once on random architectures, evolution on its
/// predictions, then the best predicted architectures are measured.
/// </summary>
/// <param name="Train">Random architectures measured to train the predictor (156 in the paper).</param>
/// <param name="Evolution">Regularized evolution run on predictions instead of measurements.</param>
/// <param name="Cycles">Children evolution scores by prediction (each costs one prediction, no query).</param>
public sealed record HyperNasProtocolConfig(int Train, RegularizedEvolutionConfig Evolution, int Cycles = 2000)
{
    /// <summary>The paper's setting: 156 training architectures, a population of 50 with tournaments of 10, 2,000 children.</summary>
    public HyperNasProtocolConfig() : this(156, new RegularizedEvolutionConfig(Population: 50, SampleSize: 10)) { }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first out-of-range field.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Evolution);
        Evolution.Validate();
        if (Train < 2) throw new ArgumentException($"The predictor needs at least 2 training architectures, got {Train}.");
        if (Cycles < 1) throw new ArgumentException($"Evolution needs at least 1 cycle, got {Cycles}.");
    }
}
