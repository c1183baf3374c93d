namespace NasSharp.Persistence;

/// <summary>
/// An experiment made of independent runs recorded in a <see cref="ResultLedger{TRun}"/>, which any number of
/// processes may work on at once (docs/DECISIONS.md, "Result folders"); what a command needs to drive it with
/// progress and parallel workers.
/// </summary>
/// <typeparam name="TRun">One finished run.</typeparam>
public interface IClaimedExperiment<TRun> where TRun : class
{
    /// <summary>The results file.</summary>
    ResultLedger<TRun> Ledger { get; }

    /// <summary>Keys of the runs no process has recorded yet.</summary>
    IReadOnlyList<string> PendingKeys();

    /// <summary>Relative cost of the run <paramref name="key"/>, for progress estimates.</summary>
    double Work(string key);

    /// <summary>The key of a finished run.</summary>
    string KeyOf(TRun run);

    /// <summary>One line about a finished run, for the log.</summary>
    string Describe(TRun run);

    /// <summary>
    /// Claims and runs every pending run no other live process holds, recording each as it finishes.
    /// </summary>
    /// <param name="progress">Called with (run key, fraction of that run done).</param>
    /// <param name="finished">Called with each run this process recorded.</param>
    /// <param name="dropped">Called with a run computed here that another process recorded meanwhile.</param>
    void RunPending(Action<string, double>? progress, Action<TRun>? finished, Action<TRun>? dropped);
}
