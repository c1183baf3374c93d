using NasSharp.Data;
using NasSharp.Proxies;
using NasSharp.SearchSpaces.Nb201;

namespace NasSharp.Tests.Proxies;

public sealed class ProxyFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-proxyfile-").FullName;
    private readonly Nb201Space space = new();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Rows_round_trip_with_undefined_scores_as_empty_fields()
    {
        string path = Path.Combine(folder, "p.csv");
        ProxyRow[] rows =
        [
            new(ProxyTestNetworks.Mixed, [1234.5678901234567, 1e-300]),
            new(ProxyTestNetworks.AllNone, [double.NaN, 0]),
        ];
        ProxyFile.Write(path, ["naswot", "synflow"], rows);
        Assert.Equal($"arch,naswot,synflow\n{ProxyTestNetworks.Mixed},1234.5678901234567,1E-300\n{ProxyTestNetworks.AllNone},,0\n", File.ReadAllText(path));
        var (proxies, read) = ProxyFile.Read(path, space);
        Assert.Equal(["naswot", "synflow"], proxies);
        Assert.Equal(rows.Select(r => r.Architecture), read.Select(r => r.Architecture));
        Assert.Equal(rows.SelectMany(r => r.Scores), read.SelectMany(r => r.Scores));
    }

    [Theory]
    [InlineData("arch,naswot,snip\n", 1, "snip", "not a proxy")]
    [InlineData("cell,naswot\n", 1, "cell", "first column to be 'arch'")]
    [InlineData("arch,naswot\n|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|,12\n|bad|,3\n", 3, "arch", "not a nb201 architecture")]
    [InlineData("arch,naswot\n|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,abc\n", 2, "naswot", "found 'abc'")]
    [InlineData("arch,naswot\n|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,1\n|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,1\n", 3, "arch", "listed again (first on line 2)")]
    public void A_damaged_file_names_file_line_and_column(string text, int line, string column, string message)
    {
        string path = Path.Combine(folder, "bad.csv");
        File.WriteAllText(path, text);
        var e = Assert.Throws<DataFormatException>(() => ProxyFile.Read(path, space));
        Assert.Equal((path, line, column), (e.File, e.Line, e.Column));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_file_without_settings_or_with_other_settings_is_not_resumed()
    {
        string path = Path.Combine(folder, "p.csv");
        var config = new ProxyConfig("nb201", ["naswot"], BatchSize: 4, Seed: 1, Channels: 2, CellsPerStage: 1);
        Assert.Empty(ProxyFile.Resume(path, config, space));   // new file: settings recorded
        Assert.True(File.Exists(ProxyFile.SettingsPath(path)));
        ProxyFile.Write(path, ["naswot"], [new ProxyRow(ProxyTestNetworks.Mixed, [5])]);
        Assert.Single(ProxyFile.Resume(path, config, space));

        var other = Assert.Throws<InvalidDataException>(() => ProxyFile.Resume(path, config with { Seed = 2 }, space));
        Assert.Contains("other settings", other.Message);
        File.WriteAllText(ProxyFile.SettingsPath(path), "{ not json");
        Assert.Contains("damaged", Assert.Throws<InvalidDataException>(() => ProxyFile.Resume(path, config, space)).Message);
        File.Delete(ProxyFile.SettingsPath(path));
        Assert.Contains("settings file", Assert.Throws<InvalidDataException>(() => ProxyFile.Resume(path, config, space)).Message);
    }
}
