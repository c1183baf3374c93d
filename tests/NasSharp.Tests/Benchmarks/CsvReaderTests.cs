using System.IO.Compression;
using System.Text;
using NasSharp.Data;

namespace NasSharp.Tests.Benchmarks;

public sealed class CsvReaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-csvreader-").FullName;

    private string Write(string text, string name = "r.csv")
    {
        string file = Path.Combine(folder, name);
        File.WriteAllText(file, text);
        return file;
    }

    private static List<(int Line, string[] Fields)> ReadAll(string file)
    {
        using var csv = CsvReader.Open(file);
        var rows = new List<(int, string[])>();
        while (csv.Read()) rows.Add((csv.Line, csv.Fields.ToArray()));
        return rows;
    }

    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks()
    {
        string file = Write("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"\"\n\"two\nlines\",2,3\r\nplain,,last\n");
        var rows = ReadAll(file);
        Assert.Equal(3, rows.Count);
        Assert.Equal([2, 3, 5], rows.Select(r => r.Line));   // the quoted line break moved the last record to line 5
        Assert.Equal(["x,y", "say \"hi\"", ""], rows[0].Fields);
        Assert.Equal(["two\nlines", "2", "3"], rows[1].Fields);
        Assert.Equal(["plain", "", "last"], rows[2].Fields);
    }

    [Fact]
    public void Header_columns_are_found_by_name()
    {
        using var csv = CsvReader.Open(Write("\uFEFFa,\"b c\",d\n1,2,3\n"));
        Assert.Equal(["a", "b c", "d"], csv.Header);
        Assert.Equal(1, csv.RequireColumn("b c"));
        Assert.True(csv.HasColumn("a"));   // the byte-order mark is not part of the name
        var e = Assert.Throws<DataFormatException>(() => csv.RequireColumn("e"));
        Assert.Contains("r.csv line 1, column 'e': expected this required column in the header, but it is missing; the header has: a, b c, d", e.Message);
    }

    [Fact]
    public void Blank_lines_are_skipped_but_counted()
    {
        var rows = ReadAll(Write("a,b\n\n1,2\r\n\r\n3,4\n\n"));
        Assert.Equal([3, 5], rows.Select(r => r.Line));
    }

    [Fact]
    public void Gzip_files_read_transparently()
    {
        string gz = Path.Combine(folder, "r.csv.gz");
        using (var s = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
            s.Write(Encoding.UTF8.GetBytes("a,b\n1,2.5\n"));
        using var csv = CsvReader.Open(gz);
        Assert.True(csv.Read());
        Assert.Equal(2.5, csv.ParseDouble(csv.RequireColumn("b")));
        Assert.False(csv.Read());
    }

    [Fact]
    public void Garbage_in_a_gz_file_is_reported_with_the_file()
    {
        string gz = Write("this is not gzip data at all, just text\n", "bad.csv.gz");
        var e = Assert.Throws<DataFormatException>(() => ReadAll(gz));
        Assert.Contains("bad.csv.gz line 1: expected readable gzip data", e.Message);
    }

    [Theory]
    [InlineData("a,b\n1,x\"y\n", "r.csv line 2, column 'b': expected a quote only at the start of a field, found one inside 'x\"y'")]
    [InlineData("a,b\n\"1\"x,2\n", "r.csv line 2, column 'a': expected ',' or the end of the line after a closing quote, found 'x'")]
    [InlineData("a,b\n1,\"open\n2,3\n", "r.csv line 2, column 'b': expected a closing quote, but the quoted field runs to the end of the file")]
    [InlineData("a,a\n1,2\n", "r.csv line 1, column 'a': expected unique column names, found this one at positions 1 and 2")]
    [InlineData("a,,c\n1,2,3\n", "r.csv line 1: expected a column name, found an empty one at position 2")]
    [InlineData("\na,b\n", "r.csv line 1: expected a header line of column names, found an empty line")]
    public void Broken_quoting_and_headers_name_the_line(string text, string expected)
    {
        var e = Assert.Throws<DataFormatException>(() => ReadAll(Write(text)));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Numbers_parse_in_the_invariant_culture_and_errors_say_what_was_expected()
    {
        using var csv = CsvReader.Open(Write("x,n\n-1.5e-3,12\n,1.5\n"));
        csv.Read();
        Assert.Equal(-1.5e-3, csv.ParseDouble(0));
        Assert.Equal(12, csv.ParseInt(1));
        csv.Read();
        Assert.True(double.IsNaN(csv.ParseDouble(0, allowMissing: true)));
        Assert.Contains("r.csv line 3, column 'x': expected a number, found an empty field", Assert.Throws<DataFormatException>(() => csv.ParseDouble(0)).Message);
        Assert.Contains("r.csv line 3, column 'n': expected an integer, found '1.5'", Assert.Throws<DataFormatException>(() => csv.ParseInt(1)).Message);
        var custom = csv.Error(1, "expected something else");
        Assert.Equal((3, "n"), (custom.Line, custom.Column));
        Assert.IsAssignableFrom<FormatException>(custom);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
