namespace NasSharp.Proxies;

/// <summary>What a proxies run did.</summary>
/// <param name="Rows">Every row of the file: the architectures given, in their order, then rows of others the file already held.</param>
/// <param name="Cells">Architectures asked for.</param>
/// <param name="Networks">Distinct networks (isomorphism classes) among them.</param>
/// <param name="Computed">Networks computed by this run (the others were in the file).</param>
/// <param name="SecondsPerNetwork">Mean wall-clock seconds per computed network, by proxy (building the network excluded).</param>
public sealed record ProxyRunResult(IReadOnlyList<ProxyRow> Rows, int Cells, int Networks, int Computed,
    IReadOnlyDictionary<string, double> SecondsPerNetwork);
