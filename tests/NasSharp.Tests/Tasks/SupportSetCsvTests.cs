using NasSharp.Data;
using NasSharp.SearchSpaces.Nb101;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.Tasks;

namespace NasSharp.Tests.Tasks;

public sealed class SupportSetCsvTests : IDisposable
{
    private const string ResNet = "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|skip_connect~2|";
    private const string AllConv = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|";
    private const string AllPool = "|avg_pool_3x3~0|+|avg_pool_3x3~0|avg_pool_3x3~1|+|avg_pool_3x3~0|avg_pool_3x3~1|avg_pool_3x3~2|";

    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-support-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string text)
    {
        string path = Path.Combine(folder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Reads <paramref name="text"/> as NB201, expects a format error on <paramref name="line"/> naming the file.</summary>
    private DataFormatException Bad(string text, int line)
    {
        string path = Write(text);
        var e = Assert.Throws<DataFormatException>(() => SupportSetCsv.Read(path, new Nb201Space()));
        Assert.Equal(path, e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains($"{path} line {line}", e.Message);
        return e;
    }

    [Fact]
    public void Reads_canonical_architectures_and_values_in_file_order()
    {
        // Spreadsheet habits are accepted: header case and spaces, a quoted field, CRLF, a blank line, exponents.
        string path = Write($"Arch, Value\r\n{ResNet},93.5\r\n\"{AllConv}\",9.1e1\r\n\r\n  {AllPool}  ,-0.25\r\n");
        var (archs, values) = SupportSetCsv.Read(path, new Nb201Space());
        Assert.Equal([ResNet, AllConv, AllPool], archs);
        Assert.Equal([93.5, 91, -0.25], values);
    }

    [Fact]
    public void Lower_is_better_negates_the_values()
    {
        string path = Write($"arch,value\n{ResNet},12.5\n{AllConv},3\n");
        Assert.Equal([-12.5, -3], SupportSetCsv.Read(path, new Nb201Space(), lowerIsBetter: true).Values);
    }

    [Fact]
    public void Header_only_is_an_empty_support_set()
    {
        var (archs, values) = SupportSetCsv.Read(Write("arch,value\n"), new Nb201Space());
        Assert.Empty(archs);
        Assert.Empty(values);
    }

    [Fact]
    public void Equivalent_strings_are_canonicalised()
    {
        // An NB101 vertex on no input-output path is pruned: the 4-vertex cell is the 3-vertex one.
        const string withDeadVertex = "0110000100000000:input|conv3x3-bn-relu|maxpool3x3|output";
        const string pruned = "010001000:input|conv3x3-bn-relu|output";
        var space = new Nb101Space();
        Assert.Equal(pruned, space.Canonicalize(withDeadVertex));
        string path = Write($"arch,value\n{withDeadVertex},0.9\n");
        Assert.Equal([pruned], SupportSetCsv.Read(path, space).Architectures);

        var e = Assert.Throws<DataFormatException>(() => SupportSetCsv.Read(Write($"arch,value\n{pruned},0.9\n{withDeadVertex},0.8\n"), space));
        Assert.Equal(3, e.Line);
        Assert.Contains("same architecture as line 2", e.Message);
    }

    [Fact]
    public void Empty_file() => Assert.Contains("empty file", Bad("", 1).Message);

    [Theory]
    [InlineData("architecture,accuracy")]
    [InlineData("value,arch")]
    [InlineData("arch,value,notes")]
    [InlineData("arch")]
    public void Other_header(string header)
    {
        var e = Bad($"{header}\n{ResNet},93.5\n", 1);
        Assert.Contains("expected the header 'arch,value'", e.Message);
        Assert.Contains($"found '{header}'", e.Message);
    }

    [Fact]
    public void Missing_header_names_the_first_line()
    {
        var e = Bad($"{ResNet},93.5\n{AllConv},91\n", 1);
        Assert.Contains("expected the header 'arch,value'", e.Message);
    }

    [Theory]
    [InlineData("93.5,1")]
    [InlineData("")]
    public void Wrong_column_count(string extra)
    {
        string row = extra.Length == 0 ? ResNet : $"{ResNet},{extra}";
        Assert.Contains($"expected 2 fields as in the header, found {(extra.Length == 0 ? 1 : 3)}", Bad($"arch,value\n{AllConv},91\n{row}\n", 3).Message);
    }

    [Theory]
    [InlineData("|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|", "expected 3 node groups")]
    [InlineData("|conv_9x9~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|skip_connect~2|", "unknown operation 'conv_9x9'")]
    [InlineData("resnet", "expected 3 node groups")]
    public void Invalid_architecture_says_what_a_valid_one_looks_like(string arch, string why)
    {
        var e = Bad($"arch,value\n{ResNet},93.5\n{arch},91\n", 3);
        Assert.Equal("arch", e.Column);
        Assert.Contains("expected an architecture of the nb201 space. Invalid NB201 cell string", e.Message);
        Assert.Contains($"'{arch}'", e.Message);
        Assert.Contains(why, e.Message);
        Assert.Contains("Expected a string like '|nor_conv_3x3~0|+", e.Message);
    }

    [Theory]
    [InlineData("abc", "expected a number, found 'abc'")]
    [InlineData("93,5", "expected 2 fields")]
    [InlineData("NaN", "expected a finite number, found 'NaN'")]
    [InlineData("Infinity", "expected a finite number, found 'Infinity'")]
    [InlineData("-Infinity", "expected a finite number, found '-Infinity'")]
    [InlineData("1e999", "expected a finite number, found '1e999'")]
    [InlineData("", "expected a number, found an empty field")]
    public void Non_numeric_or_non_finite_value(string value, string message)
    {
        var e = Bad($"arch,value\n{AllConv},91\n{ResNet},{value}\n", 3);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Duplicate_architecture_names_both_lines()
    {
        // The second spelling differs only in padding and quoting; canonically it is the same cell.
        var e = Bad($"arch,value\n{ResNet},93.5\n{AllConv},91\n\" {ResNet}\",92\n", 4);
        Assert.Equal("arch", e.Column);
        Assert.Contains("same architecture as line 2", e.Message);
        Assert.Contains($"canonical '{ResNet}'", e.Message);
    }

    [Fact]
    public void Missing_file_is_a_file_not_found() =>
        Assert.Throws<FileNotFoundException>(() => SupportSetCsv.Read(Path.Combine(folder, "nope.csv"), new Nb201Space()));
}
