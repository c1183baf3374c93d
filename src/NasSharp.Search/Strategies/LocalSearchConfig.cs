namespace NasSharp.Search.Strategies;

/// <summary>Local search (NASLib's defaults, SEARCH.md §4).</summary>
/// <param name="InitialRandom">Random architectures measured before the climb starts from the best of them.</param>
public sealed record LocalSearchConfig(int InitialRandom = 10)
{
    /// <summary>Throws <see cref="ArgumentException"/> when out of range.</summary>
    public void Validate()
    {
        if (InitialRandom < 1) throw new ArgumentException($"Local search needs at least 1 initial random architecture, got {InitialRandom}.");
    }
}
