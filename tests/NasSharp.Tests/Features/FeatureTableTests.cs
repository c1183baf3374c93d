using NasSharp.Data;
using NasSharp.Features;
using NasSharp.SearchSpaces.Nb201;

namespace NasSharp.Tests.Features;

/// <summary>Feature files: lookups by canonical string and by key, and errors naming file, line and column.</summary>
public sealed class FeatureTableTests : IDisposable
{
    private const string A = "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|skip_connect~2|";
    private const string B = "|avg_pool_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|skip_connect~2|";
    // Same key as A: x + conv3(conv3(x)), the conv pair moved onto 0→1→3 (see Nb201GraphFeaturesTests).
    private const string AVariant = "|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-features-").FullName;

    private string Write(string text)
    {
        string file = Path.Combine(folder, "f.csv");
        File.WriteAllText(file, text);
        return file;
    }

    private static FeatureTable Load(string file, params string[] columns) => new(new Nb201Space(), file, "arch", columns);

    private DataFormatException Fails(string text, params string[] columns)
    {
        string file = Write(text);
        var e = Assert.Throws<DataFormatException>(() => Load(file, columns.Length == 0 ? ["naswot"] : columns));
        Assert.Equal(file, e.File);
        return e;
    }

    [Fact]
    public void Columns_are_read_prefixed_and_in_the_chosen_order()
    {
        var t = Load(Write($"arch,naswot,synflow\n{A},-1.5,2e3\n{B},7,\n"), "synflow", "naswot");
        Assert.Equal(["file:synflow", "file:naswot"], t.Names);
        Assert.Equal([2000, -1.5], t.Compute(A));
        Assert.Equal(2, t.Count);
        // An empty field is a missing value: NaN.
        Assert.True(double.IsNaN(t.Compute(B)[0]));
        Assert.Equal(7, t.Compute(B)[1]);
    }

    [Fact]
    public void An_isomorphic_variant_finds_its_class_row_and_an_unknown_cell_is_a_KeyNotFoundException()
    {
        string file = Write($"arch,naswot\n{A},3\n");
        var t = Load(file, "naswot");
        Assert.Equal([3], t.Compute(AVariant));
        var e = Assert.Throws<KeyNotFoundException>(() => t.Compute(B));
        Assert.Contains(file, e.Message);
        Assert.Contains(B, e.Message);
    }

    [Fact]
    public void A_missing_column_is_named_with_the_header()
    {
        var e = Fails($"arch,naswot\n{A},1\n", "synflow");
        Assert.Equal("synflow", e.Column);
        Assert.Equal(1, e.Line);
        Assert.Contains("the header has: arch, naswot", e.Message);
        Assert.Equal("arch", Assert.Throws<DataFormatException>(() => new FeatureTable(new Nb201Space(), Write("a,naswot\nx,1\n"), "arch", ["naswot"])).Column);
    }

    [Fact]
    public void A_non_numeric_or_written_out_NaN_value_names_line_and_column()
    {
        var e = Fails($"arch,naswot\n{A},1\n{B},high\n");
        Assert.Equal((3, "naswot"), (e.Line, e.Column));
        Assert.Contains("expected a number, found 'high'", e.Message);
        e = Fails($"arch,naswot\n{A},NaN\n");
        Assert.Equal((2, "naswot"), (e.Line, e.Column));
        Assert.Contains("finite", e.Message);
    }

    [Fact]
    public void A_duplicate_architecture_names_both_lines()
    {
        var e = Fails($"arch,naswot\n{A},1\n{B},2\n  {A},3\n");
        Assert.Equal((4, "arch"), (e.Line, e.Column));
        Assert.Contains("also on line 2", e.Message);
    }

    [Fact]
    public void An_architecture_of_another_space_is_refused()
    {
        var e = Fails($"arch,naswot\n64-41414-3_13_201,1\n");
        Assert.Equal((2, "arch"), (e.Line, e.Column));
        Assert.Contains("search space 'nb201'", e.Message);
    }

    [Fact]
    public void Choosing_no_column_or_one_twice_is_refused()
    {
        string file = Write($"arch,naswot\n{A},1\n");
        Assert.Contains("no feature columns", Assert.Throws<ArgumentException>(() => Load(file, [])).Message);
        Assert.Contains("'naswot' is chosen twice", Assert.Throws<ArgumentException>(() => Load(file, "naswot", "naswot")).Message);
        Assert.Contains("'log1p(naswot)' is chosen twice", Assert.Throws<ArgumentException>(() => Load(file, "log1p(naswot)", "log1p( naswot )")).Message);
    }

    [Fact]
    public void A_log1p_column_is_ln_of_one_plus_the_value_and_may_sit_beside_the_raw_column()
    {
        var t = Load(Write($"arch,naswot,synflow\n{A},1,1e30\n{B},2,\n"), "naswot", "log1p( synflow )", "synflow");
        Assert.Equal(["file:naswot", "file:log1p(synflow)", "file:synflow"], t.Names);
        // ln(1 + 1e30) = 30 ln 10: the transform reads the written value, not a rounded one.
        Assert.Equal(30 * Math.Log(10), t.Compute(A)[1], 12);
        Assert.Equal(1e30, t.Compute(A)[2]);
        // A missing value stays missing through the log.
        Assert.True(double.IsNaN(t.Compute(B)[1]));
        Assert.Equal(0, Load(Write($"arch,synflow\n{A},0\n"), "log1p(synflow)").Compute(A)[0]);
    }

    [Fact]
    public void A_value_outside_log1p_domain_names_line_column_and_the_spec()
    {
        var e = Fails($"arch,synflow\n{A},3\n{B},-1\n", "log1p(synflow)");
        Assert.Equal((3, "synflow"), (e.Line, e.Column));
        Assert.Contains("above -1 for log1p(synflow)", e.Message);
        Assert.Contains("found -1", e.Message);
        Assert.Equal("synflow", Fails($"arch,naswot\n{A},1\n", "log1p(synflow)").Column);
    }

    [Theory]
    [InlineData("sqrt(synflow)", "'sqrt' is not a known function")]
    [InlineData("log1p(synflow", "does not end with ')'")]
    [InlineData("log1p()", "log1p takes one column name")]
    [InlineData("log1p(log1p(synflow))", "log1p takes one column name")]
    [InlineData("synflow)", "')' without '('")]
    [InlineData(" ", "it is empty")]
    public void A_malformed_column_spec_is_refused_naming_the_file_and_the_spec(string spec, string why)
    {
        string file = Write($"arch,synflow\n{A},1\n");
        var e = Assert.Throws<ArgumentException>(() => Load(file, spec));
        Assert.Contains(file, e.Message);
        Assert.Contains($"'{spec}': expected COLUMN or log1p(COLUMN)", e.Message);
        Assert.Contains(why, e.Message);
    }

    [Fact]
    public void The_nb201_table_naswot_column_loads_for_every_cell()
    {
        var t = new FeatureTable(new Nb201Space(), TestData.Root.RequireFile("nb201", "nb201.csv"), "arch_str", ["naswot_v1_score_cifar10"]);
        Assert.Equal(Nb201Space.Size, t.Count);
        var values = t.ComputeAll([.. Nb201Space.Enumerate().Select(c => c.ToString())]);
        Assert.Equal(341, values.Count(v => double.IsNaN(v[0])));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
