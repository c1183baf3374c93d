using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NasSharp.Studies.Storage;

/// <summary>
/// The schema and every statement of the study stores, in the SQL both SQLite and PostgreSQL accept; a dialect
/// supplies only connections, how a write transaction starts and locks the study, and its error messages. Times are
/// stored as Unix milliseconds (BIGINT), values and attributes as JSON text.
/// </summary>
public abstract class SqlStudyStore : IStudyStore
{
    /// <summary>The schema version this code reads and writes.</summary>
    public const int SchemaVersion = 1;

    private const string TrialColumns =
        "id, number, arch, arch_key, state, attempt, failures, worker, lease_expiry, heartbeat, values_json, attributes, error, created, started, finished, completion";

    private static readonly JsonSerializerOptions ValueJson = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict };

    /// <inheritdoc/>
    public abstract string Location { get; }

    /// <summary>An open connection.</summary>
    protected abstract DbConnection Connect();

    /// <summary>
    /// Starts a write transaction; on SQLite it takes the database's write lock at once (BEGIN IMMEDIATE), which also
    /// serialises asks.
    /// </summary>
    protected abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>Starts a read-only transaction (one consistent view of the store).</summary>
    protected virtual DbTransaction BeginRead(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.BeginTransaction();
    }

    /// <summary>The identity column's declaration (<c>id … PRIMARY KEY</c>).</summary>
    protected abstract string IdentityColumn { get; }

    /// <summary>Appended to the selection of a waiting trial to claim (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>).</summary>
    protected abstract string SkipLocked { get; }

    /// <summary>A statement locking the study row <c>@s</c> until commit; null when <see cref="BeginWrite"/> already holds a lock that covers it.</summary>
    protected abstract string? LockStudySql { get; }

    /// <summary>A statement with one parameter <c>@n</c> returning a non-zero count when the table of that name exists.</summary>
    protected abstract string TableExistsSql { get; }

    /// <summary>Serialises schema creation between processes; null when <see cref="BeginWrite"/> already does.</summary>
    protected abstract string? LockSchemaSql { get; }

    /// <summary>The error the user reads for a database failure (a locked file, a refused connection, …).</summary>
    protected abstract Exception Translate(DbException error);

    /// <summary>
    /// Checks the schema, creating it in an empty database when <paramref name="create"/>; call from the dialect's
    /// constructor.
    /// </summary>
    /// <exception cref="InvalidDataException">The database holds another schema version, or no study schema and <paramref name="create"/> is false.</exception>
    protected void EnsureSchema(bool create) => Write(tx =>
    {
        if (LockSchemaSql is { } lockSchema) Execute(tx, lockSchema);
        if (Convert.ToInt64(Scalar(tx, TableExistsSql, ("@n", "schema_version")), CultureInfo.InvariantCulture) != 0)
        {
            var versions = Query(tx, "SELECT version FROM schema_version", r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture));
            if (versions.Count != 1 || versions[0] != SchemaVersion)
                throw new InvalidDataException($"Study store {Location} has schema version {string.Join(",", versions)}; this nassharp reads version " +
                    $"{SchemaVersion} only (a newer nassharp wrote it, or it is damaged). Nothing was changed.");
            return 0;
        }
        if (!create)
            throw new InvalidDataException($"{Location} holds no nassharp studies (no schema_version table); create one with 'nassharp study create'.");
        foreach (string ddl in new[]
        {
            "CREATE TABLE schema_version (version INTEGER NOT NULL)",
            $"CREATE TABLE studies ({IdentityColumn}, name TEXT NOT NULL UNIQUE, space TEXT NOT NULL, definition TEXT NOT NULL, " +
            "created BIGINT NOT NULL, completions INTEGER NOT NULL DEFAULT 0)",
            $"CREATE TABLE trials ({IdentityColumn}, study_id BIGINT NOT NULL REFERENCES studies (id), number INTEGER NOT NULL, arch TEXT NOT NULL, " +
            "arch_key TEXT NOT NULL, state TEXT NOT NULL, attempt INTEGER NOT NULL, failures INTEGER NOT NULL DEFAULT 0, worker TEXT, " +
            "lease_expiry BIGINT, heartbeat BIGINT, values_json TEXT, attributes TEXT NOT NULL DEFAULT '{}', error TEXT, created BIGINT NOT NULL, " +
            "started BIGINT, finished BIGINT, completion INTEGER, UNIQUE (study_id, number), UNIQUE (study_id, arch_key))",
            "CREATE INDEX trials_by_state ON trials (study_id, state, number)",
            "CREATE TABLE attempts (trial_id BIGINT NOT NULL REFERENCES trials (id), attempt INTEGER NOT NULL, worker TEXT NOT NULL, " +
            "state TEXT NOT NULL, started BIGINT NOT NULL, finished BIGINT, error TEXT, PRIMARY KEY (trial_id, attempt))",
        })
            Execute(tx, ddl);
        Execute(tx, "INSERT INTO schema_version (version) VALUES (@v)", ("@v", SchemaVersion));
        return 0;
    });

    /// <inheritdoc/>
    public StudyRecord CreateStudy(StudyDefinition definition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        definition.Validate();
        return Write(tx =>
        {
            if (FindStudy(tx, definition.Name) is { } existing)
                throw new ArgumentException($"Study '{definition.Name}' exists already in {Location} ({Describe(existing.Definition)}); choose another name.");
            long id = Convert.ToInt64(Scalar(tx, "INSERT INTO studies (name, space, definition, created) VALUES (@name, @space, @def, @now) RETURNING id",
                ("@name", definition.Name), ("@space", definition.Space), ("@def", JsonSerializer.Serialize(definition)), ("@now", Ms(now))),
                CultureInfo.InvariantCulture);
            return new StudyRecord(id, definition, FromMs(Ms(now)));
        });
    }

    /// <inheritdoc/>
    public StudyRecord GetStudy(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Read(tx => FindStudy(tx, name)) ?? throw new ArgumentException(Studies() is { Count: > 0 } all
            ? $"No study '{name}' in {Location}; it holds {string.Join(", ", all.Select(s => s.Definition.Name))}."
            : $"No study '{name}' in {Location}; it holds none yet (nassharp study create).");
    }

    /// <inheritdoc/>
    public IReadOnlyList<StudyRecord> Studies() =>
        Read(tx => Query(tx, "SELECT id, definition, created FROM studies ORDER BY id", ReadStudy));

    /// <inheritdoc/>
    public IReadOnlyList<Trial> Trials(long studyId) => Read(tx => TrialsOf(tx, studyId));

    /// <inheritdoc/>
    public int ExpireLeases(long studyId, DateTimeOffset now, int retries) => Write(tx =>
    {
        const string error = "the lease expired: the worker stopped renewing it (killed, lost or hung)";
        var expired = Query(tx,
            "UPDATE trials SET failures = failures + 1, state = CASE WHEN failures + 1 > @r THEN 'failed' ELSE 'waiting' END, " +
            "finished = CASE WHEN failures + 1 > @r THEN @now ELSE NULL END, error = @e, lease_expiry = NULL " +
            "WHERE study_id = @s AND state = 'running' AND lease_expiry < @now RETURNING id, attempt",
            r => (Id: Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Attempt: Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)),
            ("@r", retries), ("@now", Ms(now)), ("@e", error), ("@s", studyId));
        foreach (var (id, attempt) in expired) EndAttempt(tx, id, attempt, "expired", now, error);
        return expired.Count;
    });

    /// <inheritdoc/>
    public Trial? ClaimWaiting(long studyId, string worker, DateTimeOffset now, TimeSpan lease) =>
        Write(tx => Claim(tx, studyId, worker, now, lease));

    /// <inheritdoc/>
    public Trial? ClaimOrCreate(long studyId, string worker, DateTimeOffset now, TimeSpan lease, Func<IReadOnlyList<Trial>, (string Arch, string Key)?> propose)
    {
        ArgumentNullException.ThrowIfNull(propose);
        return Write(tx =>
        {
            if (LockStudySql is { } lockStudy) Execute(tx, lockStudy, ("@s", studyId));
            if (Claim(tx, studyId, worker, now, lease) is { } waiting) return waiting;
            var trials = TrialsOf(tx, studyId);
            if (propose(trials) is not var (arch, key)) return null;
            if (trials.FirstOrDefault(t => t.Key == key) is { } same)
                throw new InvalidOperationException($"'{arch}' is trial {same.Number} of the study already ({same.State.ToString().ToLowerInvariant()}).");
            int number = trials.Count == 0 ? 1 : trials.Max(t => t.Number) + 1;
            var trial = Query(tx,
                "INSERT INTO trials (study_id, number, arch, arch_key, state, attempt, worker, lease_expiry, heartbeat, created, started) " +
                $"VALUES (@s, @number, @arch, @key, 'running', 1, @w, @exp, @now, @now, @now) RETURNING {TrialColumns}", ReadTrial,
                ("@s", studyId), ("@number", number), ("@arch", arch), ("@key", key), ("@w", worker), ("@exp", Ms(now + lease)), ("@now", Ms(now)))[0];
            StartAttempt(tx, trial, now);
            return trial;
        });
    }

    /// <inheritdoc/>
    public bool Heartbeat(TrialLease lease, DateTimeOffset now, TimeSpan length)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return Write(tx => Execute(tx, "UPDATE trials SET heartbeat = @now, lease_expiry = @exp WHERE " + IsRunning,
            [("@now", Ms(now)), ("@exp", Ms(now + length)), .. LeaseParameters(lease)])) == 1;
    }

    /// <inheritdoc/>
    public bool Complete(TrialLease lease, TrialResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Values.Count == 0 || result.Values.Any(v => !double.IsFinite(v)))
            throw new ArgumentException($"A result needs finite values; got [{string.Join(", ", result.Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}].");
        return Write(tx =>
        {
            int changed = Execute(tx,
                "UPDATE trials SET state = 'complete', values_json = @v, attributes = @a, finished = @now, lease_expiry = NULL, error = NULL WHERE " + IsRunning,
                [("@v", JsonSerializer.Serialize(result.Values, ValueJson)), ("@a", result.Attributes.ToJsonString()), ("@now", Ms(now)), .. LeaseParameters(lease)]);
            if (changed == 0) return false;
            // The study row's counter numbers completions; its row lock, held to commit, keeps the numbers in commit order.
            object? completion = Scalar(tx, "UPDATE studies SET completions = completions + 1 WHERE id = (SELECT study_id FROM trials WHERE id = @id) RETURNING completions",
                ("@id", lease.TrialId));
            Execute(tx, "UPDATE trials SET completion = @c WHERE id = @id", ("@c", Convert.ToInt32(completion, CultureInfo.InvariantCulture)), ("@id", lease.TrialId));
            EndAttempt(tx, lease.TrialId, lease.Attempt, "complete", now, null);
            return true;
        });
    }

    /// <inheritdoc/>
    public TrialState? Fail(TrialLease lease, string error, JsonObject attributes, int retries, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(attributes);
        return Write(tx =>
        {
            var state = Query(tx,
                "UPDATE trials SET failures = failures + 1, state = CASE WHEN failures + 1 > @r THEN 'failed' ELSE 'waiting' END, " +
                "finished = CASE WHEN failures + 1 > @r THEN @now ELSE NULL END, error = @e, attributes = @a, lease_expiry = NULL " +
                "WHERE " + IsRunning + " RETURNING state", r => ParseState(r.GetString(0)),
                [("@r", retries), ("@now", Ms(now)), ("@e", error), ("@a", attributes.ToJsonString()), .. LeaseParameters(lease)]);
            if (state.Count == 0) return (TrialState?)null;
            EndAttempt(tx, lease.TrialId, lease.Attempt, "failed", now, error);
            return state[0];
        });
    }

    /// <inheritdoc/>
    public bool Release(TrialLease lease, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return Write(tx =>
        {
            if (Execute(tx, "UPDATE trials SET state = 'waiting', lease_expiry = NULL WHERE " + IsRunning, LeaseParameters(lease)) == 0) return false;
            EndAttempt(tx, lease.TrialId, lease.Attempt, "released", now, "the worker stopped (signal) and released the lease");
            return true;
        });
    }

    /// <summary>Releases the dialect's connections.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases a connection pool the dialect holds.</summary>
    protected virtual void Dispose(bool disposing) { }

    private const string IsRunning = "id = @id AND attempt = @attempt AND worker = @w AND state = 'running'";

    private static (string, object?)[] LeaseParameters(TrialLease lease) =>
        [("@id", lease.TrialId), ("@attempt", lease.Attempt), ("@w", lease.Worker)];

    private Trial? Claim(DbTransaction tx, long studyId, string worker, DateTimeOffset now, TimeSpan lease)
    {
        var claimed = Query(tx,
            "UPDATE trials SET state = 'running', attempt = attempt + 1, worker = @w, lease_expiry = @exp, heartbeat = @now, started = @now " +
            $"WHERE id = (SELECT id FROM trials WHERE study_id = @s AND state = 'waiting' ORDER BY number LIMIT 1{SkipLocked}) RETURNING {TrialColumns}",
            ReadTrial, ("@w", worker), ("@exp", Ms(now + lease)), ("@now", Ms(now)), ("@s", studyId));
        if (claimed.Count == 0) return null;
        StartAttempt(tx, claimed[0], now);
        return claimed[0];
    }

    private static void StartAttempt(DbTransaction tx, Trial trial, DateTimeOffset now) =>
        Execute(tx, "INSERT INTO attempts (trial_id, attempt, worker, state, started) VALUES (@id, @attempt, @w, 'running', @now)",
            ("@id", trial.Id), ("@attempt", trial.Attempt), ("@w", trial.Worker), ("@now", Ms(now)));

    private static void EndAttempt(DbTransaction tx, long trial, int attempt, string state, DateTimeOffset now, string? error) =>
        Execute(tx, "UPDATE attempts SET state = @state, finished = @now, error = @e WHERE trial_id = @id AND attempt = @attempt",
            ("@state", state), ("@now", Ms(now)), ("@e", error), ("@id", trial), ("@attempt", attempt));

    private static IReadOnlyList<Trial> TrialsOf(DbTransaction tx, long studyId) =>
        Query(tx, $"SELECT {TrialColumns} FROM trials WHERE study_id = @s ORDER BY number", ReadTrial, ("@s", studyId));

    private static StudyRecord? FindStudy(DbTransaction tx, string name) =>
        Query(tx, "SELECT id, definition, created FROM studies WHERE name = @name", ReadStudy, ("@name", name)).FirstOrDefault();

    private static string Describe(StudyDefinition d) =>
        $"space {d.Space}, strategy {d.Strategy}{(d.Predictor is null ? "" : $" ({d.Predictor})")}, budget {d.Budget}, seed {d.Seed}";

    private static StudyRecord ReadStudy(DbDataReader r)
    {
        string json = r.GetString(1);
        var definition = JsonSerializer.Deserialize<StudyDefinition>(json)
                         ?? throw new InvalidDataException($"Study {r.GetValue(0)} has an empty definition.");
        return new StudyRecord(Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), definition, FromMs(Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture)));
    }

    private static Trial ReadTrial(DbDataReader r)
    {
        long? Long(int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        DateTimeOffset? Time(int i) => Long(i) is { } ms ? FromMs(ms) : null;
        var values = Text(10) is { } v ? JsonSerializer.Deserialize<double[]>(v, ValueJson) : null;
        return new Trial(Long(0)!.Value, (int)Long(1)!.Value, r.GetString(2), r.GetString(3), ParseState(r.GetString(4)), (int)Long(5)!.Value,
            (int)Long(6)!.Value, Text(7), Time(8), Time(9), values, JsonNode.Parse(r.GetString(11))!.AsObject(), Text(12), Time(13)!.Value,
            Time(14), Time(15), Long(16) is { } c ? (int)c : null);
    }

    private static TrialState ParseState(string state) => Enum.TryParse<TrialState>(state, ignoreCase: true, out var s)
        ? s
        : throw new InvalidDataException($"Unknown trial state '{state}' in the store (expected waiting, running, complete or failed).");

    private static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private T Read<T>(Func<DbTransaction, T> body) => Run(connection =>
    {
        using var tx = BeginRead(connection);
        var result = body(tx);
        tx.Commit();
        return result;
    });

    private T Write<T>(Func<DbTransaction, T> body) => Run(connection =>
    {
        using var tx = BeginWrite(connection);
        var result = body(tx);
        tx.Commit();
        return result;
    });

    private T Run<T>(Func<DbConnection, T> body)
    {
        try
        {
            using var connection = Connect();
            return body(connection);
        }
        catch (DbException e)
        {
            throw Translate(e);
        }
    }

    private static DbCommand Command(DbTransaction tx, string sql, IEnumerable<(string Name, object? Value)> parameters)
    {
        var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    private static int Execute(DbTransaction tx, string sql, params (string, object?)[] parameters)
    {
        using var command = Command(tx, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(DbTransaction tx, string sql, params (string, object?)[] parameters)
    {
        using var command = Command(tx, sql, parameters);
        return command.ExecuteScalar();
    }

    private static List<T> Query<T>(DbTransaction tx, string sql, Func<DbDataReader, T> read, params (string, object?)[] parameters)
    {
        using var command = Command(tx, sql, parameters);
        using var reader = command.ExecuteReader(CommandBehavior.Default);
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
