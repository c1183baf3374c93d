using NasSharp.Features;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb201;

namespace NasSharp.Tests.Features;

public class Nb201GraphFeaturesTests
{
    private static readonly Nb201Space Space = new();
    private static readonly IArchitectureFeaturizer Features = GraphFeatures.For(Space);

    private static Dictionary<string, double> Named(string arch) => NamedFeatures.Of(Features, arch);

    [Fact]
    public void Names_are_the_issue_15_list()
    {
        string[] subsets = ["conv3x3", "convs", "skip", "pool", "convs+skip", "all"];
        string[] expected =
        [
            "count:none", "count:skip_connect", "count:nor_conv_1x1", "count:nor_conv_3x3", "count:avg_pool_3x3",
            .. subsets.SelectMany(s => new[] { $"paths:{s}", $"min_path:{s}", $"max_path:{s}" }),
            "out_degree:0", "in_degree:1", "out_degree:1", "in_degree:2", "out_degree:2", "in_degree:3",
        ];
        Assert.Equal(expected, Features.Names);
    }

    [Fact]
    public void Hand_checked_cell_with_every_edge_live()
    {
        // Edges 0→1 conv3, 0→2 none, 1→2 none, 0→3 skip, 1→3 conv3, 2→3 conv1. Live: all but the two nones. Paths:
        // 0→3 (skip, 1 op) and 0→1→3 (conv3, conv3: 2 ops); 0→2 is none, so node 2 is zero and 2→3 is dead.
        const string arch = "|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|";
        var f = Named(arch);
        Assert.Equal([3, 1, 0, 2, 0], Counts(f));
        Assert.Equal([1, 2, 2], NamedFeatures.Path(f, "conv3x3"));
        Assert.Equal([1, 2, 2], NamedFeatures.Path(f, "convs"));
        Assert.Equal([1, 1, 1], NamedFeatures.Path(f, "skip"));
        Assert.Equal([0, 0, 0], NamedFeatures.Path(f, "pool"));
        Assert.Equal([2, 1, 2], NamedFeatures.Path(f, "convs+skip"));
        Assert.Equal([2, 1, 2], NamedFeatures.Path(f, "all"));
        // out(0) = {0→1, 0→3}; in(1) = {0→1}; out(1) = {1→3}; node 2 has no live edge; in(3) = {0→3, 1→3}.
        Assert.Equal([2, 1, 1, 0, 0, 2], NamedFeatures.FourNodeDegrees(f));
    }

    [Fact]
    public void A_cell_gets_the_features_of_its_key_class_representative()
    {
        // 0→1 conv3, 1→2 conv3, 2→3 skip, 0→3 skip computes x + conv3(conv3(x)), as the representative above does
        // (the NB201 key sums node terms flat); read literally its conv-only path count would be 0, not 1.
        const string arch = "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|skip_connect~2|";
        const string representative = "|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
        Assert.Equal(Space.Key(representative), Space.Key(arch));
        Assert.Equal(representative, new ClassRepresentatives(Space).Of(arch));
        Assert.Equal(Features.Compute(representative), Features.Compute(arch));
        Assert.Equal([1, 2, 2], NamedFeatures.Path(Named(arch), "conv3x3"));
    }

    [Fact]
    public void Hand_checked_cell_with_dead_edges_counts_them_as_none()
    {
        // 0→1 none makes node 1 zero, so 1→2 (pool) and 1→3 (conv1) are dead; 2→3 none makes 0→2 (conv3) dead.
        // Only 0→3 conv1 is live: counts none 5, conv1 1; one path of 1 op for convs, convs+skip and all.
        var f = Named("|none~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|nor_conv_1x1~0|nor_conv_1x1~1|none~2|");
        Assert.Equal([5, 0, 1, 0, 0], Counts(f));
        Assert.Equal([0, 0, 0], NamedFeatures.Path(f, "conv3x3"));
        Assert.Equal([1, 1, 1], NamedFeatures.Path(f, "convs"));
        Assert.Equal([0, 0, 0], NamedFeatures.Path(f, "pool"));
        Assert.Equal([1, 1, 1], NamedFeatures.Path(f, "all"));
        Assert.Equal([1, 0, 0, 0, 0, 1], NamedFeatures.FourNodeDegrees(f));
    }

    [Fact]
    public void Fully_convolutional_cell_has_all_four_paths()
    {
        // All 6 edges conv3: paths 0→3, 0→1→3, 0→2→3, 0→1→2→3 (lengths 1, 2, 2, 3); degrees 3,1,2,2,1,3.
        var f = Named("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|");
        Assert.Equal([4, 1, 3], NamedFeatures.Path(f, "conv3x3"));
        Assert.Equal([0, 0, 0], NamedFeatures.Path(f, "skip"));
        Assert.Equal([3, 1, 2, 2, 1, 3], NamedFeatures.FourNodeDegrees(f));
        Assert.Equal(6, f["count:nor_conv_3x3"]);
    }

    [Fact]
    public void Path_features_of_every_cell_match_the_four_paths_of_its_representative()
    {
        // The 4-node cell has exactly four input→output paths; list them and check their edge operations directly.
        int[][] cellPaths = [[3], [0, 4], [1, 5], [0, 2, 5]];   // edge indices: 0→3; 0→1→3; 0→2→3; 0→1→2→3
        var subsets = new Dictionary<string, string[]>
        {
            ["conv3x3"] = ["nor_conv_3x3"],
            ["convs"] = ["nor_conv_3x3", "nor_conv_1x1"],
            ["skip"] = ["skip_connect"],
            ["pool"] = ["avg_pool_3x3"],
            ["convs+skip"] = ["nor_conv_3x3", "nor_conv_1x1", "skip_connect"],
            ["all"] = ["nor_conv_3x3", "nor_conv_1x1", "skip_connect", "avg_pool_3x3"],
        };
        var representatives = new ClassRepresentatives(Space);
        foreach (var cell in Nb201Space.Enumerate())
        {
            var f = Named(cell.ToString());
            var ops = Nb201Cell.Parse(representatives.Of(cell.ToString())).OperationIndices.Select(o => Nb201Cell.Operations[o]).ToArray();
            foreach (var (name, allowed) in subsets)
            {
                int[] lengths = [.. cellPaths.Where(p => p.All(e => allowed.Contains(ops[e]))).Select(p => p.Length)];
                double[] expected = lengths.Length == 0 ? [0, 0, 0] : [lengths.Length, lengths.Min(), lengths.Max()];
                Assert.Equal(expected, NamedFeatures.Path(f, name));
            }
            Assert.Equal(6, Counts(f).Sum());
            // No path through non-none operations ⇔ the cell outputs zeros ⇔ nothing is live.
            Assert.Equal(!cell.HasInputOutputPath(), f["paths:all"] == 0);
            Assert.Equal(f["paths:all"] == 0, f["count:none"] == 6);
        }
    }

    [Fact]
    public void Cells_with_one_key_share_their_features()
    {
        var byKey = new Dictionary<string, double[]>();
        int merged = 0;
        foreach (string arch in ((ISearchSpace)Space).Enumerate()!)
        {
            double[] f = Features.Compute(arch);
            if (byKey.TryGetValue(Space.Key(arch), out var first))
            {
                Assert.Equal(first, f);
                merged++;
            }
            else byKey.Add(Space.Key(arch), f);
        }
        Assert.Equal(Nb201Space.Size - 6466, merged);
    }

    [Fact]
    public void An_arbitrary_cell_string_is_canonicalised_and_a_bad_one_is_refused()
    {
        const string arch = "|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|";
        Assert.Equal(Features.Compute(arch), Features.Compute("  " + arch + " "));
        var e = Assert.Throws<ArchitectureFormatException>(() => Features.Compute("|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|"));
        Assert.Contains("unknown operation 'conv'", e.Message);
    }

    private static double[] Counts(Dictionary<string, double> f) =>
        [.. Nb201Cell.Operations.Select(o => f[$"count:{o}"])];

}
