using NasSharp.Evaluation;

namespace NasSharp.Predictors.Features;

/// <summary>
/// Chooses tree settings by k-fold cross-validation over the training rows alone: each setting is fitted on k − 1
/// folds and predicts the held-out fold; its score is the Kendall τ of all n out-of-fold predictions against the
/// labels. Pooling, rather than averaging per-fold τ, because at n = 39 a fold holds 8 cells, whose τ is mostly noise.
/// </summary>
public static class TreeCrossValidation
{
    /// <summary>Fewest training rows for cross-validation: two folds of two.</summary>
    public const int MinimumRows = 4;

    /// <summary>
    /// Scores every setting of <paramref name="grid"/> on <paramref name="rows"/> and <paramref name="labels"/> with
    /// <paramref name="folds"/> folds (fewer when there are under two rows per fold), the fold assignment and every
    /// fit seeded by <paramref name="seed"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than <see cref="MinimumRows"/> rows, fewer than 2 folds, or an empty grid.</exception>
    public static CrossValidationResult Choose(TreeLearner learner, IReadOnlyList<TreeSettings> grid, IReadOnlyList<float[]> rows,
        IReadOnlyList<float> labels, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (grid.Count == 0) throw new ArgumentException("The cross-validation grid is empty.", nameof(grid));
        if (folds < 2) throw new ArgumentException($"Cross-validation needs at least 2 folds, got {folds}.", nameof(folds));
        if (rows.Count < MinimumRows || rows.Count != labels.Count)
            throw new ArgumentException($"Cross-validation needs at least {MinimumRows} rows with one label each; got {rows.Count} rows and {labels.Count} labels.");
        int k = Math.Min(folds, rows.Count / 2);
        int[] fold = FoldOf(rows.Count, k, seed);
        double[] truth = [.. labels.Select(v => (double)v)];
        var scores = new List<SettingScore>(grid.Count);
        foreach (var settings in grid)
        {
            var outOfFold = new double[rows.Count];
            for (int f = 0; f < k; f++)
            {
                int[] train = [.. Enumerable.Range(0, rows.Count).Where(i => fold[i] != f)];
                int[] held = [.. Enumerable.Range(0, rows.Count).Where(i => fold[i] == f)];
                var model = TreeEnsemble.Fit(learner, settings, [.. train.Select(i => rows[i])], [.. train.Select(i => labels[i])], seed);
                double[] predicted = model.Predict([.. held.Select(i => rows[i])]);
                for (int j = 0; j < held.Length; j++) outOfFold[held[j]] = predicted[j];
            }
            double tau = RankCorrelation.KendallTauB(outOfFold, truth);
            scores.Add(new SettingScore(settings, double.IsFinite(tau) ? tau : double.NegativeInfinity));
        }
        var best = scores[0];
        foreach (var s in scores) if (s.KendallTau > best.KendallTau) best = s;
        return new CrossValidationResult(k, scores, best.Settings);
    }

    /// <summary>A seeded, balanced assignment of <paramref name="count"/> rows to <paramref name="folds"/> folds.</summary>
    public static int[] FoldOf(int count, int folds, int seed)
    {
        int[] order = [.. Enumerable.Range(0, count)];
        new Random(seed).Shuffle(order);
        var fold = new int[count];
        for (int position = 0; position < count; position++) fold[order[position]] = position % folds;
        return fold;
    }
}
