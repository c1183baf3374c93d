using NasSharp.Training;

namespace NasSharp.Meta;

/// <summary>
/// Fine-tuning on the whole support set produced non-finite predictions (too high a learning rate for the chosen
/// step count): the fine-tuning case of <see cref="TrainingDivergedException"/>.
/// </summary>
public sealed class FineTuningDivergedException : TrainingDivergedException
{
    /// <summary>Creates the exception for a run of <paramref name="steps"/> steps.</summary>
    public FineTuningDivergedException(int steps, string message) : base(message) => Steps = steps;

    /// <summary>The step count whose fine-tuning diverged.</summary>
    public int Steps { get; }
}
