using NasSharp.Benchmarks;
using NasSharp.Data;
using NasSharp.Graphs;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb101;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.SearchSpaces.Tb101;

namespace NasSharp.Tests.SearchSpaces;

public class SearchSpaceCatalogTests
{
    [Fact]
    public void Every_entry_creates_the_space_of_its_name()
    {
        Assert.Equal(["nb201", "nb101", "tb101"], SearchSpaceCatalog.Names);
        Assert.IsType<Nb201Space>(SearchSpaceCatalog.Get("nb201"));
        Assert.IsType<Nb101Space>(SearchSpaceCatalog.Get("NB101"));
        Assert.IsType<Tb101MicroSpace>(SearchSpaceCatalog.Get("tb101"));
        foreach (var entry in SearchSpaceCatalog.Entries)
        {
            Assert.Equal(entry.Name, entry.Create().Name);
            Assert.NotSame(entry.Create(), entry.Create());
            Assert.False(string.IsNullOrWhiteSpace(entry.Description));
            // A pool file exactly where the space cannot list itself.
            Assert.Equal(entry.Create().Enumerate() is null, entry.PoolFile is not null);
        }
    }

    [Fact]
    public void An_unknown_name_lists_the_valid_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => SearchSpaceCatalog.Get("nb301"));
        Assert.Equal("Unknown search space 'nb301'; valid: nb201, nb101, tb101.", e.Message);
    }

    [Fact]
    public void Pools_come_from_the_entry_or_the_space_itself()
    {
        Func<DataRoot> noData = () => throw new InvalidOperationException("no data needed");
        Assert.Equal(3, BenchmarkCatalog.LoadPool(noData, new ListedSpace(canList: true)).Count);
        var e = Assert.Throws<ArgumentException>(() => BenchmarkCatalog.LoadPool(noData, new ListedSpace(canList: false)));
        Assert.Equal("No architecture pool for space 'listed'; pools exist for nb201, nb101, tb101.", e.Message);
        var other = Assert.Throws<ArgumentException>(() => SearchSpaceCatalog.Entry("nb201").LoadPool(noData, new Tb101MicroSpace()));
        Assert.StartsWith("The pool of search space 'nb201' was asked for with space 'tb101'.", other.Message);
    }

    [Fact]
    public void Nb101_pool_is_read_from_the_data_root()
    {
        string dir = Directory.CreateTempSubdirectory("nassharp-pool-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "nb101"));
            // Two real cells in the pool file's format (hash, n_vertices, adjacency, ops, has_metrics).
            var rows = File.ReadLines(TestData.Root.RequireFile("nb101", "nb101_subset10k.csv")).Skip(1).Take(2)
                .Select(l => l.Split(',')).Select(f => $"{f[0]},{f[1]},{f[2]},{f[3]},1");
            using (var gz = new System.IO.Compression.GZipStream(File.Create(Path.Combine(dir, "nb101", "nb101_space.csv.gz")), System.IO.Compression.CompressionLevel.Fastest))
            using (var writer = new StreamWriter(gz))
                writer.Write(string.Join('\n', rows.Prepend("hash,n_vertices,adjacency,ops,has_metrics")) + "\n");
            var space = new Nb101Space();
            var pool = BenchmarkCatalog.LoadPool(() => DataRoot.Resolve(dir), space);
            Assert.Equal(2, pool.Count);
            Assert.All(pool, a => Assert.Equal(a, space.Canonicalize(a)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A space outside the catalog that may or may not list its three architectures.</summary>
    private sealed class ListedSpace(bool canList) : ISearchSpace
    {
        public string Name => "listed";
        public IReadOnlyList<string> NodeTypes { get; } = ["input", "output"];
        public int MaxNodes => 2;
        public MacroSkeleton Skeleton => MacroSkeleton.Stacked(1, 1);
        public CellGraph? FixedReductionCell => null;
        public string Canonicalize(string arch) => arch;
        public CellGraph Encode(string arch) => throw new NotSupportedException();
        public string Sample(Random rng) => throw new NotSupportedException();
        public string Mutate(string arch, Random rng) => throw new NotSupportedException();
        public string Key(string arch) => arch;
        public IReadOnlyList<string> Neighbours(string arch) => throw new NotSupportedException();
        public IReadOnlyList<string>? Enumerate() => canList ? ["a", "b", "c"] : null;
    }
}
