using System.CommandLine;
using System.CommandLine.Parsing;
using NasSharp.Predictors;
using NasSharp.SearchSpaces;

namespace NasSharp.Cli.Commands;

/// <summary>Option factories shared by several commands, so every command spells and validates them alike.</summary>
public static class SharedOptions
{
    /// <summary><c>--space</c>, one of <see cref="SearchSpaceCatalog.Names"/>.</summary>
    public static Option<string> Space(bool required = true)
    {
        var o = new Option<string>("--space")
        {
            Description = $"Search space: {string.Join(", ", SearchSpaceCatalog.Names)}.",
            Required = required,
        };
        o.AcceptOnlyFromAmong([.. SearchSpaceCatalog.Names]);
        return o;
    }

    /// <summary><c>--target</c>: what to predict, e.g. cifar10; the help lists every target of every space.</summary>
    public static Option<string> Target() => new("--target")
    {
        Description = $"Benchmark target to predict, by space (a bare name trains and is evaluated on that metric): {BenchmarkAccess.TargetsHelp()}.",
        DefaultValueFactory = _ => "cifar10",
    };

    /// <summary><c>--predictor</c>, one of the kinds <c>train</c> can save (<see cref="PredictorRegistry.SavableKinds"/>).</summary>
    public static Option<string> Predictor()
    {
        var kinds = PredictorRegistry.SavableKinds;
        var o = new Option<string>("--predictor")
        {
            Description = $"Predictor: {string.Join(", ", kinds.Select(k => k.Name))} ({string.Join("; ", kinds.Select(k => $"{k.Name} = {k.Description}"))}).",
            DefaultValueFactory = _ => "np",
        };
        o.AcceptOnlyFromAmong([.. kinds.Select(k => k.Name)]);
        return o;
    }

    /// <summary><c>--seed</c>.</summary>
    public static Option<int> Seed() => new("--seed")
    {
        Description = "Seed of architecture sampling, weight initialisation, dropout and shuffling (same seed, same numbers).",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>--constraint of <c>search</c> and <c>study create</c>: bounds on costs a benchmark table knows before training.</summary>
    public static Option<string[]> Constraint() => new("--constraint")
    {
        Description = "A bound on a cost a benchmark table knows before training, [BENCHMARK:]METRIC<=NUMBER (or <, >=, >), e.g. " +
                      "params-cifar10<=0.5 or nb201-latency-help:gold-6226<8 (an unknown metric's error lists the table's); repeat for several. " +
                      "Only the table's architectures that satisfy every bound are proposed.",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary><c>--data</c>.</summary>
    public static Option<string?> Data() => new("--data")
    {
        Description = "Data root holding nb201/, nb101/, ... (default: $NASSHARP_DATA, ./data, then ../shared/data).",
    };

    /// <summary><c>--lr</c>.</summary>
    public static Option<double> LearningRate() => new("--lr")
    {
        Description = "Initial Adam learning rate (1e-3, cosine-decayed to 0).",
        DefaultValueFactory = _ => 1e-3,
    };

    /// <summary><c>--weight-decay</c>.</summary>
    public static Option<double> WeightDecay() => new("--weight-decay")
    {
        Description = "Adam L2 weight decay (0; the often-quoted 1e-3 with lr 1e-4 under-trains at these sizes).",
        DefaultValueFactory = _ => 0,
    };

    /// <summary><c>--no-progress</c>.</summary>
    public static Option<bool> NoProgress() => new("--no-progress")
    {
        Description = "Print plain log lines instead of a live progress bar (automatic when output is redirected).",
    };

    /// <summary>Adds a validator rejecting values below 1.</summary>
    public static Option<int> Positive(Option<int> option) => AtLeast(option, 1);

    /// <summary>
    /// Adds a validator rejecting values below <paramref name="minimum"/>; its error names the option, the bound, the
    /// value and, when given, <paramref name="reason"/> (e.g. why a training set needs two architectures).
    /// </summary>
    public static Option<int> AtLeast(Option<int> option, int minimum, string? reason = null)
    {
        AddMinimum(option, minimum, reason);
        return option;
    }

    /// <summary>Adds a validator rejecting given values below 1 to an option that may be left out.</summary>
    public static Option<int?> Positive(Option<int?> option)
    {
        AddMinimum(option, 1, null);
        return option;
    }

    /// <summary>
    /// Adds a validator rejecting values above the machine's cores (<c>--threads</c>, <c>--jobs</c>): more only
    /// oversubscribe them.
    /// </summary>
    public static Option<int> AtMostCores(Option<int> option)
    {
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, out int v) && v > Environment.ProcessorCount)
                r.AddError($"{option.Name} must be at most {Environment.ProcessorCount} (the cores of this machine), got {v}.");
        });
        return option;
    }

    /// <summary><c>--train</c> of <c>train</c> and <c>bench</c>: a count of training architectures, at least 2.</summary>
    public static Option<int> TrainingCount(Option<int> option) =>
        AtLeast(option, 2, "a predictor learns a ranking from at least two architectures");

    /// <summary>Parses training sizes, a comma-separated list of integers ≥ 2 such as <c>39,78,156,469</c>.</summary>
    public static int[]? ParseSizes(ArgumentResult result) => ParseIntegers(result, "training sizes", 2, "39,78,156,469");

    /// <summary>
    /// Parses a comma-separated list of distinct integers ≥ <paramref name="minimum"/> (order kept); an error names
    /// <paramref name="what"/>, the bound and an <paramref name="example"/>.
    /// </summary>
    public static int[]? ParseIntegers(ArgumentResult result, string what, int minimum, string example)
    {
        var values = new List<int>();
        foreach (string part in string.Join(",", result.Tokens.Select(t => t.Value)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int v) || v < minimum)
            {
                result.AddError($"Expected {what} as comma-separated integers ≥ {minimum} (e.g. {example}); '{part}' is not one.");
                return null;
            }
            values.Add(v);
        }
        if (values.Count == 0) result.AddError($"Expected at least one of the {what}.");
        return [.. values.Distinct()];
    }

    /// <summary>
    /// Parses a comma-separated list of names from <paramref name="valid"/> (duplicates dropped, order kept); an error
    /// names the first unknown <paramref name="what"/> and lists the valid ones.
    /// </summary>
    public static string[] ParseChoices(ArgumentResult result, IReadOnlyList<string> valid, string what)
    {
        string[] parts = string.Join(",", result.Tokens.Select(t => t.Value)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.FirstOrDefault(p => !valid.Contains(p)) is { } unknown)
        {
            result.AddError($"Unknown {what} '{unknown}'; valid: {string.Join(", ", valid)}.");
            return [];
        }
        return [.. parts.Distinct()];
    }

    private static void AddMinimum(Option option, int minimum, string? reason)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(r =>
        {
            // Tokens, not the typed value: a token that does not parse already has its own error.
            if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, out int v) && v < minimum)
                r.AddError($"{option.Name} must be at least {minimum}{(reason is null ? "" : $" ({reason})")}, got {v}.");
        });
    }
}
