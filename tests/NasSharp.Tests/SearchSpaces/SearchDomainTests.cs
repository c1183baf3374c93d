using NasSharp.Benchmarks;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb101;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.SearchSpaces.Tb101;

namespace NasSharp.Tests.SearchSpaces;

/// <summary>The NB101 table's 10,000 cells as a restricted domain, built once (hashing them takes about a second).</summary>
public sealed class Nb101TableDomain
{
    public BenchmarkTable Table { get; } = BenchmarkCatalog.LoadNb101(TestData.Root);

    public SearchDomain Domain { get; }

    public Nb101TableDomain() => Domain = SearchDomain.Restricted(new Nb101Space(), Table.Architectures);
}

public class SearchDomainTests(Nb101TableDomain nb101) : IClassFixture<Nb101TableDomain>
{
    private const string Nb201Best = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|";

    [Fact]
    public void Whole_nb201_holds_one_member_per_isomorphism_class()
    {
        var domain = SearchDomain.Whole(new Nb201Space());
        Assert.Equal(6466, domain.Size);
        Assert.Equal(6466, domain.Members!.Select(domain.Key).Distinct().Count());
        // First spelling of each key in enumeration order.
        Assert.Equal(Nb201Space.Enumerate().Select(c => c.ToString()).DistinctBy(a => new Nb201Space().Key(a)), domain.Members);
        Assert.True(domain.Contains(Nb201Best));
    }

    [Fact]
    public void Whole_nb201_mutations_are_member_spellings_of_a_neighbour_key()
    {
        var domain = SearchDomain.Whole(new Nb201Space());
        var members = domain.Members!.ToHashSet();
        var rng = new Random(11);
        for (int i = 0; i < 500; i++)
        {
            string arch = domain.Sample(rng);
            Assert.Contains(arch, members);
            string mutated = domain.Mutate(arch, rng);
            Assert.Contains(mutated, members);
            Assert.NotEqual(domain.Key(arch), domain.Key(mutated));
            var neighbours = domain.Neighbours(arch);
            Assert.All(neighbours, n => Assert.Contains(n, members));
            Assert.Contains(mutated, neighbours);
            Assert.Equal(domain.Space.Neighbours(arch).Select(domain.Key), neighbours.Select(domain.Key));
        }
    }

    [Fact]
    public void Whole_nb101_has_no_member_list_and_mutates_to_another_hash()
    {
        var domain = SearchDomain.Whole(new Nb101Space());
        Assert.Null(domain.Members);
        Assert.Null(domain.Size);
        var rng = new Random(3);
        for (int i = 0; i < 30; i++)
        {
            string arch = domain.Sample(rng), mutated = domain.Mutate(arch, rng);
            Assert.True(domain.Contains(mutated));
            Assert.NotEqual(domain.Key(arch), domain.Key(mutated));
        }
        Assert.Throws<ArchitectureFormatException>(() => domain.Contains("not a cell"));
    }

    [Fact]
    public void Restricted_nb101_table_mutations_stay_inside_and_change_the_hash()
    {
        var domain = nb101.Domain;
        Assert.Equal(10_000, domain.Size);
        var rng = new Random(7);
        int oneEdit = 0;
        for (int i = 0; i < 1000; i++)
        {
            string arch = domain.Sample(rng), mutated = domain.Mutate(arch, rng);
            Assert.Equal(domain.Members![nb101.Table.IndexOf(mutated)], mutated);
            Assert.NotEqual(domain.Key(arch), domain.Key(mutated));
            if (domain.Space.Neighbours(arch).Contains(mutated)) oneEdit++;
        }
        // Sparse: 10,000 of 423,624 cells, yet some mutations are true one-edit moves.
        Assert.InRange(oneEdit, 1, 999);
    }

    [Fact]
    public void Restricted_nb101_one_edit_members_are_preferred()
    {
        var domain = nb101.Domain;
        var space = domain.Space;
        var members = domain.Members!.ToDictionary(domain.Key);
        int checkedCells = 0;
        for (int i = 0; i < domain.Size && checkedCells < 5; i += 37)
        {
            string arch = domain.Members![i];
            // One-edit moves without pruning keep the 7-slot layout: edge flips and op changes of the padded cell.
            var sameLayout = space.Neighbours(arch)
                .Where(n => Nb101Cell.Parse(n).VertexCount == Nb101Cell.Parse(arch).VertexCount)
                .Where(n => members.TryGetValue(domain.Key(n), out var m) && m == n)
                .ToHashSet();
            if (sameLayout.Count == 0) continue;
            checkedCells++;
            var neighbours = domain.Neighbours(arch);
            Assert.Subset(neighbours.ToHashSet(), sameLayout);
            Assert.All(neighbours, n => Assert.Equal(Nb101Cell.Parse(arch).VertexCount, Nb101Cell.Parse(n).VertexCount));
        }
        Assert.True(checkedCells > 0);
    }

    [Fact]
    public void Restricted_nb201_neighbours_are_the_members_at_the_fewest_changed_edges()
    {
        var space = new Nb201Space();
        var rng = new Random(21);
        var memberCells = Enumerable.Range(0, 400).Select(_ => space.Sample(rng)).ToList();
        var domain = SearchDomain.Restricted(space, memberCells);
        var ops = domain.Members!.ToDictionary(m => m, m => Nb201Cell.Parse(m).OperationIndices);
        for (int c = 0; c < 60; c++)
        {
            string arch = space.Sample(rng);
            var own = Nb201Cell.Parse(arch).OperationIndices;
            string key = space.Key(arch);
            var others = domain.Members!.Where(m => space.Key(m) != key).ToList();
            int Distance(string m) => Enumerable.Range(0, 6).Count(e => ops[m][e] != own[e]);
            int best = others.Min(Distance);
            Assert.Equal(others.Where(m => Distance(m) == best), domain.Neighbours(arch));
            Assert.Contains(domain.Mutate(arch, rng), domain.Neighbours(arch));
        }
    }

    [Fact]
    public void Restricted_members_are_canonical_deduplicated_by_key_in_input_order()
    {
        var space = new Nb201Space();
        string a = "|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|none~1|nor_conv_3x3~2|";
        string aTwin = "|avg_pool_3x3~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|none~1|nor_conv_3x3~2|";   // dead edge 0→1
        var domain = SearchDomain.Restricted(space, [" " + Nb201Best + " ", aTwin, a, Nb201Best]);
        Assert.Equal([Nb201Best, aTwin], domain.Members);
        Assert.Equal(2, domain.Size);
        Assert.True(domain.Contains(a));
        Assert.Equal(aTwin, domain.Mutate(Nb201Best, new Random(1)));
        Assert.Equal(Nb201Best, domain.Mutate(a, new Random(1)));

        // NB101: the table's padded 7×7 spelling becomes the pruned canonical string.
        var nb101Domain = SearchDomain.Restricted(new Nb101Space(), ["0100000001000000000000000000000000000000000000000:input|conv3x3-bn-relu|output"]);
        Assert.Equal(["010001000:input|conv3x3-bn-relu|output"], nb101Domain.Members);
    }

    [Fact]
    public void Sampling_is_uniform_over_keys_and_reaches_every_member()
    {
        var space = new Tb101MicroSpace();
        // 0_00_202 and 0_00_212 are one network: the domain has 3 members, the twin is never drawn.
        var domain = SearchDomain.Restricted(space, ["64-41414-0_00_202", "64-41414-0_00_212", "64-41414-3_33_333", "64-41414-1_11_111"]);
        var rng = new Random(0);
        var counts = Enumerable.Range(0, 600).Select(_ => domain.Sample(rng)).CountBy(a => a).ToDictionary();
        Assert.Equal(["64-41414-0_00_202", "64-41414-1_11_111", "64-41414-3_33_333"], counts.Keys.Order());
        Assert.All(counts.Values, n => Assert.InRange(n, 150, 250));
    }

    [Fact]
    public void Restricted_tb101_table_has_690_networks()
    {
        var table = BenchmarkCatalog.LoadTb101(TestData.Root);
        var domain = SearchDomain.Restricted(new Tb101MicroSpace(), table.Architectures);
        Assert.Equal(690, domain.Size);
        var rng = new Random(8);
        for (int i = 0; i < 200; i++)
        {
            string arch = domain.Sample(rng), mutated = domain.Mutate(arch, rng);
            Assert.True(table.IndexOf(mutated) >= 0);
            Assert.NotEqual(domain.Key(arch), domain.Key(mutated));
        }
    }

    [Fact]
    public void A_domain_covers_its_space_only_when_it_holds_every_key()
    {
        var nb201 = new Nb201Space();
        var all = Nb201Space.Enumerate().Select(c => c.ToString()).ToArray();
        Assert.True(SearchDomain.Whole(nb201).CoversSpace);
        // NB201's table holds every cell, so as a restricted domain it still covers the space; one key fewer does not.
        Assert.True(SearchDomain.Restricted(nb201, all).CoversSpace);
        string best = nb201.Key(Nb201Best);
        Assert.False(SearchDomain.Restricted(nb201, [.. all.Where(a => nb201.Key(a) != best)]).CoversSpace);
        Assert.False(nb101.Domain.CoversSpace);
        Assert.False(SearchDomain.Restricted(new Tb101MicroSpace(), BenchmarkCatalog.LoadTb101(TestData.Root).Architectures).CoversSpace);
        // So predictor-guided search mixes random candidates into the partial domains only, unless told otherwise.
        var loop = new NasSharp.Search.Strategies.PredictorGuidedConfig();
        Assert.Equal(0, loop.RandomCandidatesIn(SearchDomain.Whole(nb201)));
        Assert.Equal(loop.Candidates / 2, loop.RandomCandidatesIn(nb101.Domain));
        Assert.Equal(7, (loop with { RandomCandidates = 7 }).RandomCandidatesIn(SearchDomain.Whole(nb201)));
    }

    [Fact]
    public void Same_seed_same_samples_and_mutations()
    {
        var whole = SearchDomain.Whole(new Nb201Space());
        Assert.Equal(Walk(whole, 5), Walk(whole, 5));
        Assert.Equal(Walk(nb101.Domain, 5), Walk(nb101.Domain, 5));
        Assert.NotEqual(Walk(nb101.Domain, 5), Walk(nb101.Domain, 6));

        static List<string> Walk(SearchDomain domain, int seed)
        {
            var rng = new Random(seed);
            var steps = new List<string> { domain.Sample(rng) };
            for (int i = 0; i < 50; i++) steps.Add(i % 5 == 0 ? domain.Sample(rng) : domain.Mutate(steps[^1], rng));
            return steps;
        }
    }

    [Fact]
    public void Bad_members_are_named()
    {
        var space = new Nb201Space();
        var e = Assert.Throws<ArchitectureFormatException>(() => SearchDomain.Restricted(space, [Nb201Best, "|conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|"]));
        Assert.StartsWith("Search domain member 2 '|conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|' is not an architecture of nb201: ", e.Message);
        Assert.Contains("unknown operation 'conv_5x5'", e.Message);
        var empty = Assert.Throws<ArgumentException>(() => SearchDomain.Restricted(space, []));
        Assert.Contains("needs at least one architecture; the member list is empty", empty.Message);
        var single = SearchDomain.Restricted(space, [Nb201Best]);
        Assert.Contains("holds only", Assert.Throws<InvalidOperationException>(() => single.Mutate(Nb201Best, new Random(0))).Message);
        Assert.Throws<ArchitectureFormatException>(() => single.Contains("nonsense"));
    }
}
