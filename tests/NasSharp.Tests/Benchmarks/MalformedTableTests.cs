using System.IO.Compression;
using NasSharp.Benchmarks;
using NasSharp.Data;
using NasSharp.SearchSpaces.Nb101;
using NasSharp.SearchSpaces.Nb201;

namespace NasSharp.Tests.Benchmarks;

/// <summary>Every loader error names the file, the 1-based line, the column and what was expected.</summary>
public sealed class MalformedTableTests : IDisposable
{
    private const string A = "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|skip_connect~2|";
    private const string B = "|avg_pool_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|skip_connect~2|";
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-csv-").FullName;

    private static readonly BenchmarkSchema Schema = new("t", new Nb201Space(),
    [
        new("acc", "acc", "%", true, "an accuracy"),
        new("lat", "lat", "ms", false, "a latency that may be missing", AllowsMissing: true),
    ]);

    private string Write(string name, string text)
    {
        string file = Path.Combine(folder, name);
        File.WriteAllText(file, text);
        return file;
    }

    private DataFormatException Fails(string text, BenchmarkSchema? schema = null)
    {
        string file = Write("t.csv", text);
        var e = Assert.Throws<DataFormatException>(() => BenchmarkTable.Load(schema ?? Schema, file));
        Assert.Equal(file, e.File);
        Assert.StartsWith(file + " line ", e.Message);
        return e;
    }

    [Fact]
    public void A_good_table_loads_and_blank_allowed_metrics_are_NaN()
    {
        string file = Write("ok.csv", $"arch_str,acc,lat\n{A},90.5,\n{B},8e1,1.5\n");
        var t = BenchmarkTable.Load(Schema, file);
        Assert.Equal([90.5, 80], t.Values("acc"));
        Assert.True(double.IsNaN(t.Values("lat")[0]));
        Assert.Equal([A, B], t.Architectures);
        Assert.Equal(3, t.SourceLine(1));
        Assert.Equal(file, t.SourceFile);
    }

    [Fact]
    public void A_header_only_table_is_empty()
    {
        var t = BenchmarkTable.Load(Schema, Write("h.csv", "arch_str,acc,lat\n"));
        Assert.Equal(0, t.Count);
        Assert.Empty(t.Values("acc"));
    }

    [Fact]
    public void Missing_column_names_the_file_and_lists_the_header()
    {
        var e = Fails($"arch_str,accuracy,lat\n{A},90,1\n");
        Assert.Contains("t.csv line 1, column 'acc': expected this required column", e.Message);
        Assert.Contains("the header has: arch_str, accuracy, lat", e.Message);
        Assert.Equal((1, "acc"), (e.Line, e.Column));
    }

    [Theory]
    [InlineData("abc", "expected a number, found 'abc'")]
    [InlineData("9O.5", "expected a number, found '9O.5'")]
    [InlineData("90,5", null)]   // a decimal comma splits the field: a field-count error instead
    [InlineData("NaN", "expected a finite number, found 'NaN'")]
    [InlineData("nan", "expected a finite number, found 'nan'")]
    [InlineData("inf", "expected a number, found 'inf'")]
    [InlineData("Infinity", "expected a finite number, found 'Infinity'")]
    [InlineData("-Infinity", "expected a finite number, found '-Infinity'")]
    [InlineData("1e999", "expected a finite number, found '1e999'")]
    [InlineData("", "expected a number, found an empty field (this column does not allow missing values)")]
    public void Bad_numbers_name_file_line_column_text_and_expectation(string value, string? expected)
    {
        var e = Fails($"arch_str,acc,lat\n{B},80,1\n{A},{value},1\n");
        Assert.Equal(3, e.Line);
        if (expected is null)
        {
            Assert.Contains("t.csv line 3: expected 3 fields as in the header, found 4", e.Message);
            return;
        }
        Assert.Contains($"t.csv line 3, column 'acc': {expected}", e.Message);
        Assert.Equal("acc", e.Column);
    }

    [Fact]
    public void Literal_NaN_is_an_error_even_where_blanks_are_allowed()
    {
        var e = Fails($"arch_str,acc,lat\n{A},90,NaN\n");
        Assert.Contains("t.csv line 2, column 'lat': expected a finite number, found 'NaN' (write a missing value as an empty field)", e.Message);
    }

    [Fact]
    public void Wrong_field_count_names_the_line()
    {
        var e = Fails($"arch_str,acc,lat\n{A},90,1\n{B},90\n");
        Assert.Contains("t.csv line 3: expected 3 fields as in the header, found 2", e.Message);
        Assert.Null(e.Column);
        e = Fails($"arch_str,acc,lat\n{A},90,1,\n");
        Assert.Contains("line 2: expected 3 fields as in the header, found 4", e.Message);
    }

    [Fact]
    public void Bad_architecture_names_the_line_column_and_the_parser_message()
    {
        var e = Fails($"arch_str,acc,lat\n{A},90,1\n\n|conv_9x9~0|+|none~0|none~1|+|none~0|none~1|none~2|,90,1\n");
        Assert.Contains("t.csv line 4, column 'arch_str': expected an architecture of nb201", e.Message);
        Assert.Contains("unknown operation 'conv_9x9'", e.Message);
        Assert.Equal((4, "arch_str"), (e.Line, e.Column));
    }

    [Fact]
    public void Duplicate_architecture_names_both_lines_even_when_spelled_differently()
    {
        var e = Fails($"arch_str,acc,lat\n{A},90,1\n{B},80,1\n {A} ,70,1\n");
        Assert.Contains("t.csv line 4, column 'arch_str'", e.Message);
        Assert.Contains("on line 2", e.Message);
        Assert.Contains("expected each architecture once", e.Message);
    }

    [Fact]
    public void Index_column_must_hold_unique_integers()
    {
        var schema = Schema with { IndexColumn = "idx" };
        var e = Fails($"idx,arch_str,acc,lat\n7,{A},90,1\n7,{B},80,1\n", schema);
        Assert.Contains("t.csv line 3, column 'idx': expected unique indices, but 7 is also on line 2", e.Message);
        e = Fails($"idx,arch_str,acc,lat\nseven,{A},90,1\n", schema);
        Assert.Contains("t.csv line 2, column 'idx': expected an integer, found 'seven'", e.Message);
    }

    [Fact]
    public void Derived_columns_must_agree_with_the_architecture()
    {
        var schema = BenchmarkCatalog.Info("nb201-latency-oneproxy").Schema with { Metrics = [] };
        string ops = "nor_conv_3x3,none,nor_conv_3x3,skip_connect,none,skip_connect";
        var t = BenchmarkTable.Load(schema, Write("ok.csv", $"nb201_index,arch_str,op_0to1,op_0to2,op_1to2,op_0to3,op_1to3,op_2to3\n3,{A},{ops}\n"));
        Assert.Equal([3], t.Indices!);
        var e = Fails($"nb201_index,arch_str,op_0to1,op_0to2,op_1to2,op_0to3,op_1to3,op_2to3\n3,{A},{ops.Replace("none,nor", "avg_pool_3x3,nor")}\n", schema);
        Assert.Contains("t.csv line 2, column 'op_0to2': expected 'none' to agree with arch_str", e.Message);
        Assert.Contains("found 'avg_pool_3x3'", e.Message);
    }

    [Fact]
    public void Nb101_hash_must_match_and_isomorphic_rows_are_duplicates()
    {
        var schema = BenchmarkCatalog.Info("nb101").Schema;
        const string header = "hash,n_vertices,adjacency,ops,val_acc_108,val_acc_36,val_acc_12,val_acc_4,params,train_time_s";
        // input → conv3x3 → output and input → conv1x1 → output, in two vertex orders (same cell, two matrices).
        string adjacency = "0110000" + "0001000" + "0001000" + new string('0', 28);
        string cellA = adjacency + ":input|conv3x3-bn-relu|conv1x1-bn-relu|output";
        string cellB = adjacency + ":input|conv1x1-bn-relu|conv3x3-bn-relu|output";
        string hash = Nb101Space.Hash(cellA);
        Assert.Equal(hash, Nb101Space.Hash(cellB));
        string Row(string h, string cell) => $"{h},4,{cell.Replace(':', ',')},90,80,70,60,1000,100";

        Assert.Equal(1, BenchmarkTable.Load(schema, Write("ok.csv", $"{header}\n{Row(hash, cellA)}\n")).Count);
        var e = Fails($"{header}\n{Row("0123456789abcdef0123456789abcdef", cellA)}\n", schema);
        Assert.Contains($"t.csv line 2, column 'hash': expected the module hash of the architecture on this line, '{hash}'", e.Message);
        e = Fails($"{header}\n{Row(hash, cellA)}\n{Row(hash, cellB)}\n", schema);
        Assert.Contains("t.csv line 3, column 'adjacency:ops'", e.Message);
        Assert.Contains("same module hash", e.Message);
        Assert.Contains("on line 2", e.Message);
        e = Fails($"{header}\n{Row(hash, cellA).Replace(",4,", ",5,")}\n", schema);
        Assert.Contains("column 'n_vertices': expected '4'", e.Message);
        e = Fails($"{header}\n{Row(hash, cellA.Replace("conv3x3", "conv5x5"))}\n", schema);
        Assert.Contains("t.csv line 2, column 'adjacency:ops': expected an architecture of nb101", e.Message);
    }

    [Fact]
    public void Hardware_index_must_name_the_same_cell_as_nb201_csv()
    {
        Directory.CreateDirectory(Path.Combine(folder, "nb201"));
        Directory.CreateDirectory(Path.Combine(folder, "hwnas"));
        File.WriteAllText(Path.Combine(folder, "nb201", "nb201.csv"), $"arch_index,arch_str\n0,{A}\n1,{B}\n");
        var info = BenchmarkCatalog.Info("nb201-latency-oneproxy");
        string header = "nb201_index,arch_str,op_0to1,op_0to2,op_1to2,op_0to3,op_1to3,op_2to3," + string.Join(',', info.Metrics.Select(m => m.Column));
        string opsA = "nor_conv_3x3,none,nor_conv_3x3,skip_connect,none,skip_connect";
        string values = string.Join(',', info.Metrics.Select(_ => "1.5"));
        string file = Path.Combine(folder, "hwnas", "nb201_latency_oneproxy_subset.csv");
        var root = DataRoot.Resolve(folder);

        File.WriteAllText(file, $"{header}\n0,{A},{opsA},{values}\n");
        Assert.Equal(1, BenchmarkCatalog.Load(root, info.Name).Count);

        File.WriteAllText(file, $"{header}\n1,{A},{opsA},{values}\n");
        var e = Assert.Throws<DataFormatException>(() => BenchmarkCatalog.Load(root, info.Name));
        Assert.Contains("nb201_latency_oneproxy_subset.csv line 2, column 'nb201_index': expected index 1 to be", e.Message);
        Assert.Contains("line 3 of", e.Message);

        File.WriteAllText(file, $"{header}\n9,{A},{opsA},{values}\n");
        e = Assert.Throws<DataFormatException>(() => BenchmarkCatalog.Load(root, info.Name));
        Assert.Contains("found 9, which it does not have", e.Message);
    }

    [Fact]
    public void Empty_and_truncated_files_are_reported()
    {
        Assert.Contains("t.csv line 1: expected a header line of column names, found an empty file", Fails("").Message);
        string gz = Path.Combine(folder, "t.csv.gz");
        using (var s = new GZipStream(File.Create(gz), CompressionLevel.Optimal))
            s.Write(System.Text.Encoding.UTF8.GetBytes($"arch_str,acc,lat\n{string.Concat(Enumerable.Range(0, 3000).Select(i => $"{A},{i},1\n"))}"));
        var all = File.ReadAllBytes(gz);
        File.WriteAllBytes(gz, all[..(all.Length / 2)]);
        var e = Assert.Throws<DataFormatException>(() => BenchmarkTable.Load(Schema, gz));
        Assert.Contains("t.csv.gz line ", e.Message);
    }

    [Fact]
    public void Missing_files_and_data_roots_say_where_they_looked()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => DataRoot.Resolve(Path.Combine(folder, "nope")));
        Assert.Contains("given by --data does not exist", e.Message);
        var missing = Assert.Throws<FileNotFoundException>(() => BenchmarkCatalog.LoadNb201(DataRoot.Resolve(folder)));
        Assert.Contains("nb201/nb201.csv", missing.Message);
        Assert.Contains("NASSHARP_DATA", missing.Message);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
