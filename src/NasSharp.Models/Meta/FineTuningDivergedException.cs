namespace NasSharp.Meta;

/// <summary>
/// Fine-tuning on the whole support set produced non-finite predictions (too high a learning rate for the chosen
/// step count). An <see cref="ArgumentException"/>, because the fine-tuning configuration is what is wrong.
/// </summary>
public sealed class FineTuningDivergedException : ArgumentException
{
    /// <summary>Creates the exception for a run of <paramref name="steps"/> steps.</summary>
    public FineTuningDivergedException(int steps, string message) : base(message) => Steps = steps;

    /// <summary>The step count whose fine-tuning diverged.</summary>
    public int Steps { get; }
}
