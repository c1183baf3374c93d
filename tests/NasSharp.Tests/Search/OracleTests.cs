using NasSharp.Benchmarks;
using NasSharp.Data;
using NasSharp.Search.Oracles;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.SearchSpaces.Tb101;
using NasSharp.Tests.Benchmarks;

namespace NasSharp.Tests.Search;

/// <summary>The oracle: counting, identities, the optima of the real tables (SEARCH.md §2) and --table errors.</summary>
[Collection("benchmark data")]
public sealed class OracleTests(BenchmarkData data) : IDisposable
{
    private readonly SyntheticTable synthetic = new();

    public void Dispose() => synthetic.Dispose();

    [Fact]
    public void Counts_distinct_queries_and_charges_a_repeat_nothing()
    {
        var oracle = new Oracle(synthetic.Load());
        var a = oracle.Query(SyntheticTable.Cells[5]);
        oracle.Query(SyntheticTable.Cells[9]);
        Assert.Equal(a, oracle.Query(SyntheticTable.Cells[5]));
        Assert.Equal(2, oracle.Queries);
        Assert.Equal(SyntheticTable.Value(SyntheticTable.Cells[5]), a.Observation.Value);
        Assert.Equal(a.Observation.Value + SyntheticTable.ReportOffset, a.Report);
        var e = Assert.Throws<ArgumentException>(() => oracle.Query(Tb101MicroSpace.Format([0, 0, 0, 0, 0, 0])));
        Assert.Contains("has no measurement", e.Message);
        Assert.Equal(2, oracle.Queries);
    }

    [Fact]
    public void Isomorphic_cells_are_one_query()
    {
        var table = OracleTable.FromBenchmark(data["nb201"], "cifar10-valid", "cifar10-test");
        // Both cells zero the output (no input-output path): one network.
        var oracle = new Oracle(table);
        var first = oracle.Query("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|");
        var second = oracle.Query("|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|");
        Assert.Equal(first, second);
        Assert.Equal(1, oracle.Queries);
        Assert.Equal(new Nb201Space().Key(first.Observation.Arch), first.Observation.Key);
    }

    [Theory]
    [InlineData("cifar10", 91.61, 94.37)]
    [InlineData("cifar100", 73.49, 73.51)]
    [InlineData("imagenet16", 46.73, 46.20)]
    public void The_nb201_optimum_by_validation_is_the_published_one(string dataset, double validation, double test)
    {
        var table = OracleTable.FromBenchmark(data["nb201"], $"{dataset}-valid", $"{dataset}-test");
        var (_, value, report) = table.Optimum();
        Assert.Equal(validation, value, 2);
        Assert.Equal(test, report!.Value, 2);
    }

    [Fact]
    public void A_train_time_column_becomes_the_cost()
    {
        var table = OracleTable.FromBenchmark(data["nb201"], "cifar10-valid", "cifar10-test", "train-time-cifar10-valid");
        var oracle = new Oracle(table);
        string arch = data["nb201"].Architectures[1];
        var m = oracle.Query(arch);
        Assert.Equal(data["nb201"].Value("train-time-cifar10-valid", 1), m.Cost);
        Assert.Equal(m.Cost, oracle.TotalCost);
    }

    private string Csv(string name, params string[] lines)
    {
        string path = synthetic.PathOf(name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static DataFormatException Refused(string file, string metric = "val", string? report = "test") =>
        Assert.Throws<DataFormatException>(() => OracleTable.FromCsv(file, new Nb201Space(), "arch", metric, false, report));

    private const string A = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";
    private const string B = "|nor_conv_1x1~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    [Fact]
    public void Table_errors_name_file_line_and_field()
    {
        var missing = Refused(Csv("missing.csv", "arch,val", $"{A},1"));
        Assert.Contains("missing.csv", missing.Message);
        Assert.Contains("test", missing.Message);

        var unknown = Refused(Csv("unknown.csv", "arch,val,test", $"{A},1,2", "|conv9x9~0|+|none~0|none~1|+|none~0|none~1|none~2|,3,4"));
        Assert.Equal(3, unknown.Line);
        Assert.Equal("arch", unknown.Column);
        Assert.Contains("conv9x9", unknown.Message);

        var wrongSpace = Refused(Csv("wrong-space.csv", "arch,val,test", "64-41414-3_33_333,1,2"));
        Assert.Equal(2, wrongSpace.Line);
        Assert.Contains("nb201", wrongSpace.Message);

        var nan = Refused(Csv("nan.csv", "arch,val,test", $"{A},1,2", $"{B},NaN,3"));
        Assert.Equal(3, nan.Line);
        Assert.Equal("val", nan.Column);

        var empty = Refused(Csv("empty.csv", "arch,val,test", $"{A},1,2", $"{B},2,"));
        Assert.Equal(3, empty.Line);
        Assert.Equal("test", empty.Column);
    }

    [Fact]
    public void A_duplicate_architecture_names_both_lines_even_when_spelled_isomorphically()
    {
        var exact = Refused(Csv("dup.csv", "arch,val,test", $"{A},1,2", $"{B},2,3", $"{A},3,4"));
        Assert.Equal(4, exact.Line);
        Assert.Contains("line 2", exact.Message);

        // Two spellings of the same network: a dead edge (into a node with no path to the output) changes nothing.
        const string Dead1 = "|none~0|+|none~0|none~1|+|nor_conv_3x3~0|none~1|none~2|";
        const string Dead2 = "|nor_conv_1x1~0|+|none~0|none~1|+|nor_conv_3x3~0|none~1|none~2|";
        Assert.Equal(new Nb201Space().Key(Dead1), new Nb201Space().Key(Dead2));
        var isomorphic = Refused(Csv("iso.csv", "arch,val,test", $"{Dead1},1,2", $"{Dead2},2,3"));
        Assert.Equal(3, isomorphic.Line);
    }
}
