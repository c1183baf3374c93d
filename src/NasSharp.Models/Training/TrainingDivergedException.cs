namespace NasSharp.Training;

/// <summary>Training produced a non-finite loss or a collapsed model; nothing it produced may be saved or used.</summary>
public sealed class TrainingDivergedException(string message) : ArgumentException(message);
