namespace NasSharp.Unified;

/// <summary>
/// The 14 node types of MP-NAS's unified encoding (mp-nas.txt §3.3, Appendix A, Table 8): the 11 cell operations
/// of NB101, NB201, TB101 and NB-ASR together, plus the input, output and global nodes. The numeric value of each
/// member is its fixed one-hot index (<see cref="UnifiedVocabulary.Count"/> = 14), so saved models and padded batches
/// stay comparable across spaces; never renumber, only append.
/// </summary>
/// <remarks>
/// <c>ConvK-DD</c> is a convolution with kernel size K and dilation D; NB101's Conv-BN-ReLU and NB201/TB101's
/// ReLU-Conv-BN share one type, because the paper unifies them ("Conv1 and Conv3 between NB101 and NB201").
/// </remarks>
public enum UnifiedOperation
{
    /// <summary>The cell input (index 0).</summary>
    Input = 0,

    /// <summary>The cell output (index 1).</summary>
    Output = 1,

    /// <summary>The global node that every other node feeds (index 2); see <see cref="UnifiedEncoder"/>.</summary>
    Global = 2,

    /// <summary>1×1 convolution, dilation 1 (index 3).</summary>
    Conv1D1 = 3,

    /// <summary>3×3 convolution, dilation 1 (index 4).</summary>
    Conv3D1 = 4,

    /// <summary>5×5 convolution, dilation 1 (index 5).</summary>
    Conv5D1 = 5,

    /// <summary>5×5 convolution, dilation 2 (index 6).</summary>
    Conv5D2 = 6,

    /// <summary>7×7 convolution, dilation 1 (index 7).</summary>
    Conv7D1 = 7,

    /// <summary>7×7 convolution, dilation 2 (index 8).</summary>
    Conv7D2 = 8,

    /// <summary>Linear (fully connected) layer (index 9).</summary>
    Linear = 9,

    /// <summary>Average pooling (index 10).</summary>
    AvgPool = 10,

    /// <summary>Max pooling (index 11).</summary>
    MaxPool = 11,

    /// <summary>Skip connection / identity (index 12).</summary>
    Skip = 12,

    /// <summary>Zeroize: the edge outputs zeros (NB201/TB101 <c>none</c>) (index 13).</summary>
    Zeroize = 13,
}
