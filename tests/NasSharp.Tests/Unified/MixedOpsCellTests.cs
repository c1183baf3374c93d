using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.Unified;
using static NasSharp.Unified.UnifiedOperation;

namespace NasSharp.Tests.Unified;

public class MixedOpsCellTests
{
    private const string Example = "|conv5-d2~0|+|skip~0|zeroize~1|+|maxpool~0|linear~1|conv3-d1~2|";

    private static MixedOpsCell[] SampleMany(int seed, int count)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => MixedOpsCell.Sample(rng))];
    }

    [Fact]
    public void Sampling_is_deterministic_per_seed()
    {
        Assert.Equal(SampleMany(7, 50), SampleMany(7, 50));
        Assert.NotEqual(SampleMany(7, 50), SampleMany(8, 50));
    }

    [Fact]
    public void Samples_use_all_eleven_operations_on_every_edge_and_nothing_else()
    {
        var cells = SampleMany(0, 2000);
        for (int e = 0; e < 6; e++)
            Assert.Equal(UnifiedVocabulary.CellOperations.Order(), cells.Select(c => c.Operations[e]).Distinct().Order());
        Assert.Equal(MixedOpsCell.Size, (int)Math.Pow(11, 6));
    }

    [Fact]
    public void Samples_encode_to_valid_unified_graphs_on_the_nb201_topology()
    {
        var nb201Adjacency = new UnifiedEncoder(new Nb201Space()).Encode(new Nb201Space().Sample(new Random(0))).Adjacency;
        foreach (var cell in SampleMany(1, 200))
        {
            var g = cell.Encode();
            Assert.Equal(UnifiedEncoder.MaxNodes, g.NodeCount);
            Assert.Equal([(int)Input, .. cell.Operations.Select(o => (int)o), (int)Output, (int)Global], g.NodeTypes);
            Assert.Equal(nb201Adjacency, g.Adjacency);
            Assert.All(Enumerable.Range(0, 8), i => Assert.True(g.HasEdge(i, 8)));
        }
    }

    [Fact]
    public void String_form_round_trips()
    {
        var cell = MixedOpsCell.Parse(Example);
        Assert.Equal([Conv5D2, Skip, Zeroize, MaxPool, Linear, Conv3D1], cell.Operations);
        Assert.Equal(Example, cell.ToString());
        Assert.All(SampleMany(2, 200), c => Assert.Equal(c, MixedOpsCell.Parse(c.ToString())));
    }

    [Theory]
    [InlineData("|conv5-d2~0|+|skip~0|zeroize~1|", "expected 3 node groups")]
    [InlineData("|conv9-d1~0|+|skip~0|zeroize~1|+|maxpool~0|linear~1|conv3-d1~2|", "unknown operation 'conv9-d1'")]
    [InlineData("|global~0|+|skip~0|zeroize~1|+|maxpool~0|linear~1|conv3-d1~2|", "unknown operation 'global'")]
    [InlineData("|skip~1|+|skip~0|zeroize~1|+|maxpool~0|linear~1|conv3-d1~2|", "expected source node 0")]
    [InlineData("|skip~0|+|skip~0|+|maxpool~0|linear~1|conv3-d1~2|", "node 2 must have 2 incoming edge(s)")]
    [InlineData("|skip0|+|skip~0|zeroize~1|+|maxpool~0|linear~1|conv3-d1~2|", "must look like op~0")]
    [InlineData("skip~0|+|skip~0|zeroize~1|+|maxpool~0|linear~1|conv3-d1~2|", "must start and end with '|'")]
    public void Invalid_strings_say_what_is_wrong(string text, string expected)
    {
        var e = Assert.Throws<ArchitectureFormatException>(() => MixedOpsCell.Parse(text));
        Assert.Contains(expected, e.Message);
        Assert.Contains(text, e.Message);
    }

    [Fact]
    public void Only_six_cell_operations_make_a_cell()
    {
        Assert.Throws<ArgumentException>(() => new MixedOpsCell([Skip, Skip, Skip, Skip, Skip]));
        Assert.Contains("not Global", Assert.Throws<ArgumentException>(() => new MixedOpsCell([Skip, Skip, Global, Skip, Skip, Skip])).Message);
        Assert.Throws<ArgumentException>(() => new MixedOpsCell([Skip, Skip, Input, Skip, Skip, (UnifiedOperation)99]));
    }
}
