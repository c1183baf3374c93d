using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace NasSharp.Studies.Storage;

/// <summary>
/// A study store in one SQLite file (the embedded default, for workers on one machine): WAL journal so readers never
/// block the writer, a busy timeout so writers queue instead of failing, and every write in a BEGIN IMMEDIATE
/// transaction, which takes the write lock up front and so also serialises asks. Not for network file systems, whose
/// locks SQLite cannot trust: use PostgreSQL across machines. Connections are not pooled, so a deleted file is noticed
/// at the next operation instead of being written to through an old handle.
/// </summary>
public sealed class SqliteStudyStore : SqlStudyStore
{
    /// <summary>How long a write waits for another process's lock before failing (30 s).</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);

    private readonly string connectionString;
    private readonly TimeSpan busyTimeout;
    private bool exists;

    /// <summary>Opens the store at <paramref name="path"/>; <paramref name="create"/> creates the file and its schema when missing.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist and <paramref name="create"/> is false.</exception>
    /// <exception cref="InvalidDataException">The file holds another schema version, or is not a study store.</exception>
    /// <exception cref="IOException">The file is locked for longer than <paramref name="busyTimeout"/>, or is not an SQLite database.</exception>
    public SqliteStudyStore(string path, bool create, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        this.busyTimeout = busyTimeout ?? DefaultBusyTimeout;
        if (!File.Exists(Path))
        {
            if (!create)
                throw new FileNotFoundException($"Study store '{Path}' does not exist; create a study in it first (nassharp study create --storage sqlite:{path}).", Path);
            if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        }
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(this.busyTimeout.TotalSeconds),
        }.ToString();
        EnsureSchema(create);
        exists = true;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public override string Location => $"sqlite:{Path}";

    /// <inheritdoc/>
    protected override string IdentityColumn => "id INTEGER PRIMARY KEY";

    /// <inheritdoc/>
    protected override string SkipLocked => "";

    /// <inheritdoc/>
    protected override string? LockStudySql => null;

    /// <inheritdoc/>
    protected override string TableExistsSql => "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @n";

    /// <inheritdoc/>
    protected override string? LockSchemaSql => null;

    /// <inheritdoc/>
    protected override DbConnection Connect()
    {
        if (exists && !File.Exists(Path)) throw new FileNotFoundException($"Study store '{Path}' was deleted; its studies are gone (nothing was written).", Path);
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA journal_mode = WAL;";
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    protected override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    /// <inheritdoc/>
    protected override DbTransaction BeginRead(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: true);

    /// <inheritdoc/>
    protected override Exception Translate(DbException error) => error is SqliteException { SqliteErrorCode: 5 or 6 }
        ? new IOException($"Study store {Location} stayed locked by another process for longer than the busy timeout " +
                          $"({busyTimeout.TotalSeconds:0.#} s); nothing was written. Is a process holding a long transaction, or is the file on a network file system?", error)
        : new IOException($"Study store {Location}: {error.Message}", error);
}
