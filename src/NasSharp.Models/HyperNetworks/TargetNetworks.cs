using NasSharp.SearchSpaces;

namespace NasSharp.HyperNetworks;

/// <summary>Which target network each search space's architectures run as.</summary>
public static class TargetNetworks
{
    /// <summary>The target network of <paramref name="space"/> sized by <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException">The space has no target network.</exception>
    public static ITargetNetwork Create(ISearchSpace space, TargetNetworkConfig config) => space.Name switch
    {
        "nb201" => new Nb201TargetNetwork(config),
        "nb101" => new Nb101TargetNetwork(config),
        _ => throw new ArgumentException($"HyperNAS has no target network for space '{space.Name}'; available: nb201, nb101."),
    };
}
