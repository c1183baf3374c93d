using System.Globalization;

namespace NasSharp.Evaluation;

/// <summary>
/// One point of the synthetic study (mp-nas §4.1, Figure 2): the noise level σ of every synthetic task (Eq. 8, in units
/// of the baseline's standard deviation), how many correlated tasks MP-NAS is meta-trained on, and how many pure-noise
/// tasks are added to them.
/// </summary>
public sealed record SyntheticSetting(double Sigma, int CorrelatedTasks, int UncorrelatedTasks)
{
    /// <summary>Readable name, used as the "held-out" column of the study's results.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture,
        $"sigma={Sigma} tasks={CorrelatedTasks} noise={UncorrelatedTasks}");

    /// <summary>Throws <see cref="ArgumentException"/> naming the first out-of-range field.</summary>
    public void Validate()
    {
        if (!(Sigma >= 0) || !double.IsFinite(Sigma)) throw new ArgumentException($"σ must be a finite number ≥ 0, got {Sigma}.");
        if (CorrelatedTasks < 1) throw new ArgumentException($"At least one correlated meta-training task is needed, got {CorrelatedTasks}.");
        if (UncorrelatedTasks < 0) throw new ArgumentException($"The number of uncorrelated tasks must be ≥ 0, got {UncorrelatedTasks}.");
    }
}
