namespace NasSharp.Evaluation;

/// <summary>
/// Top-k quality of a ranking: higher is better for both truth and prediction, and ties break by index (the earlier
/// row wins) so results are deterministic.
/// </summary>
public static class TopK
{
    /// <summary>|top-k by truth ∩ top-k by prediction| ÷ k.</summary>
    public static double PrecisionAtK(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted, int k)
    {
        RankCorrelation.Validate(truth, predicted);
        CheckK(k, truth.Length);
        var best = new HashSet<int>(TopIndices(truth, k));
        return TopIndices(predicted, k).Count(best.Contains) / (double)k;
    }

    /// <summary>Precision at <c>k = max(1, round(fraction · n))</c>, e.g. precision@5% with 0.05.</summary>
    public static double PrecisionAtFraction(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted, double fraction)
    {
        if (!(fraction > 0 && fraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "Fraction must be in (0, 1].");
        return PrecisionAtK(truth, predicted, Math.Max(1, (int)Math.Round(fraction * truth.Length)));
    }

    /// <summary>
    /// Best true value overall minus the best true value among the top-k predicted (≥ 0; 0 means the predictor's
    /// top-k holds the true best).
    /// </summary>
    public static double TopKRegret(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted, int k)
    {
        RankCorrelation.Validate(truth, predicted);
        CheckK(k, truth.Length);
        double best = double.NegativeInfinity;
        foreach (double t in truth) best = Math.Max(best, t);
        double found = double.NegativeInfinity;
        foreach (int i in TopIndices(predicted, k)) found = Math.Max(found, truth[i]);
        return best - found;
    }

    /// <summary>Indices of the <paramref name="k"/> largest values, ties broken by lower index.</summary>
    public static int[] TopIndices(ReadOnlySpan<double> values, int k)
    {
        var v = values.ToArray();
        var order = Enumerable.Range(0, v.Length).ToArray();
        Array.Sort(order, (a, b) => v[a] != v[b] ? v[b].CompareTo(v[a]) : a.CompareTo(b));
        return order[..k];
    }

    private static void CheckK(int k, int n)
    {
        if (k < 1 || k > n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and {n}.");
    }
}
