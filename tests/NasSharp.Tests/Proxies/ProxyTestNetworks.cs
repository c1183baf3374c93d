using NasSharp.HyperNetworks;
using NasSharp.Proxies;
using NasSharp.SearchSpaces.Nb201;
using TorchSharp;
using static TorchSharp.torch;

namespace NasSharp.Tests.Proxies;

/// <summary>Tiny NB201 networks and image batches for the proxy tests.</summary>
internal static class ProxyTestNetworks
{
    public const string Mixed = "|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
    public const string AllNone = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";

    /// <summary>The NB201 network of <paramref name="arch"/> with 2 channels and one cell per stage.</summary>
    public static ProxyNetwork Nb201(string arch, ulong seed = 7) =>
        ProxyNetwork.Create(new Nb201TargetNetwork(new TargetNetworkConfig(Channels: 2, CellsPerStage: 1)), new Nb201Space().Encode(arch), seed);

    /// <summary>A seeded batch of normal noise <c>[B, 3, side, side]</c>.</summary>
    public static Tensor Images(int count, int side = 8, ulong seed = 3)
    {
        using var generator = new Generator(seed);
        return randn([count, 3, side, side], generator: generator);
    }
}
