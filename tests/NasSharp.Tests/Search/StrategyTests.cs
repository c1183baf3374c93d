using NasSharp.Predictors;
using NasSharp.Search;
using NasSharp.Search.Oracles;
using NasSharp.Search.Strategies;
using NasSharp.SearchSpaces.Tb101;

namespace NasSharp.Tests.Search;

/// <summary>Every strategy on the synthetic 64-cell problem: finds the optimum, replays, and never sees the report metric.</summary>
public sealed class StrategyTests : IDisposable
{
    private readonly SyntheticTable synthetic = new();

    public void Dispose() => synthetic.Dispose();

    /// <summary>Small settings so that the predictor-guided strategies act within a 64-cell space and a 40-query budget.</summary>
    private static readonly StrategySettings Small = new StrategySettings() with
    {
        Evolution = new RegularizedEvolutionConfig(Population: 10, SampleSize: 3),
        LocalSearch = new LocalSearchConfig(InitialRandom: 5),
        PredictorGuided = new PredictorGuidedConfig(InitialRandom: 5, RefitEvery: 5, Parents: 3, Candidates: 30),
        Bananas = new BananasConfig(new PredictorGuidedConfig(InitialRandom: 5, RefitEvery: 5, Parents: 3, Candidates: 30)),
        HyperNas = new HyperNasProtocolConfig(Train: 10, new RegularizedEvolutionConfig(Population: 10, SampleSize: 3), Cycles: 200),
        MpNas = new MpNasProtocolConfig(Initial: 5, RefitEvery: 5, Candidates: 100),
    };

    private static StrategyContext Context(OracleTable table, int seed, int budget)
    {
        var space = new Tb101MicroSpace();
        return new StrategyContext(table.Domain, seed, budget,
            () => PredictorRegistry.Create(PredictorRegistry.OpCount, new PredictorContext(space)),
            size => (IUncertainPredictor)PredictorRegistry.Create(PredictorRegistry.Ensemble,
                new PredictorContext(space) { Ensemble = new EnsembleConfig(PredictorRegistry.OpCount, size) }));
    }

    private static List<TrajectoryPoint> Run(string strategy, OracleTable table, int seed, int budget, IReadOnlyList<TrajectoryPoint>? replay = null)
    {
        using var instance = StrategyRegistry.Get(strategy).Create(Context(table, seed, budget), Small);
        return SearchRunner.Run(instance, new Oracle(table), budget, replay);
    }

    public static TheoryData<string> Strategies() => [.. StrategyRegistry.Names];

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Finds_the_optimum_of_a_tiny_space(string strategy)
    {
        var table = synthetic.Load();
        Assert.Equal(64, table.Domain.Size);
        // Random search needs the whole space to be sure; the others must get there well before.
        int budget = strategy == RandomSearch.Id ? 64 : 40;
        foreach (int seed in new[] { 0, 1, 2 })
        {
            var trajectory = Run(strategy, table, seed, budget);
            Assert.Contains(trajectory, p => p.Arch == SyntheticTable.Optimum);
            Assert.Equal(SyntheticTable.OptimumValue + SyntheticTable.ReportOffset, trajectory[^1].BestReportValue);
            Assert.Equal(trajectory.Count, trajectory.Select(p => p.Arch).Distinct().Count());
        }
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Same_seed_gives_the_same_trajectory_and_another_seed_another(string strategy)
    {
        var table = synthetic.Load();
        var first = Run(strategy, table, 7, 25);
        Assert.Equal(first, Run(strategy, table, 7, 25));
        Assert.NotEqual(first.Select(p => p.Arch), Run(strategy, table, 8, 25).Select(p => p.Arch));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void A_replayed_prefix_continues_to_the_uninterrupted_result(string strategy)
    {
        var table = synthetic.Load();
        var whole = Run(strategy, table, 3, 30);
        foreach (int cut in new[] { 1, 12, 29 })
            Assert.Equal(whole, Run(strategy, table, 3, 30, replay: whole.Take(cut).ToArray()));
    }

    [Fact]
    public void A_replay_of_another_run_is_refused()
    {
        var table = synthetic.Load();
        var other = Run(RandomSearch.Id, table, 4, 10);
        var e = Assert.Throws<InvalidDataException>(() => Run(RandomSearch.Id, table, 5, 10, replay: other));
        Assert.Contains("Replaying query 1", e.Message);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void The_report_metric_does_not_change_what_a_strategy_does(string strategy)
    {
        // Two oracles that agree on the search metric and disagree wildly on the report metric.
        var honest = synthetic.Load();
        var scrambled = OracleTable.FromCsv(synthetic.Write("scrambled.csv", c => -1000 * SyntheticTable.Value(c) + Tb101MicroSpace.Parse(c).Sum() % 7),
            new Tb101MicroSpace(), "arch", "val", lowerIsBetter: false, report: "test");
        Assert.Equal(Run(strategy, honest, 11, 30).Select(p => p.Arch), Run(strategy, scrambled, 11, 30).Select(p => p.Arch));
    }

    [Fact]
    public void Strategies_are_given_no_path_to_the_report_metric()
    {
        // What a strategy is told and created with: no member of these types can carry a report value or the oracle.
        var forbidden = new[] { typeof(Measurement), typeof(Oracle), typeof(OracleTable) };
        foreach (var type in new[] { typeof(Observation), typeof(StrategyContext), typeof(ISearchStrategy), typeof(StrategySettings) })
        {
            foreach (var property in type.GetProperties())
                Assert.DoesNotContain(property.PropertyType, forbidden);
            foreach (var method in type.GetMethods())
                Assert.DoesNotContain(method.GetParameters(), p => forbidden.Contains(p.ParameterType));
        }
        Assert.DoesNotContain(typeof(Observation).GetProperties(), p => p.Name.Contains("Report", StringComparison.Ordinal));
    }

    [Fact]
    public void Lower_is_better_flips_the_direction()
    {
        string file = synthetic.Write("loss.csv");
        var table = OracleTable.FromCsv(file, new Tb101MicroSpace(), "arch", "val", lowerIsBetter: true, report: "test");
        var (arch, value, _) = table.Optimum();
        Assert.Equal(Tb101MicroSpace.Format([2, 2, 2, 2, 2, 2]), arch);
        Assert.Equal(0, value);
        var trajectory = Run(RegularizedEvolution.Id, table, 0, 40);
        Assert.Contains(trajectory, p => p.Arch == arch);
    }

    [Fact]
    public void A_strategy_stops_when_the_domain_is_used_up()
    {
        var table = synthetic.Load();
        var trajectory = Run(RegularizedEvolution.Id, table, 0, 100);
        Assert.Equal(64, trajectory.Count);
        Assert.Equal(SyntheticTable.Cells.Order(StringComparer.Ordinal), trajectory.Select(p => p.Arch).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Best_neighbourhood_first_measures_the_incumbents_neighbours_first()
    {
        var table = synthetic.Load();
        var settings = Small with { PredictorGuided = Small.PredictorGuided with { BestNeighbourhoodFirst = true } };
        using var npenas = new PredictorGuidedEvolution(Context(table, 2, 40), settings.PredictorGuided);
        var trajectory = SearchRunner.Run(npenas, new Oracle(table), 40);
        var initial = trajectory.Take(5).MaxBy(p => p.SearchValue)!;
        var fresh = table.Domain.Neighbours(initial.Arch).Except(trajectory.Take(5).Select(p => p.Arch)).ToHashSet();
        // The first batch of 5 holds as many unmeasured neighbours of the incumbent as there are, up to 5.
        Assert.Equal(Math.Min(5, fresh.Count), trajectory.Skip(5).Take(5).Count(p => fresh.Contains(p.Arch)));
        Assert.Contains(trajectory, p => p.Arch == SyntheticTable.Optimum);
    }
}
