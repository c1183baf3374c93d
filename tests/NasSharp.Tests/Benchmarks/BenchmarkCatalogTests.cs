using NasSharp.Benchmarks;
using NasSharp.SearchSpaces.Nb101;
using NasSharp.SearchSpaces.Nb201;

namespace NasSharp.Tests.Benchmarks;

public class BenchmarkCatalogTests
{
    private const string Best = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|";
    private const string ResNet = "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|skip_connect~2|";

    [Fact]
    public void Nb201_has_every_cell_and_the_published_optimum()
    {
        var table = BenchmarkCatalog.LoadNb201(TestData.Root);
        Assert.Equal(Nb201Space.Size, table.Architectures.Count);
        var test = table.Values("cifar10-test");
        Assert.Equal(94.373, test.Max(), 3);
        Assert.Equal(94.373, test[table.IndexOf(Best)], 3);
        // the README's ResNet cell: 90.86 / 93.91 / 70.50 / 70.89 / 44.10 / 44.23
        int resnet = table.IndexOf(ResNet);
        Assert.Equal(90.86, table.Values("cifar10-valid")[resnet], 2);
        Assert.Equal(93.91, table.Values("cifar10-test")[resnet], 2);
        Assert.Equal(44.23, table.Values("imagenet16-test")[resnet], 2);
        Assert.Equal(341, table.Values("naswot").Count(double.IsNaN));
        Assert.False(table.Metric("flops-cifar10").HigherIsBetter);
        Assert.Contains("cifar10-test", Assert.Throws<ArgumentException>(() => table.Metric("cifar10")).Message);
    }

    [Fact]
    public void Nb101_rows_are_keyed_by_hash_so_isomorphic_spellings_meet()
    {
        var table = BenchmarkCatalog.LoadNb101(TestData.Root);
        Assert.Equal(10_000, table.Architectures.Count);
        string arch = table.Architectures[0];
        Assert.Equal(0, table.IndexOf(arch));
        // the file's padded 7×7 spelling of row 0 finds the same row.
        var first = File.ReadLines(TestData.Root.RequireFile("nb101", "nb101_subset10k.csv")).Skip(1).First().Split(',');
        Assert.Equal(0, table.IndexOf(first[2] + ":" + first[3]));
        Assert.InRange(table.Values("val-acc-108").Max(), 94, 95);
    }

    [Fact]
    public void Ranking_targets_pair_validation_with_test()
    {
        var t = BenchmarkCatalog.RankingTarget(new Nb201Space(), "cifar100");
        Assert.Equal(("cifar100-valid", "cifar100-test"), (t.TrainMetric, t.EvalMetric));
        Assert.Equal("val-acc-108", BenchmarkCatalog.RankingTarget(new Nb101Space(), "cifar10").EvalMetric);
        var ex = Assert.Throws<ArgumentException>(() => BenchmarkCatalog.RankingTarget(new Nb201Space(), "mnist"));
        Assert.Contains("cifar10, cifar100, imagenet16", ex.Message);
    }

    [Fact]
    public void Nb101_pool_holds_the_whole_space()
    {
        var pool = BenchmarkCatalog.LoadPool(() => TestData.Root, new Nb101Space());
        Assert.Equal(423_624, pool.Count);
        Assert.Equal(15_625, BenchmarkCatalog.LoadPool(() => throw new InvalidOperationException("no data needed"), new Nb201Space()).Count);
    }
}
