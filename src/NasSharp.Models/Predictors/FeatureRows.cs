namespace NasSharp.Predictors;

/// <summary>
/// Raw architecture features of a hybrid readout, one row per training or scored architecture, aligned with
/// <see cref="Names"/> (<see cref="NasSharp.Features.IArchitectureFeaturizer.Names"/>): what <see cref="ArchitecturePredictor"/>
/// standardises and feeds next to the graphs.
/// </summary>
/// <param name="Names">The features' names.</param>
/// <param name="Rows">One row of <see cref="Names"/>.Count values per architecture.</param>
public sealed record FeatureRows(IReadOnlyList<string> Names, IReadOnlyList<double[]> Rows);
