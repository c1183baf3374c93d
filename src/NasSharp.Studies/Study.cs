using System.Text.Json.Nodes;
using NasSharp.Data;
using NasSharp.Studies.Storage;

namespace NasSharp.Studies;

/// <summary>
/// Ask/tell search over a persistent store: any process holding a <see cref="Study"/> of the same store and name may ask
/// for the next trial, and the answer depends on the store alone (the strategy is rebuilt from the complete trials,
/// <see cref="StrategyReplay"/>), so a restarted study continues exactly. An ask never proposes an architecture that
/// is waiting, running, complete or failed, and asks are serialised by the store, so waiting + running + complete
/// + failed never exceed the budget.
/// </summary>
public sealed class Study : IDisposable
{
    private readonly StudyStrategy strategies;
    private readonly TimeProvider clock;
    private StrategyReplay? replay;

    private Study(IStudyStore store, StudyRecord record, StudyStrategy strategies, TimeProvider clock)
    {
        Store = store;
        Record = record;
        this.strategies = strategies;
        this.clock = clock;
    }

    /// <summary>The store.</summary>
    public IStudyStore Store { get; }

    /// <summary>The study as stored.</summary>
    public StudyRecord Record { get; }

    /// <summary>What it searches.</summary>
    public StudyDefinition Definition => Record.Definition;

    /// <summary>
    /// Creates the study <paramref name="definition"/> in <paramref name="store"/>; the strategy is built first, so a
    /// definition that cannot run (a missing benchmark table, an unknown predictor) creates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">An invalid definition, or a study of that name exists.</exception>
    public static Study Create(IStudyStore store, StudyDefinition definition, Func<DataRoot> root, Device device, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(definition);
        clock ??= TimeProvider.System;
        var strategies = new StudyStrategy(definition, root, device);
        return new Study(store, store.CreateStudy(definition, clock.GetUtcNow()), strategies, clock);
    }

    /// <summary>Opens the study called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such study (the message lists the store's).</exception>
    public static Study Open(IStudyStore store, string name, Func<DataRoot> root, Device device, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var record = store.GetStudy(name);
        return new Study(store, record, new StudyStrategy(record.Definition, root, device), clock ?? TimeProvider.System);
    }

    /// <summary>The architectures the strategy may propose (the domain less what the constraints rule out).</summary>
    public SearchSpaces.SearchDomain Domain => strategies.Domain;

    /// <summary>The study's trials by number.</summary>
    public IReadOnlyList<Trial> Trials() => Store.Trials(Record.Id);

    /// <summary>The identity of <paramref name="arch"/> in the study's space.</summary>
    public string KeyOf(string arch) => strategies.Domain.Key(arch);

    /// <summary>
    /// The next trial for <paramref name="worker"/>, leased for <paramref name="lease"/>: first expired leases return to
    /// the queue (failed for good after more than <paramref name="retries"/> failures), then a waiting trial is claimed,
    /// else the strategy proposes a new one. Null when nothing can be claimed now: the budget is taken or the strategy
    /// has nothing left (<see cref="IsFinished"/> tells whether running trials may still come back).
    /// </summary>
    public Trial? Ask(string worker, TimeSpan lease, int retries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        Store.ExpireLeases(Record.Id, clock.GetUtcNow(), retries);
        if (Store.ClaimWaiting(Record.Id, worker, clock.GetUtcNow(), lease) is { } waiting) return waiting;
        // The proposal (predictor fits and all) is made outside the store's lock, then used when the store still looks the
        // same under it; only when another process changed it meanwhile is it made again, under the lock.
        var snapshot = Store.Trials(Record.Id);
        var early = Propose(snapshot);
        string basis = Basis(snapshot);
        return Store.ClaimOrCreate(Record.Id, worker, clock.GetUtcNow(), lease, trials => Basis(trials) == basis ? early : Propose(trials));
    }

    /// <summary>
    /// After an <see cref="Ask"/> that found nothing: whether no trial can come back to the queue, i.e. none waits or runs
    /// (so the budget is used up or the strategy has nothing left), and a worker may stop rather than wait.
    /// </summary>
    public bool IsFinished(IReadOnlyList<Trial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        return !trials.Any(t => t.State is TrialState.Waiting or TrialState.Running);
    }

    /// <summary>Renews <paramref name="lease"/> for <paramref name="length"/>; false when the attempt lost it (expired and re-queued).</summary>
    public bool Heartbeat(TrialLease lease, TimeSpan length) => Store.Heartbeat(lease, clock.GetUtcNow(), length);

    /// <summary>Records <paramref name="result"/> for <paramref name="lease"/>'s attempt; false when that attempt is no longer the running one.</summary>
    /// <exception cref="ArgumentException">Not one finite value per objective.</exception>
    public bool Tell(TrialLease lease, TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Values.Count != Definition.ObjectiveNames.Count)
            throw new ArgumentException($"Study '{Definition.Name}' records {Definition.ObjectiveNames.Count} objective(s) ({string.Join(", ", Definition.ObjectiveNames)}), got {result.Values.Count} value(s).");
        return Store.Complete(lease, result, clock.GetUtcNow());
    }

    /// <summary>Records a failed attempt; the trial is retried until it failed more than <paramref name="retries"/> times.</summary>
    public TrialState? Fail(TrialLease lease, string error, JsonObject attributes, int retries) =>
        Store.Fail(lease, error, attributes, retries, clock.GetUtcNow());

    /// <summary>Returns <paramref name="lease"/>'s trial to the queue at once (the worker was asked to stop).</summary>
    public bool Release(TrialLease lease) => Store.Release(lease, clock.GetUtcNow());

    /// <inheritdoc/>
    public void Dispose() => replay?.Dispose();

    private (string Arch, string Key)? Propose(IReadOnlyList<Trial> trials)
    {
        if (trials.Count >= Definition.Budget) return null;
        var complete = trials.Where(t => t.State == TrialState.Complete).OrderBy(t => t.Completion).ToArray();
        var reserved = trials.Where(t => t.State != TrialState.Complete).ToArray();
        if (replay is not null && !replay.Continues(complete))
        {
            replay.Dispose();
            replay = null;
        }
        replay ??= new StrategyReplay(strategies.Create(), Definition, KeyOf);
        replay.Advance(complete);
        string? arch = replay.Next(reserved);
        return arch is null ? null : (arch, KeyOf(arch));
    }

    // What a proposal depends on: the completions in order and the architectures taken otherwise.
    private static string Basis(IReadOnlyList<Trial> trials) => string.Join(";",
        trials.Where(t => t.State == TrialState.Complete).OrderBy(t => t.Completion).Select(t => t.Id)) + "|" +
        string.Join(";", trials.Where(t => t.State != TrialState.Complete).Select(t => $"{t.Id}:{t.State}"));
}
