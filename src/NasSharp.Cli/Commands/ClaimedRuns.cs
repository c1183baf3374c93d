using NasSharp.Cli.Output;
using NasSharp.Persistence;

namespace NasSharp.Cli.Commands;

/// <summary>
/// Drives an <see cref="IClaimedExperiment{TRun}"/> in this process and <c>--jobs</c> − 1 worker processes, with one
/// progress display that counts every process's finished runs (read back from the results file) and prints a line
/// per run.
/// </summary>
public static class ClaimedRuns
{
    /// <summary>Runs the experiment's pending runs; returns when none is left that a live process does not hold.</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="watcher">A second view of the same results file, read by the progress poll.</param>
    /// <param name="jobs">Processes in all (this one included); capped at the runs pending.</param>
    /// <param name="label">The progress label.</param>
    /// <param name="noProgress">Plain log lines instead of a live bar.</param>
    /// <param name="log">Where warnings and plain progress go.</param>
    public static void Run<TRun>(IClaimedExperiment<TRun> experiment, ResultLedger<TRun> watcher, int jobs, string label, bool noProgress,
        TextWriter log) where TRun : class
    {
        var pending = experiment.PendingKeys();
        if (pending.Count == 0) return;
        jobs = Math.Min(jobs, WorkerProcesses.Available ? pending.Count : 1);
        double total = pending.Sum(experiment.Work);
        var reported = new HashSet<string>();
        var gate = new Lock();
        double finishedWork = 0, currentWork = 0;
        ProgressReporter.Run(label, total, noProgress, log, progress =>
        {
            void Poll()
            {
                lock (gate)
                {
                    watcher.Refresh();
                    foreach (string key in pending)
                    {
                        if (reported.Contains(key) || watcher.Runs.FirstOrDefault(r => experiment.KeyOf(r) == key) is not { } done) continue;
                        reported.Add(key);
                        finishedWork += experiment.Work(key);
                        progress.Finished($"{experiment.Describe(done)} [{reported.Count}/{pending.Count}]");
                    }
                    progress.Report(finishedWork + currentWork);
                }
            }

            using var workers = WorkerProcesses.Start(jobs - 1);
            using var timer = new Timer(_ => Poll(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
            // A worker that dies leaves its claims to a dead process; looping takes them over.
            while (true)
            {
                experiment.RunPending(
                    (key, fraction) => { lock (gate) currentWork = experiment.Work(key) * fraction; },
                    _ => { lock (gate) currentWork = 0; Poll(); },
                    run => log.WriteLine($"warning: {experiment.KeyOf(run)} was recorded by another process while this one computed it; this result was dropped."));
                var held = experiment.Ledger.ForeignClaims().Select(c => c.Key).ToHashSet();
                if (experiment.PendingKeys().All(held.Contains)) break;
            }
            foreach (string failure in workers.WaitAll()) log.WriteLine($"warning: {failure}");
            experiment.RunPending(null, _ => Poll(), null);
            Poll();
            return 0;
        });
    }
}
