using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Tb101;

namespace NasSharp.Tests.SearchSpaces.Tb101;

public class Tb101MicroSpaceTests
{
    private readonly Tb101MicroSpace space = new();

    [Fact]
    public void Parses_formats_and_encodes_like_the_nb201_topology()
    {
        Assert.Equal(new[] { 3, 1, 3, 2, 0, 1 }, Tb101MicroSpace.Parse("64-41414-3_13_201"));
        Assert.Equal("64-41414-3_13_201", space.Canonicalize(" 64-41414-3_13_201 "));
        var g = space.Encode("64-41414-3_13_201");
        Assert.Equal(new[] { 0, 4, 2, 4, 3, 1, 2, 5 }, g.NodeTypes);
        Assert.Equal(new NasSharp.SearchSpaces.Nb201.Nb201Space().Encode(
            "|nor_conv_3x3~0|+|skip_connect~0|nor_conv_3x3~1|+|nor_conv_1x1~0|none~1|skip_connect~2|").Adjacency, g.Adjacency);
    }

    [Theory]
    [InlineData("64-41412-3_13_201", "must start with the micro macro-skeleton")]
    [InlineData("64-41414-3_13_2011", "three '_'-separated groups of 1, 2 and 3")]
    [InlineData("64-41414-31_3_201", "three '_'-separated groups of 1, 2 and 3")]
    [InlineData("64-41414-3_14_201", "op code '4' is not one of")]
    public void Invalid_strings_say_what_is_wrong(string arch, string expected) =>
        Assert.Contains(expected, Assert.Throws<ArchitectureFormatException>(() => space.Canonicalize(arch)).Message);

    [Fact]
    public void Sampling_and_mutation_stay_in_the_space()
    {
        var rng = new Random(2);
        for (int i = 0; i < 50; i++)
        {
            string a = space.Sample(rng), b = space.Mutate(a, rng);
            Assert.Equal(a, space.Canonicalize(a));
            Assert.Equal(1, Tb101MicroSpace.Parse(a).Zip(Tb101MicroSpace.Parse(b)).Count(p => p.First != p.Second));
        }
        Assert.Equal(new[] { 0, 2, 4 }, space.Skeleton.ReductionPositions);
    }
}
