using TorchSharp.Modules;

namespace NasSharp.HyperNetworks;

/// <summary>
/// HyperNAS §3.4, Eq. (7)–(8): an MLP shared by all nodes maps a node's GCN feature to that node's convolution
/// weight. The output size is fixed: one head per kernel side emits <c>(C_max, C_max, k, k)</c>, which is sliced (or
/// tiled, when a layer is larger) to the shape the target layer needs.
/// </summary>
public sealed class HyperNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>Kernel sides with a head.</summary>
    public static readonly IReadOnlyList<int> Kernels = [1, 3];

    private readonly Sequential body;
    private readonly ModuleDict<Linear> heads = new();
    private readonly int maxChannels;

    /// <summary>Creates a hypernetwork for node features of width <paramref name="features"/>.</summary>
    public HyperNetwork(int features, int maxChannels, HyperNetworkConfig config) : base(nameof(HyperNetwork))
    {
        this.maxChannels = maxChannels;
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int i = 0; i < config.Layers; i++)
        {
            layers.Add(($"linear{i}", nn.Linear(i == 0 ? features : config.Hidden, config.Hidden)));
            layers.Add(($"relu{i}", nn.ReLU()));
        }
        body = nn.Sequential(layers);
        foreach (int k in Kernels)
        {
            var head = nn.Linear(config.Hidden, (long)maxChannels * maxChannels * k * k);
            // A small output scale keeps freshly generated convolutions in the range of a standard initialisation.
            nn.init.normal_(head.weight!, 0, 1.0 / Math.Sqrt(config.Hidden * maxChannels * k * k));
            nn.init.zeros_(head.bias!);
            heads.Add($"k{k}", head);
        }
        RegisterComponents();
    }

    /// <summary>Hidden representation of node features <c>[M, features]</c>.</summary>
    public override Tensor forward(Tensor nodeFeatures) => body.call(nodeFeatures);

    /// <summary>Raw weights <c>[M, C_max, C_max, k, k]</c> from hidden representations <c>[M, hidden]</c>.</summary>
    public Tensor Head(Tensor hidden, int kernel)
    {
        if (!Kernels.Contains(kernel))
            throw new ArgumentException($"No head for kernel {kernel}; heads exist for {string.Join(", ", Kernels)}.");
        return heads[$"k{kernel}"].call(hidden).view(-1, maxChannels, maxChannels, kernel, kernel);
    }

    /// <summary>
    /// Cuts a raw <c>(C_max, C_max, k, k)</c> weight to <c>(out, in, k, k)</c>: the leading block when it fits,
    /// otherwise the weight tiled along the too-small dimensions first.
    /// </summary>
    public static Tensor Fit(Tensor raw, int outChannels, int inChannels)
    {
        long rows = raw.shape[0], cols = raw.shape[1];
        long repeatOut = (outChannels + rows - 1) / rows, repeatIn = (inChannels + cols - 1) / cols;
        var tiled = repeatOut > 1 || repeatIn > 1 ? raw.repeat(repeatOut, repeatIn, 1, 1) : raw;
        return tiled.narrow(0, 0, outChannels).narrow(1, 0, inChannels);
    }
}
