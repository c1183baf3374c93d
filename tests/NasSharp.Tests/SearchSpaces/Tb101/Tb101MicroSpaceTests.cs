using NasSharp.Graphs;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.SearchSpaces.Tb101;

namespace NasSharp.Tests.SearchSpaces.Tb101;

public class Tb101MicroSpaceTests
{
    private readonly Tb101MicroSpace space = new();

    [Fact]
    public void Parses_and_formats_op_codes_in_edge_order()
    {
        // a = 0→1, b = 0→2, c = 1→2, d = 0→3, e = 1→3, f = 2→3
        Assert.Equal([3, 1, 3, 2, 0, 1], Tb101MicroSpace.Parse("64-41414-3_13_201"));
        Assert.Equal("64-41414-3_13_201", Tb101MicroSpace.Format([3, 1, 3, 2, 0, 1]));
        Assert.Equal("64-41414-3_13_201", space.Canonicalize(" 64-41414-3_13_201 "));
        Assert.Throws<ArgumentException>(() => Tb101MicroSpace.Format([3, 1, 3, 2, 0]));
        Assert.Throws<ArgumentException>(() => Tb101MicroSpace.Format([3, 1, 3, 2, 0, 4]));
    }

    [Fact]
    public void Encodes_like_the_nb201_topology_with_its_own_six_node_types()
    {
        Assert.Equal(["input", "none", "skip_connect", "conv1x1", "conv3x3", "output"], space.NodeTypes);
        var g = space.Encode("64-41414-3_13_201");
        Assert.Equal([0, 4, 2, 4, 3, 1, 2, 5], g.NodeTypes);
        Assert.Equal(8, space.MaxNodes);
        var nb201 = new Nb201Space().Encode("|nor_conv_3x3~0|+|skip_connect~0|nor_conv_3x3~1|+|nor_conv_1x1~0|none~1|skip_connect~2|");
        Assert.Equal(nb201.Adjacency, g.Adjacency);
    }

    [Theory]
    [InlineData("64-41412-3_13_201", "must start with the micro macro-skeleton '64-41414-'", "found '64-41412-'")]
    [InlineData("32-41414-3_13_201", "must start with the micro macro-skeleton", "found '32-41414-'")]
    [InlineData("3_13_201", "expected the form '64-41414-a_bc_def', found no '-'", "")]
    [InlineData("64-41414-3_13_2011", "three '_'-separated groups of 1, 2 and 3 op codes", "found '3_13_2011'")]
    [InlineData("64-41414-31_3_201", "three '_'-separated groups of 1, 2 and 3 op codes", "")]
    [InlineData("64-41414-3_13", "three '_'-separated groups of 1, 2 and 3 op codes", "")]
    [InlineData("64-41414-", "three '_'-separated groups", "")]
    [InlineData("64-41414-3_14_201", "op code '4' on edge 1→2 is not one of 0 (none), 1 (skip_connect), 2 (conv1x1), 3 (conv3x3)", "")]
    [InlineData("64-41414-3_13_2x1", "op code 'x' on edge 1→3", "")]
    [InlineData("", "found no '-'", "")]
    public void Invalid_strings_say_what_is_wrong(string arch, string expected, string alsoExpected)
    {
        var e = Assert.Throws<ArchitectureFormatException>(() => space.Canonicalize(arch));
        Assert.Contains(expected, e.Message);
        Assert.Contains(alsoExpected, e.Message);
        Assert.Contains($"'{arch}'", e.Message);
    }

    [Fact]
    public void Enumerates_all_4096_distinct_canonical_cells()
    {
        var all = Tb101MicroSpace.Enumerate().ToArray();
        Assert.Equal(Tb101MicroSpace.Size, all.Length);
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.All(all, a => Assert.Equal(a, space.Canonicalize(a)));
        Assert.Equal("64-41414-0_00_000", all[0]);
        Assert.Equal("64-41414-3_33_333", all[^1]);
    }

    [Theory]
    [InlineData("64-41414-1_00_010", true)]    // 0→1→3
    [InlineData("64-41414-0_01_001", false)]   // 1→2 and 2→3 but nothing enters 1
    [InlineData("64-41414-0_00_100", true)]    // 0→3 directly
    [InlineData("64-41414-3_33_000", false)]
    public void Knows_which_cells_connect_input_to_output(string arch, bool connected) =>
        Assert.Equal(connected, Tb101MicroSpace.HasInputOutputPath(arch));

    [Fact]
    public void Skeleton_is_five_modules_of_two_cells_with_reductions_opening_the_41414_modules()
    {
        Assert.Equal(10, space.Skeleton.Cells.Count);
        Assert.Equal([0, 4, 8], space.Skeleton.ReductionPositions);
        Assert.Equal(CellKind.Normal, space.Skeleton.Cells[1]);
        Assert.Null(space.FixedReductionCell);
    }

    [Fact]
    public void Sampling_and_mutation_stay_in_the_space()
    {
        var rng = new Random(2);
        var seen = new HashSet<string>();
        for (int i = 0; i < 200; i++)
        {
            string a = space.Sample(rng), b = space.Mutate(a, rng);
            Assert.Equal(a, space.Canonicalize(a));
            Assert.Equal(b, space.Canonicalize(b));
            Assert.Equal(1, Tb101MicroSpace.Parse(a).Zip(Tb101MicroSpace.Parse(b)).Count(p => p.First != p.Second));
            seen.Add(a);
        }
        Assert.True(seen.Count > 150);
    }
}
