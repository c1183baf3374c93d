using NasSharp.Persistence;

namespace NasSharp.Tests.Persistence;

/// <summary>Output locations are checked before work: writable, of the right kind, and never one of the inputs.</summary>
public sealed class OutputLocationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-output-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void An_output_that_is_an_input_through_a_link_or_a_relative_path_is_refused()
    {
        string model = Path.Combine(folder, "m.model");
        File.WriteAllText(model, "weights");
        string link = Path.Combine(folder, "link.model");
        File.CreateSymbolicLink(link, model);
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        string dotted = Path.Combine(folder, "sub", "..", "m.model");

        foreach (string output in new[] { model, link, dotted })
        {
            var error = Assert.Throws<ArgumentException>(() => OutputLocation.EnsureNotAnInput(output, "--out", (null, "--support"), (model, "--model")));
            Assert.Contains("--out", error.Message);
            Assert.Contains("--model", error.Message);
            Assert.DoesNotContain("(Parameter", error.Message);
        }
        OutputLocation.EnsureNotAnInput(Path.Combine(folder, "scores.csv"), "--out", (model, "--model"));
        Assert.Equal("weights", File.ReadAllText(model));
    }

    [Fact]
    public void A_folder_given_as_a_file_a_file_given_as_a_folder_and_an_unwritable_place_are_refused()
    {
        string file = Path.Combine(folder, "rank.json");
        File.WriteAllText(file, "{}");
        Assert.Contains("is a folder", Assert.Throws<ArgumentException>(() => OutputLocation.EnsureWritableFile(folder, "--model")).Message);
        Assert.Contains("is a file", Assert.Throws<ArgumentException>(() => OutputLocation.EnsureWritableFolder(file, "--out")).Message);
        var proc = Assert.Throws<ArgumentException>(() => OutputLocation.EnsureWritableFile("/proc/x.model", "--model"));
        Assert.Contains("--model '/proc/x.model': cannot write in '/proc'", proc.Message);
        Assert.DoesNotContain(".tmp", proc.Message);
    }

    [Fact]
    public void A_writable_place_passes_and_leaves_nothing_behind()
    {
        string nested = Path.Combine(folder, "a", "b");
        OutputLocation.EnsureWritableFolder(nested, "--out");
        OutputLocation.EnsureWritableFile(Path.Combine(folder, "c", "x.model"), "--model");
        Assert.Empty(Directory.GetFiles(folder, "*", SearchOption.AllDirectories));
    }
}
