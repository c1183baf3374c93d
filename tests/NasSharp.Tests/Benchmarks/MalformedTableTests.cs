using System.IO.Compression;
using NasSharp.Benchmarks;
using NasSharp.Data;
using NasSharp.SearchSpaces.Nb201;

namespace NasSharp.Tests.Benchmarks;

public sealed class MalformedTableTests : IDisposable
{
    private const string A = "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|skip_connect~2|";
    private const string B = "|avg_pool_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|skip_connect~2|";
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-csv-").FullName;

    private static readonly MetricInfo[] Metrics =
    [
        new("acc", "acc", "%", true),
        new("lat", "lat", "ms", false, AllowsMissing: true),
    ];

    private DataFormatException Load(string text)
    {
        string file = Path.Combine(folder, "t.csv");
        File.WriteAllText(file, text);
        return Assert.Throws<DataFormatException>(() =>
            BenchmarkTable.Load("t", new Nb201Space(), file, (csv, row) => row.Fields[csv.Column("arch_str")], "arch_str", Metrics));
    }

    [Fact]
    public void A_good_table_loads_and_blank_allowed_metrics_are_NaN()
    {
        string file = Path.Combine(folder, "ok.csv");
        File.WriteAllText(file, $"arch_str,acc,lat\n{A},90.5,\n{B},80,1.5\n");
        var t = BenchmarkTable.Load("t", new Nb201Space(), file, (csv, row) => row.Fields[csv.Column("arch_str")], "arch_str", Metrics);
        Assert.Equal(new[] { 90.5, 80 }, t.Values("acc"));
        Assert.True(double.IsNaN(t.Values("lat")[0]));
    }

    [Fact]
    public void Missing_column_names_the_file_and_lists_the_header()
    {
        var e = Load($"arch_str,accuracy,lat\n{A},90,1\n");
        Assert.Contains("t.csv line 1, column 'acc'", e.Message);
        Assert.Contains("arch_str, accuracy, lat", e.Message);
    }

    [Theory]
    [InlineData("abc", "expected a finite number, found 'abc'")]
    [InlineData("NaN", "expected a finite number, found 'NaN'")]
    [InlineData("inf", "expected a finite number, found 'inf'")]
    [InlineData("", "expected a number, found an empty field")]
    public void Bad_numbers_name_file_line_and_column(string value, string expected)
    {
        var e = Load($"arch_str,acc,lat\n{B},80,1\n{A},{value},1\n");
        Assert.Contains("t.csv line 3, column 'acc'", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Equal(3, e.Line);
        Assert.Equal("acc", e.Column);
    }

    [Fact]
    public void Wrong_field_count_names_the_line()
    {
        var e = Load($"arch_str,acc,lat\n{A},90\n");
        Assert.Contains("line 2", e.Message);
        Assert.Contains("expected 3 fields as in the header, found 2", e.Message);
    }

    [Fact]
    public void Bad_architecture_names_the_line_and_the_problem()
    {
        var e = Load("arch_str,acc,lat\n|conv_9x9~0|+|none~0|none~1|+|none~0|none~1|none~2|,90,1\n");
        Assert.Contains("t.csv line 2, column 'arch_str'", e.Message);
        Assert.Contains("unknown operation 'conv_9x9'", e.Message);
    }

    [Fact]
    public void Duplicate_architecture_names_both_lines()
    {
        var e = Load($"arch_str,acc,lat\n{A},90,1\n{B},80,1\n{A},70,1\n");
        Assert.Contains("line 4", e.Message);
        Assert.Contains("already on line 2", e.Message);
    }

    [Fact]
    public void Empty_and_truncated_files_are_reported()
    {
        Assert.Contains("empty file", Load("").Message);
        string gz = Path.Combine(folder, "t.csv.gz");
        using (var s = new GZipStream(File.Create(gz), CompressionLevel.Optimal))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes($"arch_str,acc,lat\n{string.Concat(Enumerable.Repeat($"{A},90,1\n", 2000))}");
            s.Write(bytes);
        }
        var all = File.ReadAllBytes(gz);
        File.WriteAllBytes(gz, all[..(all.Length / 2)]);
        var e = Assert.ThrowsAny<Exception>(() => CsvTable.Read(gz));
        Assert.Contains("t.csv.gz", e.Message);
    }

    [Fact]
    public void Data_root_reports_every_place_it_tried()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => DataRoot.Resolve(Path.Combine(folder, "nope")));
        Assert.Contains("given by --data does not exist", e.Message);
        var root = DataRoot.Resolve(folder);
        var missing = Assert.Throws<FileNotFoundException>(() => root.RequireFile("nb201", "nb201.csv"));
        Assert.Contains("NASSHARP_DATA", missing.Message);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
