namespace NasSharp.Training;

/// <summary>
/// The learning-rate schedules of the trainers, computed in C# for <see cref="ScalarSafeAdam"/> with the same
/// arithmetic as TorchSharp 0.107's <c>lr_scheduler.CosineAnnealingLR</c> and <c>MultiStepLR</c>, so a run gives the
/// same rates step for step as it did with torch's optimizer and schedulers.
/// </summary>
public static class LearningRateSchedules
{
    /// <summary>
    /// The cosine annealing rate after scheduler step <paramref name="step"/> (≥ 1) from the rate <paramref name="current"/>
    /// before it: PyTorch's recursive form of <c>η_t = η_min + ½(η₀ − η_min)(1 + cos(π t / T))</c>
    /// (SGDR, Loshchilov &amp; Hutter), including its rule for the step after <paramref name="total"/>.
    /// </summary>
    public static double Cosine(double current, double initial, int step, double total, double minimum = 0)
    {
        if ((step - 1 - total) % (2 * total) == 0)
            return current + (initial - minimum) * (1 - Math.Cos(Math.PI / total)) / 2;
        return (1 + Math.Cos(Math.PI * step / total)) / (1 + Math.Cos(Math.PI * (step - 1) / total)) * (current - minimum) + minimum;
    }

    /// <summary>
    /// The multi-step rate at scheduler step <paramref name="step"/> (0 when the schedule is created, then one per
    /// epoch) from the rate <paramref name="current"/>: multiplied by <paramref name="gamma"/> once when the step is
    /// one of the <paramref name="milestones"/> (TorchSharp counts a repeated milestone once).
    /// </summary>
    public static double MultiStep(double current, int step, IReadOnlyList<int> milestones, double gamma) =>
        milestones.Contains(step) ? current * gamma : current;
}
