using NasSharp.Persistence;

namespace NasSharp.Tests.Persistence;

/// <summary>Atomic replacement, and temporary files of killed writers removed by the next write to the same path.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-atomic-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>A process id no process has: above Linux's pid_max limit of 4,194,304.</summary>
    private const int DeadPid = 999_999_999;

    [Fact]
    public void Temporaries_of_a_dead_writer_are_removed_and_a_live_writers_are_kept()
    {
        string target = Path.Combine(folder, "x.model");
        string stale = Path.Combine(folder, $".x.model.{DeadPid}.{Guid.NewGuid():N}.tmp");
        string stalePlot = Path.Combine(folder, $".x.model.{DeadPid}.{Guid.NewGuid():N}.tmp.model");
        string live = Path.Combine(folder, $".x.model.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        string otherFile = Path.Combine(folder, $".y.model.{DeadPid}.{Guid.NewGuid():N}.tmp");
        foreach (string f in new[] { stale, stalePlot, live, otherFile }) File.WriteAllBytes(f, []);

        AtomicFile.WriteText(target, "new");

        Assert.Equal("new", File.ReadAllText(target));
        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(stalePlot));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(otherFile)); // another destination's temporaries wait for a write to that destination
    }

    [Fact]
    public void A_failing_writer_leaves_the_old_file_and_no_temporary()
    {
        string target = Path.Combine(folder, "r.json");
        AtomicFile.WriteText(target, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(target, s => { s.WriteByte(1); throw new InvalidOperationException("disk full"); }));
        Assert.Equal("old", File.ReadAllText(target));
        Assert.Equal(["r.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }
}
