using NasSharp.Benchmarks;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Tb101;

namespace NasSharp.Tests.SearchSpaces.Tb101;

public class Tb101KeyAndNeighboursTests
{
    private readonly ISearchSpace space = new Tb101MicroSpace();

    [Fact]
    public void Cells_of_one_key_have_identical_results_on_every_task_in_the_table()
    {
        var table = BenchmarkCatalog.LoadTb101(TestData.Root);
        var groups = Enumerable.Range(0, table.Count).GroupBy(r => space.Key(table.Architectures[r])).ToList();
        Assert.Equal(690, groups.Count);
        Assert.Equal(19, groups.Count(g => g.Count() > 1));
        foreach (var metric in table.Metrics)
        {
            var values = table.Values(metric.Name);
            foreach (var g in groups)
                Assert.All(g, r => Assert.Equal(values[g.First()], values[r]));
        }
    }

    [Fact]
    public void Only_skips_out_of_zero_nodes_are_merged()
    {
        // Node 1 and node 2 receive only none: skip 1→3 passes zeros like none does.
        Assert.Equal(space.Key("64-41414-0_00_202"), space.Key("64-41414-0_00_212"));
        Assert.Equal("64-41414-0_00_202", space.Key("64-41414-0_00_212"));
        // A conv of a zero node still adds its BatchNorm shift and FLOPs: another network (the table's values differ).
        Assert.NotEqual(space.Key("64-41414-0_00_202"), space.Key("64-41414-0_00_222"));
        // Zero propagates: node 2 gets only a skip of the zero node 1, so it is zero and its skip to 3 is too.
        Assert.Equal("64-41414-0_00_200", space.Key("64-41414-0_01_211"));
        // Swapping the ops out of two equal nodes is not merged: TransNAS trains these to different values (52.39 vs
        // 53.13 % on class_scene).
        Assert.NotEqual(space.Key("64-41414-2_20_302"), space.Key("64-41414-2_20_320"));
    }

    [Fact]
    public void Keys_are_members_of_their_own_class_and_split_the_space_into_3588()
    {
        var all = space.Enumerate()!;
        Assert.Equal(Tb101MicroSpace.Enumerate(), all);
        Assert.All(all, a => Assert.Equal(space.Key(a), space.Key(space.Key(a))));
        Assert.Equal(3588, all.Select(space.Key).Distinct().Count());
    }

    [Fact]
    public void Neighbours_are_every_other_key_at_one_changed_edge()
    {
        var all = space.Enumerate()!;
        var ops = all.Select(Tb101MicroSpace.Parse).ToArray();
        for (int c = 0; c < all.Count; c += 7)
        {
            string own = space.Key(all[c]);
            var expected = Enumerable.Range(0, all.Count)
                .Where(o => Enumerable.Range(0, 6).Count(e => ops[o][e] != ops[c][e]) == 1)
                .Select(o => space.Key(all[o]))
                .Where(k => k != own)
                .ToHashSet();
            var neighbours = space.Neighbours(all[c]);
            Assert.Equal(neighbours.Count, neighbours.Select(space.Key).Distinct().Count());
            Assert.Equal(expected, neighbours.Select(space.Key).ToHashSet());
            Assert.All(neighbours, n => Assert.Equal(n, space.Canonicalize(n)));
            Assert.InRange(neighbours.Count, 1, 18);
        }
    }

    [Fact]
    public void Mutate_lands_in_the_neighbours_or_on_its_own_key()
    {
        var rng = new Random(9);
        for (int i = 0; i < 300; i++)
        {
            string arch = space.Sample(rng), mutated = space.Mutate(arch, rng);
            Assert.Contains(space.Key(mutated), space.Neighbours(arch).Select(space.Key).Append(space.Key(arch)));
        }
    }
}
