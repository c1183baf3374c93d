namespace NasSharp.Unified;

/// <summary>
/// Names and groups of the <see cref="UnifiedOperation"/> node types: the one-hot width of a unified node feature
/// and the 11 operations a cell may use under mixed-ops (mp-nas.txt Appendix A).
/// </summary>
public static class UnifiedVocabulary
{
    /// <summary>Number of node types, the length of a unified one-hot node feature.</summary>
    public const int Count = 14;

    /// <summary>Lower-case name of each node type, indexed by its <see cref="UnifiedOperation"/> value.</summary>
    public static IReadOnlyList<string> NodeTypes { get; } =
    [
        "input", "output", "global",
        "conv1-d1", "conv3-d1", "conv5-d1", "conv5-d2", "conv7-d1", "conv7-d2",
        "linear", "avgpool", "maxpool", "skip", "zeroize",
    ];

    /// <summary>The 11 operations a cell node may carry (everything but input, output and global), in index order.</summary>
    public static IReadOnlyList<UnifiedOperation> CellOperations { get; } =
        [.. Enum.GetValues<UnifiedOperation>().Except([UnifiedOperation.Input, UnifiedOperation.Output, UnifiedOperation.Global])];

    /// <summary>The name of <paramref name="operation"/>, e.g. <c>conv5-d2</c>.</summary>
    public static string Name(UnifiedOperation operation) => NodeTypes[(int)operation];

    /// <summary>The cell operation called <paramref name="name"/>, or null when no cell operation has that name.</summary>
    public static UnifiedOperation? CellOperation(string name)
    {
        foreach (var operation in CellOperations)
            if (Name(operation) == name) return operation;
        return null;
    }
}
