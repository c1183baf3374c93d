using NasSharp.Encodings;
using NasSharp.Meta;

namespace NasSharp.Evaluation;

/// <summary>
/// How a <see cref="TransferMethod"/> builds its predictors from one run's support set. More than one predictor is
/// scored separately and their Spearman ρ averaged (naive transfer: one per source task, as in the paper).
/// </summary>
/// <param name="protocol">The protocol's fine-tuning settings and baseline network.</param>
/// <param name="sources">What the method may adapt from: the meta-trained model, the pre-trained source networks.</param>
/// <param name="support">The K support architectures of the held-out task.</param>
/// <param name="values">Their z-scored values (higher = better).</param>
/// <param name="seed">The run's seed (the protocol's seed + run), for fine-tuning dropout, folds and initialisation.</param>
public delegate IFewShotPredictor[] TransferFit(TransferProtocol protocol, TransferSources sources, GraphBatch support,
    IReadOnlyList<double> values, int seed);
