namespace NasSharp.Proxies;

/// <summary>How far a proxies run is, reported after every network.</summary>
/// <param name="CellsDone">Architectures with scores (computed, or shared with an isomorphic one, or from the file).</param>
/// <param name="Cells">Architectures in the run.</param>
/// <param name="Networks">Distinct networks (isomorphism classes) computed so far in this run.</param>
public sealed record ProxyProgress(int CellsDone, int Cells, int Networks);
