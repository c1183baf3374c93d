using System.Text.Json.Nodes;
using NasSharp.HyperNetworks;
using NasSharp.SearchSpaces;

namespace NasSharp.Proxies;

/// <summary>
/// What a proxies run computes: every setting that changes a score. A proxies file records them and a rerun with other
/// settings is refused.
/// </summary>
/// <param name="Space">Search space name (<c>nb201</c> or <c>nb101</c>: the spaces with a target network).</param>
/// <param name="Proxies">Proxy names from <see cref="ZeroCostProxies"/>, in column order (default naswot, synflow).</param>
/// <param name="BatchSize">Images in the one CIFAR-10 batch (64; the NASWOT references used 128 and 256, see docs/DECISIONS.md).</param>
/// <param name="Seed">Seed of the image batch and of every network's weights.</param>
/// <param name="Channels">
/// Channels of the first stage; null = NB201's own 16, and 16 for NB101, whose own 128 would hold an estimated
/// 10 GB of activations for one batch of 64 in this code (docs/DECISIONS.md).
/// </param>
/// <param name="CellsPerStage">Cells per stage; null = the space's own network (NB201 5, NB101 3).</param>
public sealed record ProxyConfig(string Space, IReadOnlyList<string>? Proxies = null, int BatchSize = 64, int Seed = 0,
    int? Channels = null, int? CellsPerStage = null)
{
    /// <summary>Format tag of the settings file.</summary>
    public const string Format = "nassharp-proxies v2";

    /// <summary>The proxy names, <see cref="ZeroCostProxies.Defaults"/> when none were given.</summary>
    public IReadOnlyList<string> ProxyNames => Proxies ?? ZeroCostProxies.Defaults;

    /// <summary>The target network of the space at the configured size.</summary>
    /// <exception cref="ArgumentException">The space has no target network, or a size is out of range.</exception>
    public TargetNetworkConfig Network()
    {
        var (channels, cells) = Space switch
        {
            "nb201" => (16, 5),
            "nb101" => (16, 3),
            _ => throw new ArgumentException($"Zero-cost proxies run the space's real network; '{Space}' has none (valid: nb201, nb101)."),
        };
        return new TargetNetworkConfig(Channels ?? channels, CellsPerStage ?? cells, Images.Cifar10Dataset.Classes);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (ProxyNames.Count == 0) throw new ArgumentException("Proxies must name at least one proxy.");
        foreach (string name in ProxyNames) ZeroCostProxies.Get(name);
        if (ProxyNames.Distinct().Count() != ProxyNames.Count)
            throw new ArgumentException($"Proxies names a proxy twice: {string.Join(", ", ProxyNames)}.");
        if (BatchSize < 2) throw new ArgumentException($"BatchSize must be at least 2 (the kernels compare images), got {BatchSize}.");
        TargetNetworks.Create(SearchSpaceCatalog.Get(Space), Network());
    }

    /// <summary>The settings a proxies file records, as JSON.</summary>
    public JsonObject ToJson()
    {
        var network = Network();
        return new JsonObject
        {
            ["format"] = Format,
            ["space"] = Space,
            ["proxies"] = new JsonArray([.. ProxyNames.Select(p => JsonValue.Create(p))]),
            ["batch"] = BatchSize,
            ["seed"] = Seed,
            ["channels"] = network.Channels,
            ["cells_per_stage"] = network.CellsPerStage,
            ["classes"] = network.Classes,
            ["images"] = "CIFAR-10 training split (images/cifar10-jpeg75), no augmentation, normalised by its channel statistics; one batch drawn with the seed",
            ["weights"] = "PyTorch default initialisation, drawn per network from the seed and the key of the architecture",
            ["network"] = "one per isomorphism class: its first member in the space's enumeration where the space lists itself, else the first member asked for",
        };
    }
}
