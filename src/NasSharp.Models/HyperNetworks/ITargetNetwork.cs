using NasSharp.Graphs;

namespace NasSharp.HyperNetworks;

/// <summary>
/// A search space's real network, run functionally with convolution weights supplied per graph node (HyperNAS §3.4).
/// Cells are given as the space's ops-on-nodes <see cref="CellGraph"/>, the same graph the GCN encodes.
/// </summary>
public interface ITargetNetwork
{
    /// <summary>Channels of the stem convolution (the stem weight is <c>[StemChannels, 3, 3, 3]</c>).</summary>
    int StemChannels { get; }

    /// <summary>Channels entering the classifier (the classifier weight is <c>[Classes, FinalChannels]</c>).</summary>
    int FinalChannels { get; }

    /// <summary>Largest input or output channel count of any generated convolution; sizes the hypernetwork heads.</summary>
    int MaxChannels { get; }

    /// <summary>Classifier outputs.</summary>
    int Classes { get; }

    /// <summary>Every convolution <paramref name="cell"/>'s network needs, in the order <see cref="Forward"/> consumes them.</summary>
    IReadOnlyList<ConvWeight> Weights(CellGraph cell);

    /// <summary>
    /// Logits <c>[B, classes]</c> for <paramref name="images"/> <c>[B, 3, S, S]</c>; <paramref name="convs"/> follow
    /// <see cref="Weights"/>; stem, classifier and bias are shared by all architectures. <paramref name="options"/>
    /// (default <see cref="ForwardOptions.Training"/>) sets BatchNorm's mode and observes the ReLUs.
    /// </summary>
    Tensor Forward(Tensor images, CellGraph cell, IReadOnlyList<Tensor> convs, Tensor stem, Tensor classifier, Tensor bias,
        ForwardOptions? options = null);
}
