using NasSharp.Encodings;
using NasSharp.HyperNetworks;

namespace NasSharp.Predictors;

/// <summary>
/// The network of a kind saved as an <see cref="ArchitecturePredictor"/> model file: how to build it (untrained) from
/// the file's metadata, and which optional parts of <see cref="PredictorMetadata"/> it uses.
/// </summary>
/// <param name="Build">Builds the untrained network the metadata describes (on the CPU).</param>
/// <param name="UsesGlobalEncoding">Whether the metadata carries <see cref="PredictorMetadata.Global"/> (HyperNAS kinds).</param>
/// <param name="HyperNasTasks">The tasks a HyperNAS kind trains; null for kinds without a hypernetwork.</param>
public sealed record ModelFileNetwork(
    Func<PredictorMetadata, nn.Module<GraphBatch, Tensor>> Build, bool UsesGlobalEncoding, HyperNasTasks? HyperNasTasks);
