namespace NasSharp.Features;

/// <summary>
/// A fixed-length numeric description of the architectures of one space (graph features, zero-cost proxies, table
/// columns): what feature models (tree ensembles, a GCN's readout) learn from. The same architecture always gives the
/// same vector.
/// </summary>
public interface IArchitectureFeaturizer
{
    /// <summary>Names of the features, one per entry of <see cref="Compute"/>'s result; stable, since model files record them.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>The features of <paramref name="arch"/> (an architecture string of the space), aligned with <see cref="Names"/>.</summary>
    /// <exception cref="SearchSpaces.ArchitectureFormatException">Not a valid architecture of the space.</exception>
    /// <exception cref="KeyNotFoundException">A feature source (e.g. a proxies file) has no value for the architecture.</exception>
    double[] Compute(string arch);
}
