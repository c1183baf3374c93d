using NasSharp.Data;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.Tasks;

namespace NasSharp.Tests.Benchmarks;

/// <summary>Issue 13 item 7: a 1 MB field is not echoed whole into a reader's error.</summary>
public sealed class EchoedTextTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-echo-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("value")]
    [InlineData("arch")]
    public void A_one_megabyte_field_is_shortened_in_the_error(string column)
    {
        string huge = new('7', 1 << 20);
        string arch = new Nb201Space().Sample(new Random(1));
        string path = Path.Combine(folder, "s.csv");
        File.WriteAllText(path, column == "value" ? $"arch,value\n{arch},{huge}x\n" : $"arch,value\n{huge},1\n");
        var e = Assert.Throws<DataFormatException>(() => SupportSetCsv.Read(path, new Nb201Space()));
        Assert.True(e.Message.Length < 1000, $"{e.Message.Length} characters");
        Assert.Contains($"{new string('7', EchoedText.MaxEchoed)}…' ({huge.Length + (column == "value" ? 1 : 0)} characters)", e.Message);
        Assert.Contains("line 2", e.Message);
    }

    [Fact]
    public void Short_values_are_echoed_unchanged()
    {
        Assert.Equal("expected a number, found 'abc'", EchoedText.LimitQuoted("expected a number, found 'abc'"));
        Assert.Equal(new string('a', 80), EchoedText.Shorten(new string('a', 80)));
        Assert.Equal($"{new string('a', 80)}… (81 characters)", EchoedText.Shorten(new string('a', 81)));
    }
}
