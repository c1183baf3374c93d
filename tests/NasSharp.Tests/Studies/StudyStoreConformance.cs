using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NasSharp.Search.Experiments;
using NasSharp.Search.Oracles;
using NasSharp.Search.Strategies;
using NasSharp.Studies.Evaluation;
using NasSharp.Studies.Workers;
using NasSharp.Studies;
using NasSharp.Studies.Storage;
using NasSharp.Tests.Search;
using static TorchSharp.torch;

namespace NasSharp.Tests.Studies;

/// <summary>
/// What every study store must do, run once per backend (<see cref="SqliteStudyStoreTests"/>,
/// <see cref="PostgresStudyStoreTests"/>): the schema and its version, claims, leases on an injected clock, results
/// recorded once per attempt, failures and retries, and the study's ask/tell on top (replay, restart, concurrency).
/// The search problem is the whole TB101 micro space answered by <see cref="SyntheticTable.Value"/>.
/// </summary>
public abstract class StudyStoreConformance : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly List<IStudyStore> opened = [];

    protected ManualClock Clock { get; } = new();

    /// <summary>A new connection to this test's store; <paramref name="create"/> creates the schema when missing.</summary>
    protected abstract IStudyStore Connect(bool create = true);

    /// <summary>Runs SQL on the store's database outside the store (to damage it on purpose).</summary>
    protected abstract void ExecuteRaw(string sql);

    public virtual void Dispose()
    {
        foreach (var store in opened) store.Dispose();
        GC.SuppressFinalize(this);
    }

    private IStudyStore Store(bool create = true)
    {
        var store = Connect(create);
        opened.Add(store);
        return store;
    }

    private static StudyDefinition Definition(string name = "s", string strategy = "random", int budget = 20, int seed = 3) =>
        new(name, "tb101", strategy, null, budget, seed);

    private Study NewStudy(IStudyStore store, StudyDefinition definition) =>
        Study.Create(store, definition, () => throw new InvalidOperationException("no data root needed"), CPU, Clock);

    private Study OpenStudy(IStudyStore store, string name = "s") =>
        Study.Open(store, name, () => throw new InvalidOperationException("no data root needed"), CPU, Clock);

    private static TrialResult Answer(Trial trial) => new([SyntheticTable.Value(trial.Arch)], new JsonObject { ["seconds"] = 1.5 });

    /// <summary>Asks and answers until the study has nothing left; the architectures in completion order.</summary>
    private static List<string> RunToEnd(Study study, string worker = "w")
    {
        var archs = new List<string>();
        while (study.Ask(worker, Lease, 0) is { } trial)
        {
            Assert.True(study.Tell(trial.Lease, Answer(trial)));
            archs.Add(trial.Arch);
        }
        return archs;
    }

    [StoreFact]
    public void A_study_is_stored_with_its_definition_and_a_second_of_the_same_name_is_refused()
    {
        var store = Store();
        var definition = Definition() with { Minimize = true, Objectives = ["value", "params"] };
        var created = store.CreateStudy(definition, Clock.GetUtcNow());
        var read = Store(create: false).GetStudy("s");
        Assert.Equal(created.Id, read.Id);
        Assert.Equal(JsonSerializerEquality(definition), JsonSerializerEquality(read.Definition));
        Assert.Equal(Clock.GetUtcNow(), read.Created);
        var twice = Assert.Throws<ArgumentException>(() => store.CreateStudy(Definition(budget: 5), Clock.GetUtcNow()));
        Assert.Contains("Study 's' exists already", twice.Message);
        Assert.Contains("space tb101, strategy random, budget 20, seed 3", twice.Message);
        var missing = Assert.Throws<ArgumentException>(() => store.GetStudy("other"));
        Assert.Contains("No study 'other'", missing.Message);
        Assert.Contains("it holds s", missing.Message);
    }

    private static string JsonSerializerEquality(StudyDefinition d) => System.Text.Json.JsonSerializer.Serialize(d);

    [StoreFact]
    public void An_unknown_schema_version_is_refused_and_left_unchanged()
    {
        Store().CreateStudy(Definition(), Clock.GetUtcNow());
        ExecuteRaw("UPDATE schema_version SET version = 7");
        var e = Assert.Throws<InvalidDataException>(() => Connect(create: true));
        Assert.Contains("schema version 7", e.Message);
        Assert.Contains("reads version 1 only", e.Message);
        ExecuteRaw("UPDATE schema_version SET version = 1");
        Assert.Equal("s", Store(create: false).GetStudy("s").Definition.Name);
    }

    [StoreFact]
    public void A_new_trial_runs_leased_and_waiting_trials_are_claimed_lowest_number_first()
    {
        var store = Store();
        long study = store.CreateStudy(Definition(), Clock.GetUtcNow()).Id;
        var cells = SyntheticTable.Cells;
        var first = store.ClaimOrCreate(study, "a", Clock.GetUtcNow(), Lease, _ => (cells[0], cells[0]))!;
        Assert.Equal((1, TrialState.Running, 1, "a"), (first.Number, first.State, first.Attempt, first.Worker));
        Assert.Equal(Clock.GetUtcNow() + Lease, first.LeaseExpiry);
        var second = store.ClaimOrCreate(study, "a", Clock.GetUtcNow(), Lease, trials =>
        {
            Assert.Single(trials);
            return (cells[1], cells[1]);
        })!;
        Assert.Equal(2, second.Number);
        Assert.Throws<InvalidOperationException>(() => store.ClaimOrCreate(study, "a", Clock.GetUtcNow(), Lease, _ => (cells[0], cells[0])));
        Assert.Null(store.ClaimWaiting(study, "b", Clock.GetUtcNow(), Lease));
        Assert.True(store.Release(second.Lease, Clock.GetUtcNow()));
        Assert.True(store.Release(first.Lease, Clock.GetUtcNow()));
        var again = store.ClaimWaiting(study, "b", Clock.GetUtcNow(), Lease)!;
        Assert.Equal((1, 2, "b", 0), (again.Number, again.Attempt, again.Worker, again.Failures));
        // A waiting trial is claimed before the strategy is asked.
        var next = store.ClaimOrCreate(study, "c", Clock.GetUtcNow(), Lease, _ => throw new InvalidOperationException("must not propose"))!;
        Assert.Equal((2, "c"), (next.Number, next.Worker));
    }

    [StoreFact]
    public void An_expired_lease_returns_the_trial_to_the_queue_and_heartbeats_keep_it()
    {
        var store = Store();
        long study = store.CreateStudy(Definition(), Clock.GetUtcNow()).Id;
        string cell = SyntheticTable.Cells[5];
        var trial = store.ClaimOrCreate(study, "a", Clock.GetUtcNow(), Lease, _ => (cell, cell))!;
        Clock.Advance(TimeSpan.FromSeconds(50));
        Assert.True(store.Heartbeat(trial.Lease, Clock.GetUtcNow(), Lease));
        Clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(0, store.ExpireLeases(study, Clock.GetUtcNow(), retries: 1));
        Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(1, store.ExpireLeases(study, Clock.GetUtcNow(), retries: 1));
        var requeued = store.Trials(study).Single();
        Assert.Equal((TrialState.Waiting, 1, 1), (requeued.State, requeued.Attempt, requeued.Failures));
        Assert.Contains("lease expired", requeued.Error);
        Assert.False(store.Heartbeat(trial.Lease, Clock.GetUtcNow(), Lease));
        // Expiring again exceeds one retry: the trial fails for good.
        var second = store.ClaimWaiting(study, "b", Clock.GetUtcNow(), Lease)!;
        Assert.Equal(2, second.Attempt);
        Clock.Advance(Lease * 2);
        Assert.Equal(1, store.ExpireLeases(study, Clock.GetUtcNow(), retries: 1));
        var failed = store.Trials(study).Single();
        Assert.Equal((TrialState.Failed, 2), (failed.State, failed.Failures));
        Assert.Null(store.ClaimWaiting(study, "c", Clock.GetUtcNow(), Lease));
    }

    [StoreFact]
    public void A_result_counts_once_per_attempt_and_a_late_answer_of_an_expired_attempt_is_refused()
    {
        var store = Store();
        long study = store.CreateStudy(Definition(), Clock.GetUtcNow()).Id;
        string cell = SyntheticTable.Cells[9];
        var first = store.ClaimOrCreate(study, "dead", Clock.GetUtcNow(), Lease, _ => (cell, cell))!;
        Clock.Advance(Lease * 2);
        store.ExpireLeases(study, Clock.GetUtcNow(), retries: 3);
        var second = store.ClaimWaiting(study, "alive", Clock.GetUtcNow(), Lease)!;
        var result = new TrialResult([91.5, 3.25], new JsonObject { ["seconds"] = 12.0, ["log"] = "/tmp/x.log" });
        Assert.False(store.Complete(first.Lease, result, Clock.GetUtcNow()));
        Assert.True(store.Complete(second.Lease, result, Clock.GetUtcNow()));
        Assert.False(store.Complete(second.Lease, result, Clock.GetUtcNow()));
        Assert.Null(store.Fail(second.Lease, "too late", [], 3, Clock.GetUtcNow()));
        Assert.False(store.Release(second.Lease, Clock.GetUtcNow()));
        var done = Store(create: false).Trials(study).Single();
        Assert.Equal((TrialState.Complete, 2, 1, "alive", 1), (done.State, done.Attempt, done.Completion, done.Worker, done.Failures));
        Assert.Equal([91.5, 3.25], done.Values);
        Assert.Equal(12.0, done.Attributes["seconds"]!.GetValue<double>());
        Assert.Equal("/tmp/x.log", done.Attributes["log"]!.GetValue<string>());
        Assert.Throws<ArgumentException>(() => store.Complete(second.Lease, new TrialResult([double.NaN], []), Clock.GetUtcNow()));
    }

    [StoreFact]
    public void A_failure_is_retried_up_to_the_retries_then_fails_for_good_with_its_reason_and_a_release_is_no_failure()
    {
        var store = Store();
        long study = store.CreateStudy(Definition(), Clock.GetUtcNow()).Id;
        string cell = SyntheticTable.Cells[2];
        var trial = store.ClaimOrCreate(study, "a", Clock.GetUtcNow(), Lease, _ => (cell, cell))!;
        Assert.True(store.Release(trial.Lease, Clock.GetUtcNow()));
        trial = store.ClaimWaiting(study, "a", Clock.GetUtcNow(), Lease)!;
        Assert.Equal(TrialState.Waiting, store.Fail(trial.Lease, "exit code 1", new JsonObject { ["stderr"] = "boom" }, 1, Clock.GetUtcNow()));
        trial = store.ClaimWaiting(study, "a", Clock.GetUtcNow(), Lease)!;
        Assert.Equal(3, trial.Attempt);
        Assert.Equal(TrialState.Failed, store.Fail(trial.Lease, "exit code 2", new JsonObject { ["stderr"] = "boom again" }, 1, Clock.GetUtcNow()));
        var failed = store.Trials(study).Single();
        Assert.Equal((TrialState.Failed, 2, "exit code 2", "boom again"), (failed.State, failed.Failures, failed.Error, failed.Attributes["stderr"]!.GetValue<string>()));
        Assert.Equal(Clock.GetUtcNow(), failed.Finished);
    }

    [StoreFact]
    public void Concurrent_claims_from_separate_connections_take_each_waiting_trial_once()
    {
        var store = Store();
        long study = store.CreateStudy(Definition(budget: 64), Clock.GetUtcNow()).Id;
        var made = SyntheticTable.Cells.Take(40).Select(cell => store.ClaimOrCreate(study, "seed", Clock.GetUtcNow(), Lease, _ => (cell, cell))!).ToArray();
        foreach (var trial in made) store.Release(trial.Lease, Clock.GetUtcNow());
        var claimed = new ConcurrentBag<(long Id, string Worker)>();
        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            using var mine = Connect(create: false);
            while (mine.ClaimWaiting(study, $"w{w}", Clock.GetUtcNow(), Lease) is { } t) claimed.Add((t.Id, $"w{w}"));
        })).ToArray();
        Task.WaitAll(workers);
        Assert.Equal(40, claimed.Count);
        Assert.Equal(40, claimed.Select(c => c.Id).Distinct().Count());
        Assert.All(store.Trials(study), t => Assert.Equal(TrialState.Running, t.State));
    }

    [StoreFact]
    public void A_one_worker_study_retraces_the_in_memory_ask_tell_loop_and_a_restart_continues_it_exactly()
    {
        var definition = Definition(strategy: "rea", budget: 45);
        var strategy = new StudyStrategy(definition, () => throw new InvalidOperationException(), CPU).Create();
        var expected = new List<string>();
        while (expected.Count < definition.Budget && strategy.Ask() is { } arch)
        {
            double value = SyntheticTable.Value(arch);
            strategy.Tell(new Observation(arch, new NasSharp.SearchSpaces.Tb101.Tb101MicroSpace().Key(arch), value, value));
            expected.Add(arch);
        }
        var store = Store();
        var archs = new List<string>();
        using (var study = NewStudy(store, definition))
        {
            while (archs.Count < 20 && study.Ask("w", Lease, 0) is { } trial)
            {
                Assert.True(study.Tell(trial.Lease, Answer(trial)));
                archs.Add(trial.Arch);
            }
        }
        using (var restarted = OpenStudy(Store(create: false)))
            archs.AddRange(RunToEnd(restarted));
        Assert.Equal(expected, archs);
    }

    [StoreFact]
    public void Interleaved_asks_never_repeat_an_architecture_and_a_rebuilt_study_asks_what_the_live_one_asks()
    {
        // The same schedule twice: once with long-lived studies, once rebuilding every study before each call.
        List<string> Schedule(string name, bool rebuild)
        {
            var store = Store();
            var definition = Definition(name, "rea", budget: 40);
            var studies = new[] { NewStudy(store, definition), OpenStudy(store, name) };
            Study At(int i) => rebuild ? OpenStudy(store, name) : studies[i];
            var running = new Queue<Trial>();
            var order = new List<string>();
            for (int step = 0; order.Count < definition.Budget; step++)
            {
                if (running.Count < 3 && At(step % 2).Ask($"w{step % 2}", Lease, 0) is { } asked) running.Enqueue(asked);
                if (running.Count == 3 || step % 3 == 2)
                {
                    var done = running.Dequeue();
                    Assert.True(At(step % 2).Tell(done.Lease, Answer(done)));
                    order.Add(done.Arch);
                }
            }
            foreach (var s in studies) s.Dispose();
            return order;
        }
        var live = Schedule("live", rebuild: false);
        var rebuilt = Schedule("rebuilt", rebuild: true);
        Assert.Equal(40, live.Distinct().Count());
        Assert.Equal(live, rebuilt);
    }

    [StoreFact]
    public void Concurrent_askers_never_exceed_the_budget_nor_repeat_an_architecture()
    {
        var store = Store();
        NewStudy(store, Definition("crowd", "rea", budget: 30)).Dispose();
        var done = new ConcurrentBag<string>();
        var workers = Enumerable.Range(0, 6).Select(w => Task.Run(() =>
        {
            using var study = OpenStudy(Connect(create: false), "crowd");
            try
            {
                while (study.Ask($"w{w}", Lease, 0) is { } trial)
                    if (study.Tell(trial.Lease, Answer(trial))) done.Add(trial.Key);
            }
            finally
            {
                study.Store.Dispose();
            }
        })).ToArray();
        Task.WaitAll(workers);
        Assert.Equal(30, done.Count);
        Assert.Equal(30, done.Distinct().Count());
        var trials = store.Trials(store.GetStudy("crowd").Id);
        Assert.Equal(30, trials.Count);
        Assert.Equal(Enumerable.Range(1, 30), trials.Select(t => t.Completion!.Value).Order());
    }

    /// <summary>Answers in process what <c>nassharp evaluate --from-table</c> answers.</summary>
    private sealed class TableRunner(TableEvaluator table) : ITrialRunner
    {
        public Task<TrialRun> RunAsync(Trial trial, string outPath, CancellationToken cancel)
        {
            table.Evaluate(trial.Arch).Write(outPath);
            return Task.FromResult(new TrialRun(0, null, "", null, 0));
        }
    }

    [StoreTheory]
    [InlineData("rea", null)]
    [InlineData("npenas", "op-count")]
    public async Task A_study_answered_from_the_table_retraces_the_in_memory_search(string strategy, string? predictor)
    {
        const int budget = 30;
        var root = TestData.Root;
        var config = new SearchConfig(OracleSource.ForTarget("nb201", "cifar10"), [strategy], new SearchPredictorConfig(predictor ?? "np"),
            budget, 1, 0, new StrategySettings());
        var folder = Directory.CreateTempSubdirectory("nassharp-study-search-").FullName;
        try
        {
            var search = SearchExperiment.Open(folder, config, () => root, CPU).Run(strategy, 0);
            var store = Store();
            using var study = Study.Create(store, new StudyDefinition("table", "nb201", strategy, predictor, budget, 0, Domain: "cifar10"), () => root, CPU, Clock);
            var worker = new StudyWorker(study, new TableRunner(TableEvaluator.Load(root, "nb201", "cifar10")), new WorkerConfig("w", Path.Combine(folder, "trials")));
            Assert.Equal(budget, (await worker.RunAsync(CancellationToken.None)).Completed);
            var trajectory = new StudyStatus(study.Definition, store.Trials(study.Record.Id)).Trajectory();
            Assert.Equal(search.Trajectory.Select(p => (p.Arch, p.SearchValue, p.BestReportValue)), trajectory.Select(p => (p.Arch, p.SearchValue, p.BestReportValue)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [StoreFact]
    public void A_constrained_study_keeps_its_constraints_and_proposes_only_feasible_architectures()
    {
        var root = TestData.Root;
        var table = NasSharp.Benchmarks.BenchmarkCatalog.LoadNb201(root);
        var definition = new StudyDefinition("small", "nb201", "rea", null, 40, 0, Constraints: ["params-cifar10<=0.3"]);
        var store = Store();
        using (var study = Study.Create(store, definition, () => root, CPU, Clock))
        {
            while (study.Ask("w", Lease, 0) is { } trial)
            {
                int row = table.IndexOf(trial.Arch);
                Assert.True(table.Value("params-cifar10", row) <= 0.3, trial.Arch);
                Assert.True(study.Tell(trial.Lease, new TrialResult([table.Value("cifar10-valid", row)], [])));
            }
        }
        // Reopened from the store, the study has the same feasible domain.
        using var reopened = Study.Open(Store(create: false), "small", () => root, CPU, Clock);
        Assert.Equal(["params-cifar10<=0.3"], reopened.Definition.Constraints);
        Assert.Equal(40, reopened.Trials().Count);
        Assert.Throws<ArgumentException>(() => NewStudy(store, Definition("bad") with { Constraints = ["params<=x"] }));
        Assert.Single(store.Studies());
    }

    [StoreFact]
    public void A_study_without_a_data_root_or_of_an_unknown_strategy_creates_nothing()
    {
        var store = Store();
        Assert.Throws<ArgumentException>(() => NewStudy(store, Definition() with { Strategy = "nope" }));
        var noRoot = Definition() with { Domain = "cifar10", Space = "nb201" };
        Assert.Throws<FileNotFoundException>(() => Study.Create(store, noRoot,
            () => throw new FileNotFoundException("no data root"), CPU, Clock));
        Assert.Empty(store.Studies());
    }
}
