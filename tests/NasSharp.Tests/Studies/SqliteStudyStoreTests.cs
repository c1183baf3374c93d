using Microsoft.Data.Sqlite;
using NasSharp.Studies;
using NasSharp.Studies.Storage;

namespace NasSharp.Tests.Studies;

/// <summary>The conformance suite on SQLite, and what only a file can do wrong: missing, deleted, locked, not a database.</summary>
public sealed class SqliteStudyStoreTests : StudyStoreConformance
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-studies-").FullName;

    private string File => Path.Combine(folder, "study.db");

    protected override IStudyStore Connect(bool create = true) => StudyStores.Open($"sqlite:{File}", create);

    protected override void ExecuteRaw(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        base.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_missing_file_is_not_created_by_a_worker_and_the_error_says_how_to_create_it()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Connect(create: false));
        Assert.Contains(File, e.Message);
        Assert.Contains("nassharp study create", e.Message);
        Assert.False(System.IO.File.Exists(File));
    }

    [Fact]
    public void A_deleted_file_is_noticed_at_the_next_operation()
    {
        using var store = Connect();
        store.CreateStudy(new StudyDefinition("s", "tb101", "random", null, 5, 0), DateTimeOffset.UnixEpoch);
        foreach (string f in Directory.GetFiles(folder)) System.IO.File.Delete(f);
        var e = Assert.Throws<FileNotFoundException>(() => store.GetStudy("s"));
        Assert.Contains("was deleted", e.Message);
        Assert.False(System.IO.File.Exists(File));
    }

    [Fact]
    public void A_file_locked_longer_than_the_busy_timeout_is_a_clear_error_and_nothing_is_written()
    {
        using (var store = Connect()) store.CreateStudy(new StudyDefinition("s", "tb101", "random", null, 5, 0), DateTimeOffset.UnixEpoch);
        using var slow = new SqliteStudyStore(File, create: false, busyTimeout: TimeSpan.FromMilliseconds(200));
        long study = slow.GetStudy("s").Id;
        using (var holder = new SqliteConnection($"Data Source={File};Pooling=False"))
        {
            holder.Open();
            using var tx = holder.BeginTransaction(deferred: false);
            var e = Assert.Throws<IOException>(() => slow.ClaimOrCreate(study, "w", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1), _ => ("x", "x")));
            Assert.Contains("stayed locked by another process", e.Message);
            Assert.Contains(File, e.Message);
        }
        Assert.Empty(slow.Trials(study));
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused()
    {
        System.IO.File.WriteAllText(File, "not a database, just text that is long enough to have a header of sorts ................................");
        var e = Assert.Throws<IOException>(() => Connect(create: true));
        Assert.Contains(File, e.Message);
    }
}
