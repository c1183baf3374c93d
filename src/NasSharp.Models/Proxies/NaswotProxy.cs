using NasSharp.HyperNetworks;

namespace NasSharp.Proxies;

/// <summary>
/// NASWOT (Mellor et al. 2021, "Neural Architecture Search without Training", ICML version): <c>log |det K|</c> of the
/// <see cref="HammingKernel"/> of one batch's binary ReLU codes. As the reference scores NB201, the network is in
/// training mode (BatchNorm with batch statistics) and every ReLU counts, the last one before pooling included.
/// </summary>
public sealed class NaswotProxy : IZeroCostProxy
{
    /// <inheritdoc/>
    public string Name => "naswot";

    /// <inheritdoc/>
    public string Description => "NASWOT (Mellor et al. 2021): log|det| of the Hamming kernel of one batch's binary ReLU codes";

    /// <inheritdoc/>
    public double Score(ProxyNetwork network, Tensor images)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(images);
        using var kernel = new HammingKernel(images.shape[0]);
        using (var scope = NewDisposeScope())
        using (no_grad())
            network.Forward(images, new ForwardOptions { ReluInput = kernel.Add });
        return kernel.LogDeterminant();
    }
}
