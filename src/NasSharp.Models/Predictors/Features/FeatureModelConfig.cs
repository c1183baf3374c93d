using System.Text.Json.Serialization;

namespace NasSharp.Predictors.Features;

/// <summary>
/// How a feature model chooses its tree settings: by k-fold cross-validation over its training architectures only
/// (default), scored by the Kendall τ of the pooled out-of-fold predictions, or fixed. Value equality, lists element by element.
/// </summary>
public sealed record FeatureModelConfig
{
    /// <summary>Default number of folds.</summary>
    public const int DefaultFolds = 5;

    /// <summary>Whether to cross-validate (default true); false trains with <see cref="Fixed"/> or the learner's <see cref="DefaultSettings"/>.</summary>
    [JsonPropertyName("cross_validate")]
    public bool CrossValidate { get; init; } = true;

    /// <summary>Folds of the cross-validation (default 5; fewer when the training set has under two cells per fold).</summary>
    [JsonPropertyName("folds")]
    public int Folds { get; init; } = DefaultFolds;

    /// <summary>The settings cross-validation chooses among; null (default) for the learner's <see cref="DefaultGrid"/>.</summary>
    [JsonPropertyName("grid")]
    public IReadOnlyList<TreeSettings>? Grid { get; init; }

    /// <summary>The settings without cross-validation; null (default) for the learner's <see cref="DefaultSettings"/>.</summary>
    [JsonPropertyName("fixed")]
    public TreeSettings? Fixed { get; init; }

    /// <summary>
    /// The default grid of <paramref name="learner"/>: for the boosted learners 100 or 400 trees × 5 or 15 leaves ×
    /// 2 or 5 examples per leaf at learning rate 0.05 (8 settings); for the forest 300 trees × 8 or 32 leaves ×
    /// 1 or 4 examples per leaf (4 settings: a forest fits ~20× slower than LightGBM). Simplest settings first, since a tie
    /// goes to the first.
    /// </summary>
    public static IReadOnlyList<TreeSettings> DefaultGrid(TreeLearner learner) => learner == TreeLearner.FastForest
        ? [.. from leaves in new[] { 8, 32 } from min in new[] { 1, 4 } select new TreeSettings(300, leaves, 1, min)]
        : [.. from trees in new[] { 100, 400 } from leaves in new[] { 5, 15 } from min in new[] { 2, 5 } select new TreeSettings(trees, leaves, 0.05, min)];

    /// <summary>The settings of <paramref name="learner"/> without cross-validation: forest 300 trees, 32 leaves, 1 per leaf; boosting 400 trees, 5 leaves, lr 0.05, 2 per leaf.</summary>
    public static TreeSettings DefaultSettings(TreeLearner learner) => learner == TreeLearner.FastForest
        ? new TreeSettings(300, 32, 1, 1)
        : new TreeSettings(400, 5, 0.05, 2);

    /// <summary>The grid cross-validation searches for <paramref name="learner"/>.</summary>
    public IReadOnlyList<TreeSettings> GridFor(TreeLearner learner) => Grid ?? DefaultGrid(learner);

    /// <summary>The settings used without cross-validation for <paramref name="learner"/>.</summary>
    public TreeSettings FixedFor(TreeLearner learner) => Fixed ?? DefaultSettings(learner);

    /// <summary>Refuses fewer than 2 folds, an empty grid or invalid settings.</summary>
    /// <exception cref="ArgumentException">The message names the field.</exception>
    public void Validate()
    {
        if (Folds < 2) throw new ArgumentException($"Feature model: folds must be at least 2, got {Folds}.");
        if (Grid is { Count: 0 }) throw new ArgumentException("Feature model: the cross-validation grid is empty.");
        foreach (var s in Grid ?? []) s.Validate();
        Fixed?.Validate();
    }

    /// <summary>Value equality, the grid compared element by element.</summary>
    public bool Equals(FeatureModelConfig? other) =>
        other is not null && CrossValidate == other.CrossValidate && Folds == other.Folds && Fixed == other.Fixed &&
        (Grid is null ? other.Grid is null : other.Grid is not null && Grid.SequenceEqual(other.Grid));

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(CrossValidate);
        h.Add(Folds);
        h.Add(Fixed);
        foreach (var s in Grid ?? []) h.Add(s);
        return h.ToHashCode();
    }
}
