namespace NasSharp.Search.Strategies;

/// <summary>A strategy the registry knows.</summary>
/// <param name="Name">What <c>--strategy</c> takes.</param>
/// <param name="Description">One line for <c>--help</c>.</param>
/// <param name="UsesPredictor">Whether it is guided by the <c>--predictor</c>.</param>
/// <param name="Create">Builds a fresh strategy for one run.</param>
public sealed record StrategyInfo(string Name, string Description, bool UsesPredictor, Func<StrategyContext, StrategySettings, ISearchStrategy> Create);
