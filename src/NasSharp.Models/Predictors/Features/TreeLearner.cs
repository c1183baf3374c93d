namespace NasSharp.Predictors.Features;

/// <summary>The ML.NET tree-ensemble learners a feature model can use (docs/DECISIONS.md, "Issue 15: feature models").</summary>
public enum TreeLearner
{
    /// <summary>ML.NET FastForest: a random forest of bagged regression trees (Microsoft.ML.FastTree).</summary>
    FastForest,

    /// <summary>ML.NET FastTree: gradient-boosted regression trees, MART (Microsoft.ML.FastTree).</summary>
    FastTree,

    /// <summary>LightGBM gradient boosting through ML.NET (Microsoft.ML.LightGbm, the native LightGBM library).</summary>
    LightGbm,
}
