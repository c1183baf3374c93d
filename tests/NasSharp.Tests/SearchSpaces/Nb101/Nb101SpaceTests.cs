using System.IO.Compression;
using NasSharp.Data;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb101;

namespace NasSharp.Tests.SearchSpaces.Nb101;

public class Nb101SpaceTests
{
    private readonly Nb101Space space = new();

    private static IEnumerable<string[]> Rows(string file) =>
        File.ReadLines(TestData.Root.RequireFile("nb101", file)).Skip(1).Select(l => l.Split(','));

    [Fact]
    public void Hash_reproduces_the_benchmark_column_on_all_10000_rows()
    {
        int checkedRows = 0;
        foreach (var row in Rows("nb101_subset10k.csv"))
        {
            Assert.Equal(row[0], Nb101Space.Hash(row[2] + ":" + row[3]));
            checkedRows++;
        }
        Assert.Equal(10_000, checkedRows);
    }

    [Fact]
    public void Hash_reproduces_the_first_2000_rows_of_the_pool()
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(TestData.Root.RequireFile("nb101", "nb101_space.csv.gz")), CompressionMode.Decompress));
        reader.ReadLine();
        for (int i = 0; i < 2000; i++)
        {
            var row = reader.ReadLine()!.Split(',');
            Assert.Equal(row[0], Nb101Space.Hash(row[2] + ":" + row[3]));
        }
    }

    [Fact]
    public void Canonical_form_round_trips_and_keeps_the_hash()
    {
        var row = Rows("nb101_subset10k.csv").First();
        string canonical = space.Canonicalize(row[2] + ":" + row[3]);
        Assert.Equal(canonical, space.Canonicalize(canonical));
        Assert.Equal(row[0], Nb101Space.Hash(canonical));
        Assert.StartsWith("0101011001000000010000000100000001000000010000000:", row[2] + ":");
    }

    [Fact]
    public void Pruning_removes_vertices_off_every_input_output_path()
    {
        // vertex 2 has no outgoing edge (dead end) and vertex 3 no incoming edge: both go.
        string arch = "01101" + "00001" + "00000" + "00001" + "00000" + ":input|conv3x3-bn-relu|maxpool3x3|conv1x1-bn-relu|output";
        Assert.Equal("011001000:input|conv3x3-bn-relu|output", space.Canonicalize(arch));
        var g = space.Encode(arch);
        Assert.Equal(new[] { 0, 2, 4 }, g.NodeTypes);
    }

    [Theory]
    [InlineData("010001000input|conv3x3-bn-relu|output", "missing ':'")]
    [InlineData("010002000:input|conv3x3-bn-relu|output", "only hold '0' and '1'")]
    [InlineData("01000100:input|conv3x3-bn-relu|output", "8 bits")]
    [InlineData("010001000:input|conv5x5|output", "unknown operation 'conv5x5'")]
    [InlineData("010001000:conv3x3-bn-relu|conv3x3-bn-relu|output", "first operation must be 'input'")]
    [InlineData("010001000:input|conv3x3-bn-relu|maxpool3x3", "last operation must be 'output'")]
    [InlineData("010001100:input|conv3x3-bn-relu|output", "upper triangular")]
    [InlineData("000000000:input|conv3x3-bn-relu|output", "no path from input to output")]
    [InlineData("0000:input|output", "no path from input to output")]
    public void Invalid_cells_say_what_is_wrong(string arch, string expected)
    {
        var ex = Assert.Throws<ArchitectureFormatException>(() => space.Canonicalize(arch));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Too_many_vertices_or_edges_are_rejected()
    {
        string eight = new string('0', 64) + ":input|" + string.Join('|', Enumerable.Repeat("maxpool3x3", 6)) + "|output";
        Assert.Contains("at most 7", Assert.Throws<ArchitectureFormatException>(() => space.Canonicalize(eight)).Message);
        // every upper-triangular edge of a 7-vertex cell: 21 > 9.
        var bits = string.Concat(Enumerable.Range(0, 49).Select(k => k / 7 < k % 7 ? '1' : '0'));
        string full = bits + ":input|" + string.Join('|', Enumerable.Repeat("conv3x3-bn-relu", 5)) + "|output";
        Assert.Contains("21 edges; at most 9", Assert.Throws<ArchitectureFormatException>(() => space.Canonicalize(full)).Message);
    }

    [Fact]
    public void Sampling_is_seeded_and_valid_and_mutation_changes_the_cell()
    {
        var a = Enumerable.Range(0, 30).Select(_ => 0).ToArray();
        var r1 = new Random(5);
        var r2 = new Random(5);
        var s1 = a.Select(_ => space.Sample(r1)).ToArray();
        var s2 = a.Select(_ => space.Sample(r2)).ToArray();
        Assert.Equal(s1, s2);
        var rng = new Random(9);
        foreach (string arch in s1)
        {
            Assert.Equal(arch, space.Canonicalize(arch));
            string mutated = space.Mutate(arch, rng);
            Assert.Equal(mutated, space.Canonicalize(mutated));
            Assert.NotEqual(Nb101Space.Hash(arch), Nb101Space.Hash(mutated));
        }
    }

    [Fact]
    public void Skeleton_has_11_cells_with_reductions_at_3_and_7()
    {
        Assert.Equal(11, space.Skeleton.Cells.Count);
        Assert.Equal(new[] { 3, 7 }, space.Skeleton.ReductionPositions);
    }
}
