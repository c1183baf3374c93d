namespace NasSharp.Meta;

/// <summary>
/// Shape of the MP-NAS predictor GCN (<see cref="MetaGcn"/>). The defaults are mp-nas.txt Appendix B, Table 9:
/// 4 hidden layers of width 600, ReLU, dropout 0.2.
/// </summary>
/// <param name="Layers">Number of graph-convolution layers (4).</param>
/// <param name="Hidden">Node feature width of every layer (600).</param>
/// <param name="Dropout">Dropout after every layer (0.2); active in the inner loop and the outer loss as in MAML.</param>
/// <param name="ReadoutNode">
/// Index of the node whose feature is read out (the global node). Null, the default, reads each graph's LAST REAL
/// node, which is where the unified encoding (mp-nas §3.3) puts the global node; on an encoding without a global
/// node that is the output node, which the layers' along-the-edges aggregation also makes a summary of the cell.
/// </param>
public sealed record MetaGcnConfig(int Layers = 4, int Hidden = 600, double Dropout = 0.2, int? ReadoutNode = null)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first out-of-range field.</summary>
    public void Validate()
    {
        if (Layers < 1) throw new ArgumentException($"MetaGcnConfig.Layers must be at least 1, got {Layers}.");
        if (Hidden < 1) throw new ArgumentException($"MetaGcnConfig.Hidden must be at least 1, got {Hidden}.");
        if (!(Dropout >= 0 && Dropout < 1)) throw new ArgumentException($"MetaGcnConfig.Dropout must be in [0, 1), got {Dropout}.");
        if (ReadoutNode < 0) throw new ArgumentException($"MetaGcnConfig.ReadoutNode must be non-negative, got {ReadoutNode}.");
    }
}
