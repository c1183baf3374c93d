namespace NasSharp.Features;

/// <summary>Which degree features <see cref="GraphFeaturizer"/> reports for a space's cells.</summary>
public enum DegreeLayout
{
    /// <summary>
    /// Ops on the 6 edges of the 4-node cell (<see cref="SearchSpaces.FourNodeCell"/>): in- and out-degree of each
    /// node over live edges, without the two that are always 0 (the input's in-degree, the output's out-degree).
    /// Needs the ops-on-nodes encoding of <see cref="SearchSpaces.FourNodeCell.Encode"/>, where op node k + 1 is edge k.
    /// </summary>
    FourNodeCell,

    /// <summary>
    /// Ops on nodes with no fixed node positions (NB101, the unified encoding): live operation nodes, edges between live
    /// nodes, the input's out-degree, the output's in-degree, and the largest in- and out-degree of an operation
    /// node. All are invariant under relabelling isomorphic graphs.
    /// </summary>
    Summary,
}
