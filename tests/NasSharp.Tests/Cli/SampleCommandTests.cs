using System.CommandLine;
using NasSharp.Cli;
using NasSharp.SearchSpaces;
using NasSharp.Tasks;

namespace NasSharp.Tests.Cli;

/// <summary><c>nassharp sample</c> and <see cref="SupportSetSample"/>: a real support file for <c>adapt</c> (issue 13, item 13).</summary>
public sealed class SampleCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-sample-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static (int Code, string Err) Run(params string[] args) => MetaCommandRun.RunWithData(args);

    [Fact]
    public void The_file_reads_back_as_K_measured_rows_of_the_task()
    {
        string path = Path.Combine(folder, "measured.csv");
        Assert.Equal(0, Run("sample", "--task", "nb201/cpu-latency", "--k", "5", "--seed", "0", "--out", path).Code);
        var (archs, values) = SupportSetCsv.Read(path, new NasSharp.SearchSpaces.Nb201.Nb201Space());
        Assert.Equal(5, archs.Count);
        var task = TaskCatalog.Load(TestData.Root, "nb201/cpu-latency");
        for (int i = 0; i < archs.Count; i++)
        {
            int row = task.Architectures.ToList().IndexOf(archs[i]);
            Assert.True(row >= 0, archs[i]);
            // The file holds the measured latency (ms, positive), not the oriented value.
            Assert.Equal(-task.Values[row], values[i]);
            Assert.True(values[i] > 0);
        }
    }

    [Fact]
    public void Same_seed_same_rows_and_another_seed_other_rows()
    {
        string a = Path.Combine(folder, "a.csv"), b = Path.Combine(folder, "b.csv"), c = Path.Combine(folder, "c.csv");
        Assert.Equal(0, Run("sample", "--task", "tb101/jigsaw", "--k", "8", "--seed", "3", "--out", a).Code);
        Assert.Equal(0, Run("sample", "--task", "tb101/jigsaw", "--k", "8", "--seed", "3", "--out", b).Code);
        Assert.Equal(0, Run("sample", "--task", "tb101/jigsaw", "--k", "8", "--seed", "4", "--out", c).Code);
        Assert.Equal(File.ReadAllText(a), File.ReadAllText(b));
        Assert.NotEqual(File.ReadAllText(a), File.ReadAllText(c));
    }

    [Fact]
    public void An_unknown_task_is_an_error_listing_the_tasks_and_writes_nothing()
    {
        string path = Path.Combine(folder, "x.csv");
        var (code, err) = Run("sample", "--task", "nb201/nope", "--out", path);
        Assert.Equal(2, code);
        Assert.Contains("Unknown task 'nb201/nope'; valid: nb201/cifar10", err);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void An_existing_file_is_kept_unless_forced()
    {
        string path = Path.Combine(folder, "mine.csv");
        File.WriteAllText(path, "my measurements");
        var (code, err) = Run("sample", "--task", "nb201/cifar10", "--out", path);
        Assert.Equal(2, code);
        Assert.Contains("exists; pass --force", err);
        Assert.Equal("my measurements", File.ReadAllText(path));

        Assert.Equal(0, Run("sample", "--task", "nb201/cifar10", "--k", "2", "--out", path, "--force").Code);
        Assert.Equal(3, File.ReadAllLines(path).Length);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void K_beyond_the_task_is_an_error_naming_the_count()
    {
        var (code, err) = Run("sample", "--task", "nb201/cpu-latency", "--k", "2000", "--out", Path.Combine(folder, "k.csv"));
        Assert.Equal(2, code);
        Assert.Contains("between 0 and 1,999", err);
        Assert.Single(new NasCli().Root.Parse("sample --task nb201/cifar10 --k -1 --out k.csv").Errors);
    }

    [Fact]
    public void K_zero_writes_the_header_only_a_valid_zero_shot_support_set()
    {
        string path = Path.Combine(folder, "zero.csv");
        Assert.Equal(0, Run("sample", "--task", "nb201/cifar10", "--k", "0", "--out", path).Code);
        Assert.Equal(SupportSetCsv.Header + "\n", File.ReadAllText(path));
        Assert.Empty(SupportSetCsv.Read(path, new NasSharp.SearchSpaces.Nb201.Nb201Space()).Architectures);
    }

    [Fact]
    public void Fields_with_commas_or_quotes_are_quoted_and_read_back()
    {
        var task = new NasTask("t/x", "nb201", "b", "m", true, "test");
        var sample = new SupportSetSample(task, 0, ["a,b", "say \"hi\""], [1.5, -2]);
        Assert.Equal("arch,value\n\"a,b\",1.5\n\"say \"\"hi\"\"\",-2\n", sample.ToCsv());
    }
}
