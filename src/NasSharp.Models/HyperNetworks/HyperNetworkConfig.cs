namespace NasSharp.HyperNetworks;

/// <summary>The weight-generating MLP (HyperNAS Appendix A: 3 layers × 96 for NB101/NB201).</summary>
/// <param name="Hidden">Width of the hidden layers.</param>
/// <param name="Layers">Number of hidden layers.</param>
public sealed record HyperNetworkConfig(int Hidden = 96, int Layers = 3);
