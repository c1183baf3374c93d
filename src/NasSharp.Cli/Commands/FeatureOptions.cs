using System.CommandLine;
using NasSharp.Features;
using NasSharp.Predictors.Features;

namespace NasSharp.Cli.Commands;

/// <summary>
/// The options of the feature models (forest, lgbm, boost): which features they learn from and how their tree settings
/// are chosen; shared by <c>train</c>, <c>rank</c> and <c>search</c>. The feature choice also serves the hybrid readout
/// of np and hypernas-p (<c>--with-features</c>).
/// </summary>
public sealed class FeatureOptions
{
    private readonly Option<string> features = new("--features")
    {
        Description = "Feature models and --with-features: graph = the space's graph features (docs/FEATURES.md) followed by any --feature-file columns; " +
                      "none = only the --feature-file columns.",
        DefaultValueFactory = _ => "graph",
    };
    private readonly Option<string?> file = new("--feature-file")
    {
        Description = "Feature models and --with-features: a CSV of per-architecture features (e.g. the table's NASWOT column, or 'nassharp proxies' output); needs --feature-columns.",
    };
    private readonly Option<string[]?> columns = new("--feature-columns")
    {
        Description = "Comma-separated numeric columns of --feature-file to use as features (empty fields are missing values); " +
                      "log1p(COLUMN) uses ln(1 + value), for heavy-tailed proxies such as synflow.",
        CustomParser = r => [.. r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))],
    };
    private readonly Option<string> archColumn = new("--feature-arch-column")
    {
        Description = "--feature-file's column of architecture strings.",
        DefaultValueFactory = _ => "arch",
    };
    private readonly Option<bool> noCv = new("--no-cv")
    {
        Description = "Feature models: skip the cross-validation and train with fixed settings (forest 300 trees, 32 leaves, 1 per leaf; " +
                      "boosting 400 trees, 5 leaves, lr 0.05, 2 per leaf).",
    };
    private readonly Option<int> folds = SharedOptions.AtLeast(new Option<int>("--cv-folds")
    {
        Description = "Feature models: folds of the cross-validation over the training cells that chooses the tree settings (Kendall τ of the out-of-fold predictions).",
        DefaultValueFactory = _ => FeatureModelConfig.DefaultFolds,
    }, 2);

    /// <summary>Creates the options.</summary>
    public FeatureOptions()
    {
        features.AcceptOnlyFromAmong("graph", "none");
    }

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [features, file, columns, archColumn, noCv, folds];

    /// <summary>The chosen features; a feature file's path is made absolute, so configs and model files find it from anywhere.</summary>
    /// <exception cref="ArgumentException">--feature-file without --feature-columns or the other way round, or no features at all.</exception>
    public FeatureConfig Config(ParseResult pr)
    {
        string? path = pr.GetValue(file);
        string[]? chosen = pr.GetValue(columns) is { Length: > 0 } given ? given : null;
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

    /// <summary>How the tree settings are chosen.</summary>
    public FeatureModelConfig ModelConfig(ParseResult pr) =>
        new() { CrossValidate = !pr.GetValue(noCv), Folds = pr.GetValue(folds) };
}
