using NasSharp.Meta;

namespace NasSharp.Evaluation;

/// <summary>
/// What a transfer method may adapt from for one held-out task: the model meta-trained without it and the networks
/// pre-trained on each of its source tasks. Either may be absent when no chosen method needs it. Owns neither.
/// </summary>
/// <param name="metaModel">The meta-trained model, for the methods that adapt it.</param>
/// <param name="pretrained">The pre-trained source networks, for naive transfer.</param>
public sealed class TransferSources(MetaModel? metaModel = null, IReadOnlyList<MetaGcn>? pretrained = null)
{
    /// <summary>Sources with nothing to adapt from, for the methods that fit the support set alone.</summary>
    public static TransferSources None { get; } = new();

    /// <summary>The meta-trained model.</summary>
    /// <exception cref="InvalidOperationException">None was given.</exception>
    public MetaModel MetaModel => metaModel ?? throw new InvalidOperationException("This transfer method adapts a meta-trained model, and none was given.");

    /// <summary>The networks pre-trained on the source tasks.</summary>
    /// <exception cref="InvalidOperationException">None were given.</exception>
    public IReadOnlyList<MetaGcn> Pretrained() =>
        pretrained is { Count: > 0 } ? pretrained : throw new InvalidOperationException("Naive transfer needs at least one pre-trained source network.");
}
