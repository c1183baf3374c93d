using System.Text.Json.Nodes;

namespace NasSharp.Studies.Storage;

/// <summary>
/// A persistent store of studies and their trials, and the queue workers pull from: every method is one atomic
/// transaction, safe to call from any number of processes at once. Times come from the caller (an injectable clock).
/// Two implementations share one schema and one conformance suite: <see cref="SqliteStudyStore"/> and
/// <see cref="PostgresStudyStore"/>; <see cref="StudyStores.Open"/> picks one by URL.
/// </summary>
public interface IStudyStore : IDisposable
{
    /// <summary>Where the store is, for messages (a file path, or host/database without the password).</summary>
    string Location { get; }

    /// <summary>Creates the study <paramref name="definition"/>.</summary>
    /// <exception cref="ArgumentException">A study of that name exists already (the message says what it searches).</exception>
    StudyRecord CreateStudy(StudyDefinition definition, DateTimeOffset now);

    /// <summary>The study called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such study; the message lists the store's studies.</exception>
    StudyRecord GetStudy(string name);

    /// <summary>Every study, oldest first.</summary>
    IReadOnlyList<StudyRecord> Studies();

    /// <summary>The study's trials by number.</summary>
    IReadOnlyList<Trial> Trials(long studyId);

    /// <summary>
    /// Returns running trials whose lease ended before <paramref name="now"/> to the queue (a failure of that attempt),
    /// or fails them for good once they failed more than <paramref name="retries"/> times.
    /// </summary>
    /// <returns>The trials affected.</returns>
    int ExpireLeases(long studyId, DateTimeOffset now, int retries);

    /// <summary>
    /// Leases the lowest-numbered waiting trial to <paramref name="worker"/> as its next attempt (PostgreSQL skips rows
    /// another claim holds), or null when none waits.
    /// </summary>
    Trial? ClaimWaiting(long studyId, string worker, DateTimeOffset now, TimeSpan lease);

    /// <summary>
    /// Under the study's lock, so concurrent asks are serialised: claims a waiting trial when one appeared, else calls
    /// <paramref name="propose"/> with the study's trials and adds its architecture as a new running trial leased to
    /// <paramref name="worker"/>; null when nothing waits and <paramref name="propose"/> returns null.
    /// </summary>
    /// <exception cref="InvalidOperationException">The proposal's key is already a trial of the study.</exception>
    Trial? ClaimOrCreate(long studyId, string worker, DateTimeOffset now, TimeSpan lease, Func<IReadOnlyList<Trial>, (string Arch, string Key)?> propose);

    /// <summary>Renews <paramref name="lease"/> until <paramref name="now"/> + <paramref name="length"/>; false when it is no longer the running attempt.</summary>
    bool Heartbeat(TrialLease lease, DateTimeOffset now, TimeSpan length);

    /// <summary>
    /// Records the result of <paramref name="lease"/>'s attempt and gives the trial the next completion number; false
    /// (nothing changes) when that attempt is no longer the running one, so a result counts once.
    /// </summary>
    bool Complete(TrialLease lease, TrialResult result, DateTimeOffset now);

    /// <summary>
    /// Records that <paramref name="lease"/>'s attempt failed with <paramref name="error"/>: the trial waits for a retry,
    /// or fails for good after more than <paramref name="retries"/> failures.
    /// </summary>
    /// <returns>The trial's new state, or null when the attempt was no longer the running one.</returns>
    TrialState? Fail(TrialLease lease, string error, JsonObject attributes, int retries, DateTimeOffset now);

    /// <summary>Returns <paramref name="lease"/>'s trial to the queue at once (a stopped worker); not counted as a failure.</summary>
    bool Release(TrialLease lease, DateTimeOffset now);
}
