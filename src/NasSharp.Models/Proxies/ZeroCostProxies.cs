namespace NasSharp.Proxies;

/// <summary>Every zero-cost proxy NasSharp computes, by name; commands choose proxies here.</summary>
public static class ZeroCostProxies
{
    /// <summary>Every proxy, in the order help texts list them.</summary>
    public static IReadOnlyList<IZeroCostProxy> All { get; } = [new NaswotProxy(), new SynflowProxy(), new JacobianCovarianceProxy()];

    /// <summary>Names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(p => p.Name)];

    /// <summary>What <c>proxies</c> computes unless told otherwise: NASWOT and synflow.</summary>
    public static IReadOnlyList<string> Defaults { get; } = ["naswot", "synflow"];

    /// <summary>The proxy called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static IZeroCostProxy Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(p => p.Name == name)
            ?? throw new ArgumentException($"Unknown zero-cost proxy '{name}'; valid: {string.Join(", ", Names)}.", nameof(name));
    }
}
