using System.Globalization;

namespace NasSharp.Evaluation;

/// <summary>
/// A factor one panel of the synthetic study varies (mp-nas Figure 2): σ (panel A), the number of correlated
/// meta-training tasks (B) or of pure-noise ones (C). The registry is <see cref="All"/>.
/// </summary>
/// <param name="Name">Name in <c>--vary</c>.</param>
/// <param name="Expected">The values that fit, for error messages.</param>
/// <param name="Fits">Whether a value fits.</param>
/// <param name="Apply">The setting with the factor set to a (fitting) value.</param>
public sealed record SyntheticFactor(string Name, string Expected, Func<double, bool> Fits, Func<SyntheticSetting, double, SyntheticSetting> Apply)
{
    /// <summary>σ of every synthetic task (Figure 2A).</summary>
    public static SyntheticFactor Sigma { get; } = new("sigma", "numbers ≥ 0", v => v >= 0, (s, v) => s with { Sigma = v });

    /// <summary>Correlated meta-training tasks (Figure 2B).</summary>
    public static SyntheticFactor CorrelatedTasks { get; } = new("correlated-tasks", "whole numbers ≥ 1",
        v => v >= 1 && v == Math.Floor(v), (s, v) => s with { CorrelatedTasks = (int)v });

    /// <summary>Pure-noise meta-training tasks added to the correlated ones (Figure 2C).</summary>
    public static SyntheticFactor UncorrelatedTasks { get; } = new("uncorrelated-tasks", "whole numbers ≥ 0",
        v => v >= 0 && v == Math.Floor(v), (s, v) => s with { UncorrelatedTasks = (int)v });

    /// <summary>Every factor, in panel order.</summary>
    public static IReadOnlyList<SyntheticFactor> All { get; } = [Sigma, CorrelatedTasks, UncorrelatedTasks];

    /// <summary>The names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(f => f.Name)];

    /// <summary>The factor called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the valid ones.</exception>
    public static SyntheticFactor Get(string name) =>
        All.FirstOrDefault(f => f.Name == name) ?? throw new ArgumentException($"Unknown factor '{name}'; valid: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>The settings of one panel: <paramref name="defaults"/> with this factor set to each of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">A value that does not fit the factor (a negative σ, a fractional task count, ...).</exception>
    public SyntheticSetting[] Panel(IReadOnlyList<double> values, SyntheticSetting defaults)
    {
        foreach (double v in values)
            if (!Fits(v)) throw new ArgumentException($"--values for {Name} must be {Expected}; got {v.ToString(CultureInfo.InvariantCulture)}.");
        return [.. values.Select(v => Apply(defaults, v))];
    }
}
