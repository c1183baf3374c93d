using NasSharp.Studies.Storage;

namespace NasSharp.Tests.Studies;

/// <summary>The conformance suite on PostgreSQL (<see cref="PostgresTestDatabase"/>), and a refused connection.</summary>
public sealed class PostgresStudyStoreTests : StudyStoreConformance
{
    private readonly Lazy<PostgresTestDatabase> database = new(() => new PostgresTestDatabase());

    protected override IStudyStore Connect(bool create = true) => StudyStores.Open(database.Value.ConnectionString, create);

    protected override void ExecuteRaw(string sql) => database.Value.Execute(sql);

    public override void Dispose()
    {
        base.Dispose();
        if (database.IsValueCreated) database.Value.Dispose();
    }

    [StoreFact]
    public void A_refused_connection_names_the_host_and_port()
    {
        // Port 1 on this machine: nothing listens there, so the connection is refused at once.
        var e = Assert.Throws<IOException>(() => StudyStores.Open("postgresql://nobody@127.0.0.1:1/none"));
        Assert.Contains("Cannot reach the study store postgresql://nobody@127.0.0.1:1/none", e.Message);
        Assert.Contains("Is PostgreSQL running", e.Message);
    }

    [StoreFact]
    public void A_url_becomes_a_connection_string_and_a_bad_one_is_refused()
    {
        string cs = StudyStores.PostgresConnectionString("postgresql://ann:s%40cret@db.example:6543/nas");
        Assert.Contains("Host=db.example", cs);
        Assert.Contains("Port=6543", cs);
        Assert.Contains("Username=ann", cs);
        Assert.Contains("Password=s@cret", cs);
        Assert.Contains("Database=nas", cs);
        Assert.Contains("Timeout=60", cs);
        Assert.Throws<ArgumentException>(() => StudyStores.PostgresConnectionString("postgresql://host-without-db"));
        var e = Assert.Throws<ArgumentException>(() => StudyStores.Open("mysql://x/y"));
        Assert.Contains("sqlite:PATH", e.Message);
    }
}
