using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb201;

namespace NasSharp.Tests.SearchSpaces.Nb201;

public class Nb201SpaceTests
{
    private const string Best = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|";
    private readonly Nb201Space space = new();

    [Fact]
    public void Parse_and_format_round_trip_every_cell()
    {
        foreach (var cell in Nb201Space.Enumerate())
            Assert.Equal(cell, Nb201Cell.Parse(cell.ToString()));
    }

    [Fact]
    public void Enumeration_covers_the_space_once()
    {
        var all = Nb201Space.Enumerate().Select(c => c.ToString()).ToList();
        Assert.Equal(Nb201Space.Size, all.Count);
        Assert.Equal(Nb201Space.Size, all.Distinct().Count());
    }

    [Theory]
    [InlineData("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|", "expected 3 node groups")]
    [InlineData("|conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|", "unknown operation 'conv_5x5'")]
    [InlineData("|none~1|+|none~0|none~1|+|none~0|none~1|none~2|", "expected source node 0")]
    [InlineData("|none~0|+|none~0|+|none~0|none~1|none~2|", "node 2 must have 2 incoming edge(s)")]
    [InlineData("none~0|+|none~0|none~1|+|none~0|none~1|none~2|", "must start and end with '|'")]
    [InlineData("|none0|+|none~0|none~1|+|none~0|none~1|none~2|", "must look like op~0")]
    public void Invalid_strings_say_what_is_wrong(string text, string expected)
    {
        var ex = Assert.Throws<ArchitectureFormatException>(() => space.Canonicalize(text));
        Assert.Contains(expected, ex.Message);
        Assert.Contains(text, ex.Message);
    }

    [Fact]
    public void Ops_on_nodes_encoding_links_edges_through_their_shared_node()
    {
        var g = space.Encode(Best);
        Assert.Equal(8, g.NodeCount);
        Assert.Equal(new[] { 0, 4, 4, 4, 2, 4, 3, 6 }, g.NodeTypes);
        // input feeds the three edges leaving node 0; edges into node 3 feed the output.
        Assert.True(g.HasEdge(0, 1) && g.HasEdge(0, 2) && g.HasEdge(0, 4));
        Assert.True(g.HasEdge(4, 7) && g.HasEdge(5, 7) && g.HasEdge(6, 7));
        // edge 0→1 feeds edges leaving node 1 (1→2, 1→3); edge 1→2 feeds 2→3.
        Assert.True(g.HasEdge(1, 3) && g.HasEdge(1, 5) && g.HasEdge(3, 6));
        // input→3, 3→output, 0→1 feeds two edges, 0→2 and 1→2 feed one each.
        Assert.Equal(3 + 3 + 2 + 1 + 1, g.EdgeCount);
        for (int i = 0; i < 8; i++)
            for (int j = 0; j <= i; j++)
                Assert.False(g.HasEdge(i, j));
    }

    [Fact]
    public void Isomorphism_classes_match_the_benchmark_count() =>
        Assert.Equal(6466, Nb201Space.Enumerate().Select(c => c.IsomorphismKey()).Distinct().Count());

    [Fact]
    public void Skip_chains_and_dead_branches_are_isomorphic()
    {
        // node 1 unused when all of its outgoing edges are none: the op on 0→1 does not matter.
        var a = Nb201Cell.Parse("|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|none~1|nor_conv_3x3~2|");
        var b = Nb201Cell.Parse("|avg_pool_3x3~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|none~1|nor_conv_3x3~2|");
        Assert.Equal(a.IsomorphismKey(), b.IsomorphismKey());
        Assert.NotEqual(a.IsomorphismKey(), Nb201Cell.Parse(Best).IsomorphismKey());
    }

    [Fact]
    public void Sampling_is_seeded_and_mutation_changes_exactly_one_edge()
    {
        var s1 = Enumerable.Range(0, 20).Select(_ => 0).Aggregate((new Random(3), new List<string>()), (acc, _) => { acc.Item2.Add(space.Sample(acc.Item1)); return acc; }).Item2;
        var s2 = Enumerable.Range(0, 20).Select(_ => 0).Aggregate((new Random(3), new List<string>()), (acc, _) => { acc.Item2.Add(space.Sample(acc.Item1)); return acc; }).Item2;
        Assert.Equal(s1, s2);
        var rng = new Random(1);
        foreach (string arch in s1)
        {
            var before = Nb201Cell.Parse(arch).OperationIndices;
            var after = Nb201Cell.Parse(space.Mutate(arch, rng)).OperationIndices;
            Assert.Equal(1, before.Zip(after).Count(p => p.First != p.Second));
        }
    }

    [Fact]
    public void Skeleton_has_17_cells_with_reductions_at_5_and_11()
    {
        Assert.Equal(17, space.Skeleton.Cells.Count);
        Assert.Equal(new[] { 5, 11 }, space.Skeleton.ReductionPositions);
    }

    [Fact]
    public void Input_output_path_follows_none_edges()
    {
        Assert.True(Nb201Cell.Parse(Best).HasInputOutputPath());
        Assert.False(Nb201Cell.Parse("|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|nor_conv_3x3~2|").HasInputOutputPath());
    }
}
