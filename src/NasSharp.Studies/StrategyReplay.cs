using NasSharp.Search.Oracles;
using NasSharp.Search.Strategies;

namespace NasSharp.Studies;

/// <summary>
/// A study's strategy rebuilt from its store, so its next proposal is a function of the store alone (docs/DECISIONS.md,
/// "Studies: the strategy is rebuilt from the store"). The complete trials are replayed in completion order: before
/// each, the strategy is asked for its own next proposal when none is waiting; a completion of that proposal is told
/// (<see cref="ISearchStrategy.Tell"/>), any other completion is observed (<see cref="ISearchStrategy.Observe"/>) and
/// the proposal keeps waiting. A one-worker study thus replays exactly as <c>SearchRunner</c> does. The next trial is
/// the waiting proposal (asked for when none waits) unless it is reserved — running, waiting or failed — in which case
/// the reserved architectures are withdrawn from the strategy (<see cref="ISearchStrategy.Reserve"/>) and it is asked
/// again.
/// </summary>
internal sealed class StrategyReplay : IDisposable
{
    private readonly ISearchStrategy strategy;
    private readonly StudyDefinition definition;
    private readonly Func<string, string> keyOf;
    private readonly List<long> told = [];
    private string? waiting;

    public StrategyReplay(ISearchStrategy strategy, StudyDefinition definition, Func<string, string> keyOf)
    {
        this.strategy = strategy;
        this.definition = definition;
        this.keyOf = keyOf;
    }

    /// <summary>
    /// False once a reservation changed the strategy: reserving marks architectures proposed before later completions
    /// are replayed, which a rebuild does after them, so this instance no longer equals a rebuild and must be dropped.
    /// </summary>
    public bool Exact { get; private set; } = true;

    /// <summary>Whether <paramref name="completed"/> (completion order) extends what this instance replayed.</summary>
    public bool Continues(IReadOnlyList<Trial> completed) =>
        Exact && completed.Count >= told.Count && told.Select((id, i) => completed[i].Id == id).All(same => same);

    /// <summary>Replays the completions after those already replayed.</summary>
    public void Advance(IReadOnlyList<Trial> completed)
    {
        for (int i = told.Count; i < completed.Count; i++)
        {
            var trial = completed[i];
            waiting ??= strategy.Ask();
            double value = trial.Values![0];
            var observation = new Observation(trial.Arch, trial.Key, value, definition.Fitness(value));
            if (waiting is not null && keyOf(waiting) == trial.Key)
            {
                strategy.Tell(observation);
                waiting = null;
            }
            else
            {
                strategy.Observe(observation);
            }
            told.Add(trial.Id);
        }
    }

    /// <summary>The next architecture, none of <paramref name="reserved"/> (keys); null when the strategy has nothing left.</summary>
    public string? Next(IReadOnlyCollection<Trial> reserved)
    {
        waiting ??= strategy.Ask();
        if (reserved.Count > 0)
        {
            Exact = false;
            bool withdrawn = strategy.Reserve(reserved.Select(t => t.Arch));
            if (withdrawn) waiting = strategy.Ask();
        }
        return waiting;
    }

    public void Dispose() => strategy.Dispose();
}
