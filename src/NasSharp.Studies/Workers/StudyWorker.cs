using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace NasSharp.Studies.Workers;

/// <summary>
/// A plain puller: asks the study for a trial, runs it while renewing the lease, records the answer or the failure, and
/// repeats until the study is finished, <see cref="WorkerConfig.MaxTrials"/> attempts ran, or it is stopped. A lost lease
/// (the store re-queued the trial) stops the run and drops its answer; stopping (SIGTERM) hands the running trial back
/// at once. Any number of workers, on any machines, may work on one study.
/// </summary>
public sealed class StudyWorker
{
    /// <summary>Failed asks in a row a worker tolerates before it gives up with the store's error.</summary>
    public const int StoreErrorsTolerated = 3;

    private readonly Study study;
    private readonly ITrialRunner runner;
    private readonly WorkerConfig config;
    private readonly Action<string> log;

    /// <summary>A worker of <paramref name="study"/> running trials with <paramref name="runner"/>; <paramref name="log"/> gets one line per event.</summary>
    /// <exception cref="ArgumentException">An invalid config.</exception>
    public StudyWorker(Study study, ITrialRunner runner, WorkerConfig config, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        this.study = study ?? throw new ArgumentNullException(nameof(study));
        this.runner = runner ?? throw new ArgumentNullException(nameof(runner));
        this.config = config;
        this.log = log ?? (_ => { });
    }

    /// <summary>Works until the study is finished, the trial limit is reached or <paramref name="stop"/> fires.</summary>
    public async Task<WorkerSummary> RunAsync(CancellationToken stop)
    {
        Directory.CreateDirectory(config.OutputFolder);
        int completed = 0, failed = 0, dropped = 0, released = 0, attempts = 0;
        int storeErrors = 0;
        var claimMs = new List<double>();
        var recordMs = new List<double>();
        while (!stop.IsCancellationRequested && (config.MaxTrials is not { } max || attempts < max))
        {
            var clock = Stopwatch.StartNew();
            Trial? trial;
            try
            {
                trial = study.Ask(config.Worker, config.LeaseLength, config.Retries);
                storeErrors = 0;
            }
            catch (IOException e) when (++storeErrors <= StoreErrorsTolerated)
            {
                // A store that is briefly unreachable or slow (a starved node, a restarting server) is no reason to stop.
                log($"the store failed ({e.Message}); asking again in {config.PollInterval.TotalSeconds:0.#} s ({storeErrors} of {StoreErrorsTolerated}).");
                await Task.Delay(config.PollInterval, CancellationToken.None).ConfigureAwait(false);
                continue;
            }
            if (trial is null)
            {
                if (study.IsFinished(study.Trials()))
                {
                    log($"study '{study.Definition.Name}' is finished: nothing waits or runs.");
                    break;
                }
                try
                {
                    await Task.Delay(config.PollInterval, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                continue;
            }
            claimMs.Add(clock.Elapsed.TotalMilliseconds);
            attempts++;
            var lease = trial.Lease;
            string outPath = Path.Combine(config.OutputFolder, $"trial-{trial.Number}-attempt-{trial.Attempt}.json");
            File.Delete(outPath);
            log($"trial {trial.Number} (attempt {trial.Attempt}): {trial.Arch}");
            using var lost = new CancellationTokenSource();
            using var timeout = config.Timeout is { } t ? new CancellationTokenSource(t) : new CancellationTokenSource();
            using var anyStop = CancellationTokenSource.CreateLinkedTokenSource(stop, lost.Token, timeout.Token);
            var beats = Heartbeats(lease, lost, anyStop.Token);
            var run = await runner.RunAsync(trial, outPath, anyStop.Token).ConfigureAwait(false);
            await anyStop.CancelAsync().ConfigureAwait(false);
            await beats.ConfigureAwait(false);
            if (lost.IsCancellationRequested)
            {
                dropped++;
                log($"trial {trial.Number}: the lease was lost (the store re-queued it); its answer is not recorded.");
                continue;
            }
            if (stop.IsCancellationRequested && run.ExitCode is null)
            {
                if (study.Release(lease)) released++;
                log($"trial {trial.Number}: stopped; the lease is released and the trial waits for another worker.");
                break;
            }
            clock.Restart();
            var attributes = new JsonObject { ["wall_seconds"] = Math.Round(run.Seconds, 3), ["log"] = run.Log, ["worker"] = config.Worker };
            string? error = run.ExitCode switch
            {
                null => $"timed out after {config.Timeout!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s and was stopped",
                not 0 => $"exit code {run.ExitCode}",
                _ => null,
            };
            TrialResult? result = null;
            if (error is null) (result, error) = TrialResultParser.Parse(outPath, run.LastStdoutLine, study.Definition.ObjectiveNames);
            if (result is not null)
            {
                foreach (var (name, value) in attributes) result.Attributes[name] = value?.DeepClone();
                if (study.Tell(lease, result))
                {
                    completed++;
                    log($"trial {trial.Number}: {string.Join(", ", study.Definition.ObjectiveNames.Zip(result.Values, (n, v) => $"{n} {v.ToString("G6", CultureInfo.InvariantCulture)}"))}");
                }
                else
                {
                    dropped++;
                    log($"trial {trial.Number}: the attempt was no longer the running one; its answer is not recorded.");
                }
            }
            else
            {
                if (run.StderrTail.Length > 0) attributes["stderr"] = run.StderrTail;
                var state = study.Fail(lease, error!, attributes, config.Retries);
                if (state is null) dropped++;
                else failed++;
                log($"trial {trial.Number} failed: {error}{(run.StderrTail.Length > 0 ? $"; stderr: {LastLine(run.StderrTail)}" : "")} → " +
                    (state switch { TrialState.Waiting => "queued for a retry", TrialState.Failed => "failed for good", _ => "not recorded (lease lost)" }));
            }
            recordMs.Add(clock.Elapsed.TotalMilliseconds);
        }
        return new WorkerSummary(completed, failed, dropped, released, Median(claimMs), Median(recordMs));
    }

    // Renews the lease until the run ends; a refused renewal means the trial was re-queued, so the run is stopped.
    private async Task Heartbeats(TrialLease lease, CancellationTokenSource lost, CancellationToken done)
    {
        try
        {
            while (true)
            {
                await Task.Delay(config.HeartbeatInterval, done).ConfigureAwait(false);
                bool renewed;
                try
                {
                    renewed = study.Heartbeat(lease, config.LeaseLength);
                }
                catch (IOException e)
                {
                    // A store briefly unreachable: the lease survives two missed beats, so keep trying.
                    log($"heartbeat of trial {lease.TrialId} failed: {e.Message}");
                    continue;
                }
                if (!renewed)
                {
                    await lost.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // The median, so the first calls' JIT compilation does not weigh on a short run's figure.
    private static double Median(List<double> ms)
    {
        if (ms.Count == 0) return 0;
        ms.Sort();
        return ms.Count % 2 == 1 ? ms[ms.Count / 2] : (ms[ms.Count / 2 - 1] + ms[ms.Count / 2]) / 2;
    }

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
}
