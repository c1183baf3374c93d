using NasSharp.Graphs;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb101;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.SearchSpaces.Tb101;
using NasSharp.Unified;
using static NasSharp.Unified.UnifiedOperation;

namespace NasSharp.Tests.Unified;

public class UnifiedEncoderTests
{
    private const string ResNetCell = "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|skip_connect~2|";

    private static int[] Types(params UnifiedOperation[] ops) => [.. ops.Select(o => (int)o)];

    /// <summary>The global node is last, fed by every other node, and feeds nothing; the rest is the space's own graph.</summary>
    private static void AssertUnifiedForm(CellGraph spaceGraph, CellGraph unified)
    {
        int n = spaceGraph.NodeCount, global = n;
        Assert.Equal(n + 1, unified.NodeCount);
        Assert.True(unified.NodeCount <= UnifiedEncoder.MaxNodes);
        Assert.Equal((int)Global, unified.NodeTypes[global]);
        Assert.Equal(1, unified.NodeTypes.Count(t => t == (int)Global));
        for (int i = 0; i < n; i++)
        {
            Assert.True(unified.HasEdge(i, global), $"node {i} does not feed the global node");
            Assert.False(unified.HasEdge(global, i));
            for (int j = 0; j < n; j++) Assert.Equal(spaceGraph.HasEdge(i, j), unified.HasEdge(i, j));
        }
        Assert.False(unified.HasEdge(global, global));
        Assert.Equal(spaceGraph.EdgeCount + n, unified.EdgeCount);
    }

    [Fact]
    public void Nb201_resnet_cell_relabels_its_nodes_and_gains_a_global_node()
    {
        var unified = new UnifiedEncoder(new Nb201Space()).Encode(ResNetCell);
        Assert.Equal(Types(Input, Conv3D1, Zeroize, Conv3D1, Skip, Zeroize, Skip, Output, Global), unified.NodeTypes);
        AssertUnifiedForm(new Nb201Space().Encode(ResNetCell), unified);
    }

    [Fact]
    public void Tb101_cell_uses_the_same_types_and_graph_as_the_nb201_cell_with_the_same_operations()
    {
        // 3_13_201 = conv3x3 | skip conv3x3 | conv1x1 none skip on edges 0→1 | 0→2 1→2 | 0→3 1→3 2→3
        var tb101 = new UnifiedEncoder(new Tb101MicroSpace()).Encode("64-41414-3_13_201");
        var nb201 = new UnifiedEncoder(new Nb201Space()).Encode(
            "|nor_conv_3x3~0|+|skip_connect~0|nor_conv_3x3~1|+|nor_conv_1x1~0|none~1|skip_connect~2|");
        Assert.Equal(Types(Input, Conv3D1, Skip, Conv3D1, Conv1D1, Zeroize, Skip, Output, Global), tb101.NodeTypes);
        Assert.Equal(nb201, tb101);
    }

    [Fact]
    public void Nb101_cells_use_all_three_operations_and_are_encoded_after_pruning()
    {
        var encoder = new UnifiedEncoder(new Nb101Space());
        // input → conv3x3 → conv1x1 → output, input → maxpool → output
        string arch = "01010" + "00100" + "00001" + "00001" + "00000" + ":input|conv3x3-bn-relu|conv1x1-bn-relu|maxpool3x3|output";
        var unified = encoder.Encode(arch);
        Assert.Equal(Types(Input, Conv3D1, Conv1D1, MaxPool, Output, Global), unified.NodeTypes);
        AssertUnifiedForm(new Nb101Space().Encode(arch), unified);

        // The dead-end maxpool is pruned before encoding.
        var pruned = encoder.Encode("01101" + "00001" + "00000" + "00001" + "00000" + ":input|conv3x3-bn-relu|maxpool3x3|conv1x1-bn-relu|output");
        Assert.Equal(Types(Input, Conv3D1, Output, Global), pruned.NodeTypes);
    }

    [Fact]
    public void Every_nb201_and_tb101_cell_has_the_unified_form()
    {
        var nb201 = new UnifiedEncoder(new Nb201Space());
        foreach (var cell in Nb201Space.Enumerate())
            AssertUnifiedForm(Nb201Space.Encode(cell), nb201.Encode(cell.ToString()));
        var tb101 = new UnifiedEncoder(new Tb101MicroSpace());
        foreach (string arch in Tb101MicroSpace.Enumerate())
            AssertUnifiedForm(tb101.Space.Encode(arch), tb101.Encode(arch));
    }

    [Fact]
    public void Random_nb101_cells_have_the_unified_form()
    {
        var space = new Nb101Space();
        var encoder = new UnifiedEncoder(space);
        var rng = new Random(101);
        for (int i = 0; i < 300; i++)
        {
            string arch = space.Sample(rng);
            AssertUnifiedForm(space.Encode(arch), encoder.Encode(arch));
        }
    }

    [Fact]
    public void Max_nodes_is_the_largest_space_cell_plus_the_global_node()
    {
        Assert.Equal(9, UnifiedEncoder.MaxNodes);
        Assert.Equal(UnifiedEncoder.MaxNodes, SearchSpaceCatalog.Names.Max(n => SearchSpaceCatalog.Get(n).MaxNodes) + 1);
    }

    [Fact]
    public void Graphs_that_do_not_fit_are_refused()
    {
        UnifiedOperation[] map = [Input, Output];
        var nine = new CellGraph(new int[9], new bool[81]);
        Assert.Contains("exceeds MaxNodes = 9", Assert.Throws<ArgumentException>(() => UnifiedEncoder.Encode(nine, map)).Message);
        var unknownType = new CellGraph([0, 2], new bool[4]);
        Assert.Contains("type 2, outside the 2 mapped", Assert.Throws<ArgumentException>(() => UnifiedEncoder.Encode(unknownType, map)).Message);
    }

    [Fact]
    public void Invalid_architectures_fail_like_the_space()
    {
        Assert.Throws<ArchitectureFormatException>(() => new UnifiedEncoder(new Nb201Space()).Encode("|conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|"));
        Assert.Throws<ArchitectureFormatException>(() => new UnifiedEncoder(new Tb101MicroSpace()).Encode("64-41414-4_00_000"));
    }
}
