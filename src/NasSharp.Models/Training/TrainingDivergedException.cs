namespace NasSharp.Training;

/// <summary>
/// Training produced a model that must not be saved or used: a non-finite loss, weight or prediction, or predictions
/// that collapsed to one constant although the targets differ. Almost always the learning rate is too high. An
/// <see cref="ArgumentException"/>, because the training configuration (or a model trained with one) is what is
/// wrong, and so that callers that report argument errors report this too.
/// </summary>
public class TrainingDivergedException : ArgumentException
{
    /// <summary>Creates the exception; <paramref name="message"/> says what diverged and which option to change.</summary>
    public TrainingDivergedException(string message) : base(message) { }
}
