namespace NasSharp.Predictors;

/// <summary>How the per-cell features become one architecture embedding (HyperNAS §3.3 and its ablation).</summary>
public enum CellAggregation
{
    /// <summary>Σ_i z_i, the paper's choice.</summary>
    Sum,
    /// <summary>Mean over cells.</summary>
    Mean,
    /// <summary>Concatenation of all z_i (the regressor input grows with the number of cells).</summary>
    Concatenate,
}

/// <summary>How a cell learns where it sits in the macro-architecture.</summary>
public enum InterCellContext
{
    /// <summary>Cell connectivity: the previous cell's pooled feature z_{i−1} is added to every node (z_0 = 0).</summary>
    Connectivity,
    /// <summary>A learned embedding of the cell's position is added to every node instead (the paper's ablation).</summary>
    PositionEmbedding,
}

/// <summary>The global-encoding predictor (HyperNAS-P). Defaults are the paper's NB101/NB201 settings.</summary>
/// <param name="Hidden">Node feature width of both GCNs (72).</param>
/// <param name="Layers">GCN layers per cell (6).</param>
/// <param name="HeadHidden">Width of the regressor's hidden layer (128).</param>
/// <param name="Dropout">Dropout after every GCN layer (0.1, as NP).</param>
/// <param name="Aggregation">Cell feature aggregation (sum).</param>
/// <param name="Context">Inter-cell context (cell connectivity).</param>
public sealed record GlobalEncodingConfig(
    int Hidden = 72, int Layers = 6, int HeadHidden = 128, double Dropout = 0.1,
    CellAggregation Aggregation = CellAggregation.Sum, InterCellContext Context = InterCellContext.Connectivity);
