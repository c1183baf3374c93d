namespace NasSharp.HyperNetworks;

/// <summary>Size of the target network the hypernetwork generates weights for.</summary>
/// <param name="Channels">Channels of the first stage; stages 2 and 3 double them (16 in NB201 and the paper).</param>
/// <param name="CellsPerStage">Searched cells per stage (5 in NB201, 3 in NB101); the GCN still encodes the full skeleton.</param>
/// <param name="Classes">Classifier outputs (10 for CIFAR-10).</param>
public sealed record TargetNetworkConfig(int Channels = 16, int CellsPerStage = 5, int Classes = 10)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (Channels < 1) throw new ArgumentException($"Channels must be at least 1, got {Channels}.");
        if (CellsPerStage is < 1 or > 5) throw new ArgumentException($"CellsPerStage must be 1..5 (NB201 has 5), got {CellsPerStage}.");
        if (Classes < 2) throw new ArgumentException($"Classes must be at least 2, got {Classes}.");
    }
}
