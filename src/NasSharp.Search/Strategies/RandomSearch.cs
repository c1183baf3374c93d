namespace NasSharp.Search.Strategies;

/// <summary>Random search: uniformly random architectures, each identity once (the baseline of every search table).</summary>
public sealed class RandomSearch(StrategyContext context) : SearchStrategy(context)
{
    /// <summary>Registry name.</summary>
    public const string Id = "random";

    /// <inheritdoc/>
    public override string Name => Id;

    /// <inheritdoc/>
    protected override string? Propose() => SampleNew();
}
