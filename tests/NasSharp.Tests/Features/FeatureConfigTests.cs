using System.Text.Json;
using NasSharp.Features;
using NasSharp.SearchSpaces.Nb201;

namespace NasSharp.Tests.Features;

public sealed class FeatureConfigTests : IDisposable
{
    private const string A = "|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|";
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-feature-config-").FullName;

    private string Write(string name, string text)
    {
        string file = Path.Combine(folder, name);
        File.WriteAllText(file, text);
        return file;
    }

    [Fact]
    public void Defaults_are_graph_features_only()
    {
        var c = new FeatureConfig();
        Assert.True(c.Graph);
        Assert.Empty(c.Files);
        Assert.Equal(GraphFeatures.For(new Nb201Space()).Names, c.Create(new Nb201Space()).Names);
    }

    [Fact]
    public void Json_round_trip_keeps_value_equality()
    {
        var c = new FeatureConfig { Graph = false, Files = [new("p.csv", "arch", ["naswot", "synflow"]), new("q.csv.gz", "arch_str", ["x"])] };
        string json = JsonSerializer.Serialize(c);
        Assert.Equal("""{"graph":false,"files":[{"path":"p.csv","arch_column":"arch","columns":["naswot","synflow"]},{"path":"q.csv.gz","arch_column":"arch_str","columns":["x"]}]}""", json);
        var back = JsonSerializer.Deserialize<FeatureConfig>(json)!;
        Assert.Equal(c, back);
        Assert.Equal(c.GetHashCode(), back.GetHashCode());
        Assert.NotEqual(c, back with { Graph = true });
        Assert.NotEqual(c, back with { Files = [new("p.csv", "arch", ["synflow", "naswot"])] });
        Assert.Equal(new FeatureConfig(), JsonSerializer.Deserialize<FeatureConfig>("{}"));
    }

    [Fact]
    public void Create_concatenates_graph_features_and_file_columns()
    {
        string proxies = Write("p.csv", $"arch,naswot,synflow\n{A},5,6\n");
        string extra = Write("e.csv", $"cell,flops\n{A},7\n");
        var space = new Nb201Space();
        var f = new FeatureConfig { Files = [new(proxies, "arch", ["naswot", "synflow"]), new(extra, "cell", ["flops"])] }.Create(space);
        var graph = GraphFeatures.For(space);
        Assert.Equal([.. graph.Names, "file:naswot", "file:synflow", "file:flops"], f.Names);
        Assert.Equal([.. graph.Compute(A), 5, 6, 7], f.Compute(A));
        Assert.Equal([[.. graph.Compute(A), 5, 6, 7]], f.ComputeAll([A]));
        var filesOnly = new FeatureConfig { Graph = false, Files = [new(proxies, "arch", ["synflow"])] }.Create(space);
        Assert.Equal(["file:synflow"], filesOnly.Names);
    }

    [Fact]
    public void No_features_or_one_column_from_two_files_is_refused()
    {
        var space = new Nb201Space();
        Assert.Contains("selects no features", Assert.Throws<ArgumentException>(() => new FeatureConfig { Graph = false }.Create(space)).Message);
        string p = Write("p.csv", $"arch,naswot\n{A},5\n"), q = Write("q.csv", $"arch,naswot\n{A},6\n");
        var e = Assert.Throws<ArgumentException>(() => new FeatureConfig { Files = [new(p, "arch", ["naswot"]), new(q, "arch", ["naswot"])] }.Create(space));
        Assert.Contains("'file:naswot'", e.Message);
        var bad = JsonSerializer.Deserialize<FeatureConfig>("""{"files":[{"path":"p.csv"}]}""")!;
        Assert.Contains("\"arch_column\"", Assert.Throws<ArgumentException>(() => bad.Create(space)).Message);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
