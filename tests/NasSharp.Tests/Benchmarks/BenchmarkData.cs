using NasSharp.Benchmarks;

namespace NasSharp.Tests.Benchmarks;

/// <summary>The real tables, each read at most once for all test classes of the "benchmark data" collection.</summary>
public sealed class BenchmarkData
{
    private readonly Dictionary<string, Lazy<BenchmarkTable>> tables =
        BenchmarkCatalog.Names.ToDictionary(n => n, n => new Lazy<BenchmarkTable>(() => BenchmarkCatalog.Load(TestData.Root, n)));

    public BenchmarkTable this[string name] => tables[name].Value;
}

[CollectionDefinition("benchmark data")]
public sealed class BenchmarkDataCollection : ICollectionFixture<BenchmarkData>;
