namespace NasSharp.Search.Strategies;

/// <summary>
/// Regularized evolution (Real et al. 2019). Defaults are NASLib's and naszilla's (SEARCH.md §4): a population of 30,
/// tournaments of 10.
/// </summary>
/// <param name="Population">Architectures alive at once; the first this many queries are random.</param>
/// <param name="SampleSize">Tournament size: the parent is the best of this many random members.</param>
public sealed record RegularizedEvolutionConfig(int Population = 30, int SampleSize = 10)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first out-of-range field.</summary>
    public void Validate()
    {
        if (Population < 1) throw new ArgumentException($"The population must be at least 1, got {Population}.");
        if (SampleSize < 1 || SampleSize > Population)
            throw new ArgumentException($"The tournament size must be in 1..{Population} (the population), got {SampleSize}.");
    }
}
