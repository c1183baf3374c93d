using Npgsql;

namespace NasSharp.Tests.Studies;

/// <summary>
/// The PostgreSQL of the tests: <see cref="Variable"/> holds an Npgsql connection string (<c>.ci/run</c> installs and
/// starts PostgreSQL and sets it). Each store gets a schema of its own, dropped afterwards, so tests never see each
/// other's studies. Without the variable the PostgreSQL half of the suite is skipped locally and fails in CI (CI=true).
/// </summary>
public sealed class PostgresTestDatabase : IDisposable
{
    /// <summary>The environment variable with the connection string.</summary>
    public const string Variable = "NASSHARP_TEST_POSTGRES";

    private readonly string admin;

    public PostgresTestDatabase()
    {
        admin = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set, so the PostgreSQL store cannot be tested; CI must start PostgreSQL and set it " +
                                                  "(.ci/run does), e.g. Host=localhost;Username=nassharp;Password=nassharp;Database=nassharp_test.");
        Schema = $"t_{Guid.NewGuid():N}";
        Execute($"CREATE SCHEMA {Schema}");
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { SearchPath = Schema }.ConnectionString;
    }

    /// <summary>Why the PostgreSQL tests are skipped: null when they run (the variable is set, or CI demands them).</summary>
    public static string? SkipReason =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } || Environment.GetEnvironmentVariable("CI") == "true"
            ? null
            : $"{Variable} is not set (no PostgreSQL for tests; .ci/run sets it up)";

    /// <summary>The schema of this database's tables.</summary>
    public string Schema { get; }

    /// <summary>A connection string whose tables live in <see cref="Schema"/>.</summary>
    public string ConnectionString { get; }

    /// <summary>Runs <paramref name="sql"/> outside any store.</summary>
    public void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString ?? admin);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public void Dispose() => Execute($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
}
