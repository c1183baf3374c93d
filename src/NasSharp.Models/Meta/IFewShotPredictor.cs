using NasSharp.Encodings;

namespace NasSharp.Meta;

/// <summary>
/// A predictor fitted to the K support architectures of one task, as the few-shot protocol
/// (<see cref="Evaluation.TransferProtocol"/>) compares them: it scores architectures (higher = better) and says
/// how it was fitted.
/// </summary>
public interface IFewShotPredictor : IDisposable
{
    /// <summary>Scores every graph of <paramref name="graphs"/>; only their order is compared.</summary>
    double[] Predict(GraphBatch graphs);

    /// <summary>Fine-tuning steps taken on the whole support set (0 for a closed-form fit or zero-shot).</summary>
    int Steps { get; }

    /// <summary>The weights fine-tuning started from; null for a predictor that is not fine-tuned.</summary>
    FineTuningStart? Start { get; }

    /// <summary>Cross-validated Spearman of each candidate step count; empty when nothing was cross-validated.</summary>
    IReadOnlyDictionary<int, double> CrossValidatedSpearman { get; }
}
