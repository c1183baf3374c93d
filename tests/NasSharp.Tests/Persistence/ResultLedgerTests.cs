using System.Text.Json;
using System.Text.Json.Nodes;
using NasSharp.Evaluation;
using NasSharp.Persistence;

namespace NasSharp.Tests.Persistence;

/// <summary>The result-folder rule: a run key is claimed before work and recorded at most once; damaged files are errors.</summary>
public sealed class ResultLedgerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-ledger-").FullName;
    private readonly JsonNode config = new JsonObject { ["experiment"] = "test" };

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string JsonPath => Path.Combine(folder, "rank.json");

    private ResultLedger<RankingRun> Open() =>
        new(JsonPath, config, r => r.Key, (a, b) => (a.TrainSize, a.Seed).CompareTo((b.TrainSize, b.Seed)), RankingExperiment.Json);

    private static RankingRun Run(int size, int seed, double tau = 0.5) => new("np", "nb201", "cifar10", size, seed, tau, tau, tau, tau, 1.0);

    [Fact]
    public void A_claimed_key_is_recorded_once_and_survives_reopening()
    {
        var ledger = Open();
        var claim = Assert.IsType<RunClaim>(ledger.TryClaim("n=20/seed=0"));
        Assert.True(ledger.Record(claim, Run(20, 0)));
        Assert.Null(ledger.TryClaim("n=20/seed=0"));

        // A second writer that computed the same run anyway cannot add it twice.
        var other = Open();
        Assert.False(other.Record(RunClaim.ByThisProcess("n=20/seed=0"), Run(20, 0, 0.9)));
        var reopened = Open();
        Assert.Equal(0.5, Assert.Single(reopened.Runs).KendallTauAll);
        Assert.Single(JsonNode.Parse(File.ReadAllText(JsonPath))!["results"]!.AsArray());
    }

    [Fact]
    public void A_key_held_by_a_live_process_is_not_claimed_and_a_dead_holder_is_taken_over()
    {
        var ledger = Open();
        // pid 1 is alive for the whole test; its real start time makes the claim look like a live foreign one.
        string initStart = RunClaim.ProcessStartOf(1)!;
        string claimsPath = Path.Combine(folder, ".rank.json.claims.json");
        var live = new RunClaim("n=20/seed=0", Environment.MachineName, 1, initStart, "2026-12-01T00:00:00Z");
        var dead = new RunClaim("n=20/seed=1", Environment.MachineName, 1, "2000-01-01T00:00:00.0000000Z", "2026-12-01T00:00:00Z");
        File.WriteAllText(claimsPath, JsonSerializer.Serialize(new[] { live, dead }));

        Assert.Null(ledger.TryClaim("n=20/seed=0"));
        Assert.Contains("process 1 on", Assert.Single(ledger.ForeignClaims()).Holder);
        // Another process reads the holder's start time a few milliseconds off (.NET derives it from the boot time).
        string skewed = DateTime.Parse(initStart, null, System.Globalization.DateTimeStyles.RoundtripKind).AddMilliseconds(7)
            .ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True((live with { ProcessStartUtc = skewed }).HolderMayBeAlive);
        var taken = Assert.IsType<RunClaim>(ledger.TryClaim("n=20/seed=1"));
        Assert.True(taken.IsMine);
        ledger.Release(taken);
        Assert.DoesNotContain("seed=1", File.ReadAllText(claimsPath));
    }

    [Theory]
    [InlineData("""{"predictor":"np","space":"nb201","target":"cifar10","train_size":20,"kendall_tau_all":0.5,"kendall_tau_unseen":0.5,"spearman_all":0.5,"precision_at_5pct":0.5,"train_seconds":1}""", "seed")]
    [InlineData("""{"predictor":"np","space":"nb201","target":"cifar10","train_size":20,"seed":0,"kendall_tau_all":0.5,"kendall_tau_unseen":0.5,"spearman_all":0.5,"precision_at_5pct":0.5,"train_seconds":1,"sed":3}""", "sed")]
    [InlineData("null", "null")]
    public void An_incomplete_or_unknown_entry_is_an_error_naming_file_and_entry(string entry, string expected)
    {
        File.WriteAllText(JsonPath, "{\"results\":[" + entry + "],\"config\":{\"experiment\":\"test\"}}");
        var error = Assert.Throws<InvalidDataException>(Open);
        Assert.Contains(JsonPath, error.Message);
        Assert.Contains("results[0]", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_run_recorded_twice_is_an_error_naming_both_entries()
    {
        string run = JsonSerializer.Serialize(Run(20, 0), RankingExperiment.Json);
        File.WriteAllText(JsonPath, "{\"results\":[" + run + "," + run + "],\"config\":{\"experiment\":\"test\"}}");
        var error = Assert.Throws<InvalidDataException>(Open);
        Assert.Contains("results[1]", error.Message);
        Assert.Contains("results[0]", error.Message);
        Assert.Contains("recorded twice", error.Message);
    }

    [Fact]
    public void Another_experiment_and_a_file_without_results_are_refused()
    {
        var claim = Open().TryClaim("n=20/seed=0")!;
        Open().Record(claim, Run(20, 0));
        var other = Assert.Throws<InvalidDataException>(() =>
            new ResultLedger<RankingRun>(JsonPath, new JsonObject { ["experiment"] = "other" }, r => r.Key, null, RankingExperiment.Json));
        Assert.Contains("different experiment", other.Message);
        File.WriteAllText(JsonPath, "{}");
        Assert.Contains("no \"results\" array", Assert.Throws<InvalidDataException>(Open).Message);
        File.WriteAllText(JsonPath, "{ not json");
        Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(Open).Message);
    }

    [Fact]
    public void Threads_racing_for_the_same_keys_record_each_key_exactly_once()
    {
        // Each "writer" has its own ledger object, as separate processes would; flock excludes them within one process too.
        string[] keys = [.. Enumerable.Range(0, 12).Select(s => RankingRun.KeyOf(20, s))];
        var recorded = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            var ledger = Open();
            for (int s = 0; s < keys.Length; s++)
                if (ledger.TryClaim(keys[s]) is { } claim && ledger.Record(claim, Run(20, s)))
                    recorded.Add(keys[s]);
        });
        Assert.Equal(keys.Order(), recorded.Order());
        Assert.Equal(keys.Length, Open().Runs.Count);
    }
}
