namespace NasSharp.Evaluation;

/// <summary>
/// How well a predictor picks out the best rows. Higher is better for both the true and the predicted scores, and
/// equal scores are ordered by index (the lower index ranks higher) on both sides, so every result is
/// deterministic: for instance a constant prediction selects rows 0…k−1. ±∞ are ordinary extremes. Every method throws
/// <see cref="ArgumentException"/> for inputs of different lengths (naming both), empty inputs, or a NaN (naming
/// the argument and index), and <see cref="ArgumentOutOfRangeException"/> for k outside [1, n].
/// </summary>
public static class TopK
{
    /// <summary>
    /// Precision@k: |top-k rows by truth ∩ top-k rows by prediction| ÷ k, in [0, 1]; 1 when k = n.
    /// </summary>
    public static double PrecisionAtK(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted, int k)
    {
        ScoreInput.CheckPair(truth, predicted, nameof(truth), nameof(predicted), minLength: 1);
        CheckK(k, truth.Length);
        var inTrueTop = new bool[truth.Length];
        foreach (int i in TopIndicesOfChecked(truth, k)) inTrueTop[i] = true;
        int hits = 0;
        foreach (int i in TopIndicesOfChecked(predicted, k))
            if (inTrueTop[i]) hits++;
        return hits / (double)k;
    }

    /// <summary>
    /// <see cref="PrecisionAtK"/> with <c>k = max(1, round(fraction · n))</c>, rounding half to even as
    /// <see cref="Math.Round(double)"/> and Python's <c>round</c> do; precision@5% is <c>fraction = 0.05</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not in (0, 1].</exception>
    public static double PrecisionAtFraction(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted, double fraction)
    {
        if (!(fraction > 0 && fraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "fraction must be in (0, 1].");
        ScoreInput.CheckPair(truth, predicted, nameof(truth), nameof(predicted), minLength: 1);
        return PrecisionAtK(truth, predicted, Math.Max(1, (int)Math.Round(fraction * truth.Length)));
    }

    /// <summary>
    /// The best true score of all rows minus the best true score among the top-k rows by prediction: ≥ 0, and 0
    /// exactly when the predicted top-k holds a row whose true score equals the best (ties in truth count as found).
    /// ±∞ are accepted; a found +∞ best gives 0.
    /// </summary>
    public static double TopKRegret(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted, int k)
    {
        ScoreInput.CheckPair(truth, predicted, nameof(truth), nameof(predicted), minLength: 1);
        CheckK(k, truth.Length);
        double best = double.NegativeInfinity;
        foreach (double t in truth) best = Math.Max(best, t);
        double found = double.NegativeInfinity;
        foreach (int i in TopIndicesOfChecked(predicted, k)) found = Math.Max(found, truth[i]);
        // Compared before subtracting because ∞ − ∞ is NaN.
        return found == best ? 0 : best - found;
    }

    /// <summary>Indices of the k largest values, largest first, equal values in ascending index order.</summary>
    /// <exception cref="ArgumentException">A value is NaN (the message names the index).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not in [1, n].</exception>
    public static int[] TopIndices(ReadOnlySpan<double> values, int k)
    {
        ScoreInput.CheckNoNaN(values, nameof(values));
        CheckK(k, values.Length);
        return TopIndicesOfChecked(values, k);
    }

    private static int[] TopIndicesOfChecked(ReadOnlySpan<double> values, int k)
    {
        int n = values.Length;
        var keys = new double[n];
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = -values[i];
            order[i] = i;
        }
        // The primitive-key sort is fast but unstable, so runs of equal values that reach into the first k are put
        // back into index order.
        Array.Sort(keys, order);
        for (int i = 0, j; i < k; i = j)
        {
            for (j = i + 1; j < n && keys[j] == keys[i]; j++) { }
            if (j - i > 1) Array.Sort(order, i, j - i);
        }
        return order[..k];
    }

    private static void CheckK(int k, int n)
    {
        if (k < 1 || k > n)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and the number of values ({n}).");
    }
}
