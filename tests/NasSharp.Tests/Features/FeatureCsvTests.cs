using System.CommandLine;
using NasSharp.Cli;
using NasSharp.Features;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Tb101;

namespace NasSharp.Tests.Features;

/// <summary><see cref="FeatureCsv"/> and <c>nassharp features</c>: files that <see cref="FeatureTable"/> reads back.</summary>
public sealed class FeatureCsvTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-feature-csv-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static int Run(params string[] args) =>
        new NasCli().Root.Parse([.. args, "--data", TestData.Root.Path])
            .Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() });

    [Fact]
    public void Written_features_read_back_unchanged_with_NaN_as_an_empty_field()
    {
        var space = new Tb101MicroSpace();
        var features = GraphFeatures.For(space);
        string[] archs = ["64-41414-3_13_201", "64-41414-0_00_000"];
        var rows = features.ComputeAll(archs);
        rows[1][0] = double.NaN;
        string path = Path.Combine(folder, "f.csv");
        using (var writer = new StreamWriter(path)) FeatureCsv.Write(writer, features.Names, archs, rows);
        var back = new FeatureTable(space, path, "arch", features.Names);
        Assert.Equal(features.Names.Select(n => $"file:{n}"), back.Names);
        Assert.Equal(rows, back.ComputeAll(archs));
        Assert.Throws<ArgumentException>(() => FeatureCsv.Write(TextWriter.Null, features.Names, archs, [rows[0]]));
    }

    [Fact]
    public void The_command_writes_a_seeded_sample_or_the_whole_space()
    {
        string a = Path.Combine(folder, "a.csv"), b = Path.Combine(folder, "b.csv"), all = Path.Combine(folder, "all.csv");
        Assert.Equal(0, Run("features", "--space", "tb101", "--sample", "20", "--seed", "1", "--out", a));
        Assert.Equal(0, Run("features", "--space", "tb101", "--sample", "20", "--seed", "1", "--out", b));
        Assert.Equal(File.ReadAllText(a), File.ReadAllText(b));
        Assert.Equal(21, File.ReadAllLines(a).Length);
        Assert.Equal(0, Run("features", "--space", "tb101", "--unified", "--out", all));
        var lines = File.ReadAllLines(all);
        Assert.Equal(Tb101MicroSpace.Size + 1, lines.Length);
        Assert.Equal(string.Join(',', ["arch", .. GraphFeatures.Unified(new Tb101MicroSpace()).Names]), lines[0]);
        Assert.NotEqual(0, Run("features", "--space", "tb101", "--sample", "-1", "--out", a));
    }
}
