using NasSharp.SearchSpaces;
using static NasSharp.Unified.UnifiedOperation;

namespace NasSharp.Unified;

/// <summary>
/// How each search space's own node types become <see cref="UnifiedOperation"/>s (mp-nas.txt Appendix A, Table 8).
/// This is the one place that knows the per-space vocabularies.
/// </summary>
/// <remarks>
/// <para>
/// To add a space: give it an <see cref="ISearchSpace"/> whose <see cref="ISearchSpace.Encode"/> returns an
/// ops-on-nodes <see cref="Graphs.CellGraph"/>, then add one entry to <c>Tables</c> below, keyed by
/// <see cref="ISearchSpace.Name"/>, that maps every name in its <see cref="ISearchSpace.NodeTypes"/> (input and output
/// included) to a unified type. <see cref="NodeTypeMap"/> refuses a space whose table misses a node type, and the
/// tests check every table against its space. If its encoded cells have more than
/// <see cref="UnifiedEncoder.MaxNodes"/> − 1 nodes, raise that constant too.
/// </para>
/// <para>
/// Choices: NB201 <c>nor_conv_*</c> (ReLU-Conv-BN), TB101 <c>conv*</c> (ReLU-Conv-BN) and NB101 <c>conv*-bn-relu</c>
/// (Conv-BN-ReLU) share the plain convolution types, as the paper does; <c>none</c> is <see cref="Zeroize"/>;
/// NB201's 3×3 average pool and NB101's 3×3 max pool are <see cref="AvgPool"/> and <see cref="MaxPool"/>.
/// </para>
/// </remarks>
public static class UnifiedMappings
{
    private static readonly Dictionary<string, IReadOnlyDictionary<string, UnifiedOperation>> Tables = new()
    {
        ["nb201"] = new Dictionary<string, UnifiedOperation>
        {
            ["input"] = Input,
            ["none"] = Zeroize,
            ["skip_connect"] = Skip,
            ["nor_conv_1x1"] = Conv1D1,
            ["nor_conv_3x3"] = Conv3D1,
            ["avg_pool_3x3"] = AvgPool,
            ["output"] = Output,
        },
        ["nb101"] = new Dictionary<string, UnifiedOperation>
        {
            ["input"] = Input,
            ["conv1x1-bn-relu"] = Conv1D1,
            ["conv3x3-bn-relu"] = Conv3D1,
            ["maxpool3x3"] = MaxPool,
            ["output"] = Output,
        },
        ["tb101"] = new Dictionary<string, UnifiedOperation>
        {
            ["input"] = Input,
            ["none"] = Zeroize,
            ["skip_connect"] = Skip,
            ["conv1x1"] = Conv1D1,
            ["conv3x3"] = Conv3D1,
            ["output"] = Output,
        },
    };

    /// <summary>Names of the spaces that have a mapping.</summary>
    public static IReadOnlyList<string> Spaces { get; } = [.. Tables.Keys];

    /// <summary>The mapping of space <paramref name="space"/>: each of its node-type names → unified type.</summary>
    /// <exception cref="ArgumentException">No mapping for that space; the message lists the mapped ones.</exception>
    public static IReadOnlyDictionary<string, UnifiedOperation> Table(string space) =>
        Tables.TryGetValue(space, out var table) ? table
        : throw new ArgumentException($"No unified mapping for search space '{space}'; mapped: {string.Join(", ", Spaces)}.", nameof(space));

    /// <summary>
    /// The unified type of each of <paramref name="space"/>'s node types, aligned with
    /// <see cref="ISearchSpace.NodeTypes"/>, so that a node of type <c>t</c> becomes <c>map[t]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No mapping for the space, or the mapping misses one of its node types.</exception>
    public static IReadOnlyList<UnifiedOperation> NodeTypeMap(ISearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var table = Table(space.Name);
        var missing = space.NodeTypes.Where(t => !table.ContainsKey(t)).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException(
                $"The unified mapping of '{space.Name}' misses node type(s) {string.Join(", ", missing)}; add them to {nameof(UnifiedMappings)}.",
                nameof(space));
        return [.. space.NodeTypes.Select(t => table[t])];
    }
}
