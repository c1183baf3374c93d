using System.Data;
using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace NasSharp.Studies.Storage;

/// <summary>
/// A study store in a PostgreSQL database, for workers on many machines: waiting trials are claimed with
/// <c>SELECT … FOR UPDATE SKIP LOCKED</c>, so concurrent claims never wait for each other nor take the same row, and an
/// ask locks its study's row (<c>SELECT … FOR UPDATE</c>) so asks are serialised per study. Schema creation is
/// serialised by a transaction-scoped advisory lock.
/// </summary>
public sealed class PostgresStudyStore : SqlStudyStore
{
    // Any constant; it only has to be the same in every nassharp process.
    private const long SchemaLockKey = 0x6e61_7373_6861_7270;

    private readonly NpgsqlDataSource source;

    /// <summary>Opens the store behind <paramref name="connectionString"/> (Npgsql syntax); <paramref name="create"/> creates the schema in an empty database.</summary>
    /// <exception cref="IOException">The server cannot be reached or refuses the login (the message names host, port and database).</exception>
    /// <exception cref="InvalidDataException">The database holds another schema version, or no study schema and <paramref name="create"/> is false.</exception>
    public PostgresStudyStore(string connectionString, bool create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = $"postgresql://{(builder.Username is { } user ? user + "@" : "")}{builder.Host}:{builder.Port}/{builder.Database}";
        source = NpgsqlDataSource.Create(builder);
        try
        {
            EnsureSchema(create);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public override string Location { get; }

    /// <inheritdoc/>
    protected override string IdentityColumn => "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    /// <inheritdoc/>
    protected override string SkipLocked => " FOR UPDATE SKIP LOCKED";

    /// <inheritdoc/>
    protected override string? LockStudySql => "SELECT id FROM studies WHERE id = @s FOR UPDATE";

    /// <inheritdoc/>
    protected override string TableExistsSql => "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = @n AND schemaname = ANY (current_schemas(false))";

    /// <inheritdoc/>
    protected override string? LockSchemaSql => $"SELECT pg_advisory_xact_lock({SchemaLockKey})";

    /// <inheritdoc/>
    protected override DbConnection Connect() => source.OpenConnection();

    /// <inheritdoc/>
    protected override DbTransaction BeginWrite(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.BeginTransaction(IsolationLevel.ReadCommitted);
    }

    /// <inheritdoc/>
    protected override Exception Translate(DbException error) => error switch
    {
        NpgsqlException { InnerException: SocketException or TimeoutException } =>
            new IOException($"Cannot reach the study store {Location}: {error.InnerException!.Message}. Is PostgreSQL running and the host and port right?", error),
        PostgresException { SqlState: "28P01" or "28000" } =>
            new IOException($"The study store {Location} refused the login: {error.Message}. Check the user and password (PGPASSWORD or ~/.pgpass).", error),
        PostgresException { SqlState: "3D000" } =>
            new IOException($"The study store {Location} does not exist: {error.Message}. Create the database first (createdb).", error),
        _ => new IOException($"Study store {Location}: {error.Message}", error),
    };

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) source.Dispose();
    }
}
