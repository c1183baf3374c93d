using Npgsql;

namespace NasSharp.Studies.Storage;

/// <summary>Opens a study store from a storage URL, as <c>--storage</c> takes it.</summary>
public static class StudyStores
{
    /// <summary>What <c>--storage</c> accepts, for help texts and errors.</summary>
    public const string Syntax = "sqlite:PATH (one machine), postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE or an Npgsql connection string (Host=…;Database=…)";

    /// <summary>Seconds a connection from a <c>postgresql://</c> URL may take to open (Npgsql's own default is 15).</summary>
    public const int UrlConnectTimeoutSeconds = 60;

    /// <summary>
    /// The store at <paramref name="url"/>: <c>sqlite:PATH</c>, <c>postgresql://user[:password]@host[:port]/db</c>
    /// (<c>postgres://</c> too; a missing password comes from PGPASSWORD or ~/.pgpass) or an Npgsql connection string.
    /// <paramref name="create"/> creates the file or schema when missing (only <c>study create</c> does).
    /// </summary>
    /// <exception cref="ArgumentException">A URL of neither form.</exception>
    /// <exception cref="FileNotFoundException">An SQLite file that does not exist, without <paramref name="create"/>.</exception>
    /// <exception cref="IOException">The store cannot be reached or is locked.</exception>
    /// <exception cref="InvalidDataException">An unknown schema version, or no study schema.</exception>
    public static IStudyStore Open(string url, bool create = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (url.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            string path = url["sqlite:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal)) path = path[2..];
            if (path.Length == 0) throw new ArgumentException($"--storage '{url}' names no file; expected sqlite:PATH, e.g. sqlite:runs/study.db.");
            return new SqliteStudyStore(path, create);
        }
        return new PostgresStudyStore(PostgresConnectionString(url), create);
    }

    /// <summary>The Npgsql connection string of a <c>postgresql://</c> URL, or <paramref name="url"/> itself when it is one already.</summary>
    /// <exception cref="ArgumentException">Neither form.</exception>
    public static string PostgresConnectionString(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.AbsolutePath.Trim('/').Length == 0)
                throw new ArgumentException($"--storage '{url}' is not a PostgreSQL URL of the form postgresql://USER@HOST[:PORT]/DATABASE.");
            // A connection may take long on a starved node (16 workers starting on 2 busy cores timed out at Npgsql's
            // 15 s in scripts/study-overhead.sh); a URL cannot say so, so it gets a minute.
            var builder = new NpgsqlConnectionStringBuilder
            {
                Host = uri.Host,
                Database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')),
                Timeout = UrlConnectTimeoutSeconds,
            };
            if (uri.Port > 0) builder.Port = uri.Port;
            if (uri.UserInfo.Length > 0)
            {
                string[] user = uri.UserInfo.Split(':', 2);
                builder.Username = Uri.UnescapeDataString(user[0]);
                if (user.Length == 2) builder.Password = Uri.UnescapeDataString(user[1]);
            }
            return builder.ConnectionString;
        }
        if (url.Contains('=', StringComparison.Ordinal))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(url).ConnectionString;
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"--storage '{url}' is not a valid Npgsql connection string: {e.Message}", e);
            }
        }
        throw new ArgumentException($"--storage '{url}' is not a study store; expected {Syntax}.");
    }
}
