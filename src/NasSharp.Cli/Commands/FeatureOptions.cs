using System.CommandLine;
using NasSharp.Features;

namespace NasSharp.Cli.Commands;

/// <summary>
/// Which architecture features a predictor uses (<c>--features</c>, <c>--feature-file</c>, <c>--feature-columns</c>,
/// <c>--feature-arch-column</c>): here the hybrid readout of np and hypernas-p (<c>--with-features</c>). The names and
/// meanings are those of the feature models' options (issue 15), so one set of options serves both.
/// </summary>
public sealed class FeatureOptions
{
    private readonly Option<string> features = new("--features")
    {
        Description = "Features: graph = the space's graph features (docs/FEATURES.md) followed by any --feature-file columns; " +
                      "none = only the --feature-file columns.",
        DefaultValueFactory = _ => "graph",
    };
    private readonly Option<string?> file = new("--feature-file")
    {
        Description = "A CSV of per-architecture features (e.g. the table's NASWOT column, or 'nassharp proxies' output); needs --feature-columns.",
    };
    private readonly Option<string[]?> columns = new("--feature-columns")
    {
        Description = "Comma-separated numeric columns of --feature-file to use as features (empty fields are missing values).",
        CustomParser = r => [.. r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))],
    };
    private readonly Option<string> archColumn = new("--feature-arch-column")
    {
        Description = "--feature-file's column of architecture strings.",
        DefaultValueFactory = _ => "arch",
    };

    /// <summary>Creates the options.</summary>
    public FeatureOptions()
    {
        features.AcceptOnlyFromAmong("graph", "none");
    }

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [features, file, columns, archColumn];

    /// <summary>The chosen features; a feature file's path is made absolute, so configs and model files find it from anywhere.</summary>
    /// <exception cref="ArgumentException">--feature-file without --feature-columns or the other way round, or no features at all.</exception>
    public FeatureConfig Config(ParseResult pr)
    {
        string? path = pr.GetValue(file);
        // Absent, the option's custom parser still yields an empty list, so "given" means "names at least one column".
        string[]? chosen = pr.GetValue(columns) is { Length: > 0 } names ? names : null;
        if (path is not null && chosen is null)
            throw new ArgumentException("--feature-file needs --feature-columns, the columns to use as features.");
        if (path is null && chosen is not null)
            throw new ArgumentException("--feature-columns needs --feature-file, the CSV that holds them.");
        bool graph = pr.GetValue(features) == "graph";
        if (!graph && path is null)
            throw new ArgumentException("--features none leaves no features: give --feature-file and --feature-columns.");
        return new FeatureConfig
        {
            Graph = graph,
            Files = path is null ? [] : [new FeatureFile(Path.GetFullPath(path), pr.GetValue(archColumn)!, chosen!)],
        };
    }
}
