using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb101;

namespace NasSharp.Tests.SearchSpaces.Nb101;

public class Nb101KeyAndNeighboursTests
{
    private const string Chain = "010001000:input|conv3x3-bn-relu|output";
    private readonly ISearchSpace space = new Nb101Space();

    [Fact]
    public void Key_is_the_module_hash_of_the_table()
    {
        foreach (var row in File.ReadLines(TestData.Root.RequireFile("nb101", "nb101_subset10k.csv")).Skip(1).Take(300))
        {
            var fields = row.Split(',');
            Assert.Equal(fields[0], space.Key(fields[2] + ":" + fields[3]));
        }
    }

    [Fact]
    public void The_space_cannot_enumerate_itself()
    {
        Assert.Null(space.Enumerate());
    }

    [Fact]
    public void Neighbours_of_a_chain_worked_by_hand()
    {
        Assert.Equal(
        [
            "011001000:input|conv3x3-bn-relu|output",                 // edge input→output added
            "010001000:input|conv1x1-bn-relu|output",                 // the operation changed
            "010001000:input|maxpool3x3|output",
            "0100001100010000:input|conv3x3-bn-relu|conv3x3-bn-relu|output",   // a vertex of each op between 1 and the output
            "0100001100010000:input|conv3x3-bn-relu|conv1x1-bn-relu|output",
            "0100001100010000:input|conv3x3-bn-relu|maxpool3x3|output",
        ], space.Neighbours(Chain));
    }

    [Theory]
    [InlineData(Chain)]
    [InlineData("0110000010000100000100000:input|conv1x1-bn-relu|maxpool3x3|conv3x3-bn-relu|output")]
    public void Neighbours_are_exactly_what_mutate_reaches(string arch)
    {
        // Every move has probability ≥ 1/81 here; 3,000 seeded draws reach each one (a miss has odds below e^-37).
        var rng = new Random(2);
        var reached = Enumerable.Range(0, 3000).Select(_ => space.Key(space.Mutate(arch, rng))).ToHashSet();
        var neighbours = space.Neighbours(arch);
        Assert.Equal(reached, neighbours.Select(space.Key).ToHashSet());
    }

    [Fact]
    public void Neighbours_are_valid_distinct_canonical_and_never_the_cell_itself()
    {
        var rng = new Random(4);
        for (int i = 0; i < 40; i++)
        {
            string arch = space.Sample(rng);
            var neighbours = space.Neighbours(arch);
            var keys = neighbours.Select(space.Key).ToList();
            Assert.NotEmpty(neighbours);
            Assert.Equal(keys.Count, keys.Distinct().Count());
            Assert.DoesNotContain(space.Key(arch), keys);
            Assert.All(neighbours, n => Assert.Equal(n, space.Canonicalize(n)));
            for (int k = 0; k < 5; k++) Assert.Contains(space.Key(space.Mutate(arch, rng)), keys);
        }
    }
}
