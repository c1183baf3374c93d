using NasSharp.Studies;
using NasSharp.Studies.Storage;
using NasSharp.Studies.Workers;
using NasSharp.Tests.Search;
using static TorchSharp.torch;

namespace NasSharp.Tests.Studies;

/// <summary>The worker loop on an SQLite study: results, failures with their reasons and retries, a real child process, a stop.</summary>
public sealed class StudyWorkerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-worker-").FullName;
    private readonly IStudyStore store;
    private readonly Study study;

    public StudyWorkerTests()
    {
        store = StudyStores.Open($"sqlite:{Path.Combine(folder, "s.db")}", create: true);
        study = Study.Create(store, new StudyDefinition("s", "tb101", "random", null, 4, 1), () => throw new InvalidOperationException(), CPU);
    }

    public void Dispose()
    {
        study.Dispose();
        store.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private WorkerConfig Config(int retries = 1) => new("w", Path.Combine(folder, "out"), Retries: retries, Poll: TimeSpan.FromMilliseconds(10));

    /// <summary>Answers with what <paramref name="answer"/> prints for a trial (null: exit code 3 with an error on stderr).</summary>
    private sealed class ScriptedRunner(Func<Trial, int, string?> answer) : ITrialRunner
    {
        private int calls;

        public Task<TrialRun> RunAsync(Trial trial, string outPath, CancellationToken cancel)
        {
            string? line = answer(trial, calls++);
            return Task.FromResult(line is null ? new TrialRun(3, null, "Traceback\nRuntimeError: CUDA out of memory", null, 0.1) : new TrialRun(0, line, "", null, 0.1));
        }
    }

    [Fact]
    public async Task Every_trial_is_answered_and_the_worker_stops_when_the_study_is_finished()
    {
        var runner = new ScriptedRunner((t, _) => $$"""{"value": {{SyntheticTable.Value(t.Arch)}}, "params": 2}""");
        var summary = await new StudyWorker(study, runner, Config()).RunAsync(CancellationToken.None);
        Assert.Equal((4, 0, 0), (summary.Completed, summary.Failed, summary.Dropped));
        var trials = study.Trials();
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t => Assert.Equal(2, t.Attributes["params"]!.GetValue<double>()));
        Assert.All(trials, t => Assert.Equal("w", t.Attributes["worker"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_failing_command_is_retried_then_failed_for_good_with_its_stderr_tail_and_a_bad_answer_with_its_reason()
    {
        // Trial 1 fails twice (exit 3), trial 2 answers NaN, the others answer.
        var runner = new ScriptedRunner((t, call) => t.Number switch
        {
            1 => null,
            2 => """{"value": "NaN"}""",
            _ => """{"value": 1}""",
        });
        var summary = await new StudyWorker(study, runner, Config(retries: 1)).RunAsync(CancellationToken.None);
        var trials = study.Trials();
        var first = trials.Single(t => t.Number == 1);
        Assert.Equal((TrialState.Failed, 2, 2, "exit code 3"), (first.State, first.Attempt, first.Failures, first.Error));
        Assert.Contains("CUDA out of memory", first.Attributes["stderr"]!.GetValue<string>());
        var second = trials.Single(t => t.Number == 2);
        Assert.Equal(TrialState.Failed, second.State);
        Assert.Contains("field 'value' is NaN", second.Error);
        // Failed trials used their share of the budget: two of the four complete.
        Assert.Equal(4, trials.Count);
        Assert.Equal(2, trials.Count(t => t.State == TrialState.Complete));
        Assert.Equal(2, summary.Completed);
        Assert.Equal(4, summary.Failed);
    }

    [Fact]
    public async Task A_real_command_gets_its_placeholders_and_its_result_file_is_read()
    {
        var runner = new ProcessTrialRunner(new TrialCommand(["sh", "-c", "echo \"{\\\"value\\\": $NASSHARP_TRIAL, \\\"arch\\\": \\\"{arch}\\\"}\" > {out}; echo progress >&2"]));
        var summary = await new StudyWorker(study, runner, Config() with { MaxTrials = 2 }).RunAsync(CancellationToken.None);
        Assert.Equal(2, summary.Completed);
        var done = study.Trials().Where(t => t.State == TrialState.Complete).ToArray();
        Assert.Equal([1.0, 2.0], done.Select(t => t.Values![0]));
        Assert.All(done, t => Assert.Equal(t.Arch, t.Attributes["arch"]!.GetValue<string>()));
        Assert.All(done, t => Assert.Contains("progress", File.ReadAllText(t.Attributes["log"]!.GetValue<string>())));
    }

    [Fact]
    public async Task A_stopped_worker_stops_its_command_and_hands_the_trial_back_at_once()
    {
        using var stop = new CancellationTokenSource();
        var runner = new ProcessTrialRunner(new TrialCommand(["sleep", "60"]));
        var work = new StudyWorker(study, runner, Config()).RunAsync(stop.Token);
        while (study.Trials().Count == 0) await Task.Delay(10);
        await stop.CancelAsync();
        var summary = await work;
        Assert.Equal(1, summary.Released);
        var trial = study.Trials().Single();
        Assert.Equal((TrialState.Waiting, 0), (trial.State, trial.Failures));
    }

    [Fact]
    public async Task An_attempt_over_the_timeout_is_stopped_and_failed_with_the_reason()
    {
        var runner = new ProcessTrialRunner(new TrialCommand(["sleep", "60"]));
        var config = Config(retries: 0) with { Timeout = TimeSpan.FromMilliseconds(200), MaxTrials = 1 };
        var summary = await new StudyWorker(study, runner, config).RunAsync(CancellationToken.None);
        Assert.Equal(1, summary.Failed);
        var trial = study.Trials().Single();
        Assert.Equal(TrialState.Failed, trial.State);
        Assert.Equal("timed out after 0.2 s and was stopped", trial.Error);
    }
}
