using NasSharp.Features;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb101;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.SearchSpaces.Tb101;

namespace NasSharp.Tests.Features;

public class UnifiedGraphFeaturesTests
{
    [Fact]
    public void Every_mapped_space_gets_the_same_feature_names()
    {
        var names = GraphFeatures.Unified(new Nb201Space()).Names;
        Assert.Equal(names, GraphFeatures.Unified(new Nb101Space()).Names);
        Assert.Equal(names, GraphFeatures.Unified(new Tb101MicroSpace()).Names);
        Assert.Equal(11 + 6 * 3 + 6 + 2, names.Count);
        Assert.Equal(["macro:cells", "macro:reductions"], names.TakeLast(2));
    }

    [Fact]
    public void Macro_features_describe_each_skeleton()
    {
        // NB201: 3 stages of 5 cells and 2 reductions; NB101: 3 stacks of 3 and 2; TB101 41414: 10 cells, reductions at 0, 4, 8.
        Assert.Equal([17, 2], Macro(new Nb201Space(), "|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|"));
        Assert.Equal([11, 2], Macro(new Nb101Space(), "010001000:input|conv3x3-bn-relu|output"));
        Assert.Equal([10, 3], Macro(new Tb101MicroSpace(), "64-41414-3_13_201"));
    }

    private static double[] Macro(ISearchSpace space, string arch)
    {
        var f = NamedFeatures.Of(GraphFeatures.Unified(space), arch);
        return [f["macro:cells"], f["macro:reductions"]];
    }

    [Fact]
    public void Unified_nb201_features_agree_with_the_nb201_ones_on_every_cell()
    {
        var space = new Nb201Space();
        var own = GraphFeatures.For(space);
        var unified = GraphFeatures.Unified(space);
        (string Unified, string Own)[] same =
        [
            ("count:conv3-d1", "count:nor_conv_3x3"), ("count:conv1-d1", "count:nor_conv_1x1"), ("count:skip", "count:skip_connect"),
            ("count:avgpool", "count:avg_pool_3x3"), ("count:zeroize", "count:none"),
            .. new[] { "paths", "min_path", "max_path" }.SelectMany(kind => new[]
            {
                ($"{kind}:conv3", $"{kind}:conv3x3"), ($"{kind}:convs", $"{kind}:convs"), ($"{kind}:skip", $"{kind}:skip"),
                ($"{kind}:pool", $"{kind}:pool"), ($"{kind}:convs+skip", $"{kind}:convs+skip"), ($"{kind}:all", $"{kind}:all"),
            }),
        ];
        foreach (string arch in ((ISearchSpace)space).Enumerate()!)
        {
            var u = NamedFeatures.Of(unified, arch);
            var o = NamedFeatures.Of(own, arch);
            foreach (var (a, b) in same) Assert.Equal(o[b], u[a]);
            // Ops-on-nodes: a live edge of the 4-node cell is a live op node; the input feeds the edges leaving node 0.
            Assert.Equal(6 - o["count:none"], u["live_ops"]);
            Assert.Equal(o["out_degree:0"], u["out_degree:input"]);
            Assert.Equal(o["in_degree:3"], u["in_degree:output"]);
            Assert.Equal(0, u["count:maxpool"] + u["count:linear"] + u["count:conv5-d1"]);
        }
    }

    [Fact]
    public void Unified_nb101_features_agree_with_the_nb101_ones()
    {
        var space = new Nb101Space();
        var own = GraphFeatures.For(space);
        var unified = GraphFeatures.Unified(space);
        var rng = new Random(9);
        for (int s = 0; s < 300; s++)
        {
            string arch = space.Sample(rng);
            var u = NamedFeatures.Of(unified, arch);
            var o = NamedFeatures.Of(own, arch);
            Assert.Equal(o["count:conv3x3-bn-relu"], u["count:conv3-d1"]);
            Assert.Equal(o["count:maxpool3x3"], u["count:maxpool"]);
            Assert.Equal(0, u["count:zeroize"]);
            foreach (string kind in new[] { "paths", "min_path", "max_path" })
            {
                Assert.Equal(o[$"{kind}:conv3x3-bn-relu"], u[$"{kind}:conv3"]);
                Assert.Equal(o[$"{kind}:conv3x3-bn-relu+conv1x1-bn-relu"], u[$"{kind}:convs"]);
                Assert.Equal(o[$"{kind}:maxpool3x3"], u[$"{kind}:pool"]);
                Assert.Equal(o[$"{kind}:all"], u[$"{kind}:all"]);
            }
            foreach (string degree in new[] { "live_ops", "live_edges", "out_degree:input", "in_degree:output", "max_in_degree", "max_out_degree" })
                Assert.Equal(o[degree], u[degree]);
        }
    }
}
