using NasSharp.Search.Oracles;
using NasSharp.Search.Strategies;

namespace NasSharp.Search;

/// <summary>
/// Runs one strategy against an oracle for a query budget and records the trajectory. The strategy sees only
/// <see cref="Observation"/>s; report values go into the trajectory, never to the strategy.
/// </summary>
public static class SearchRunner
{
    /// <summary>
    /// Asks <paramref name="strategy"/> for up to <paramref name="budget"/> architectures, measures each with
    /// <paramref name="oracle"/> and tells the strategy. A <paramref name="replay"/> (the start of an earlier run's
    /// trajectory) is fed back first without querying: the strategy must propose the same architectures again, which a
    /// deterministic strategy does, and the run continues from there to the result an uninterrupted run gives.
    /// </summary>
    /// <exception cref="InvalidDataException">The strategy proposes something other than the replay records.</exception>
    public static List<TrajectoryPoint> Run(ISearchStrategy strategy, Oracle oracle, int budget,
        IReadOnlyList<TrajectoryPoint>? replay = null, Action<int>? queried = null)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 1);
        var table = oracle.Table;
        var trajectory = new List<TrajectoryPoint>(budget);
        Observation? incumbent = null;
        double? incumbentReport = null;
        double cost = 0;
        while (trajectory.Count < budget)
        {
            string? arch = strategy.Ask();
            if (arch is null) break;
            Observation observation;
            double? report;
            double queryCost;
            if (replay is not null && trajectory.Count < replay.Count)
            {
                var recorded = replay[trajectory.Count];
                string key = table.Domain.Key(recorded.Arch);
                if (table.Domain.Key(arch) != key)
                    throw new InvalidDataException($"Replaying query {recorded.Query}: the strategy proposed '{arch}' where the record has " +
                        $"'{recorded.Arch}'; the record belongs to another strategy, seed or code version.");
                observation = new Observation(recorded.Arch, key, recorded.SearchValue, table.Fitness(recorded.SearchValue));
                report = recorded.ReportValue;
                queryCost = (recorded.Cost ?? 0) - cost;
            }
            else
            {
                var measurement = oracle.Query(arch);
                (observation, report, queryCost) = (measurement.Observation, measurement.Report, measurement.Cost);
            }
            strategy.Tell(observation);
            if (incumbent is null || observation.Fitness > incumbent.Fitness) (incumbent, incumbentReport) = (observation, report);
            cost += queryCost;
            trajectory.Add(new TrajectoryPoint(trajectory.Count + 1, observation.Arch, observation.Value, report, incumbentReport,
                table.CostMetric is null ? null : cost));
            queried?.Invoke(trajectory.Count);
        }
        return trajectory;
    }
}
