namespace NasSharp.Evaluation;

/// <summary>
/// Correlations between two paired score vectors, computed as scipy.stats does (<c>kendalltau</c> variant "b",
/// <c>spearmanr</c>, <c>pearsonr</c>). Every correlation throws <see cref="ArgumentException"/> for inputs of different
/// lengths (naming both), fewer than two pairs, or a NaN (naming the argument and index), and returns
/// <see cref="double.NaN"/> when either input is constant, where the coefficient is undefined. Results are clipped
/// to [−1, 1] so rounding never pushes them outside.
/// </summary>
public static class RankCorrelation
{
    /// <summary>
    /// Kendall τ-b, <c>(n_c − n_d) / √((n₀ − n₁)(n₀ − n₂))</c>, in O(n log n) time (Knight 1966). n₀ = n(n−1)/2;
    /// n₁ and n₂ are the pairs tied in x and in y (a pair tied in both counts in both and is neither concordant
    /// nor discordant); n_c and n_d are the concordant and discordant pairs. Bit-identical to
    /// <c>scipy.stats.kendalltau(x, y, variant="b")</c>, because the pair counts are exact integers and the quotient
    /// is formed in scipy's order, <c>(n_c − n_d) / √(n₀ − n₁) / √(n₀ − n₂)</c>; like scipy's, τ(x, x) can therefore be
    /// one ulp below 1 when x has ties. Only the order of values matters, so ±∞ are accepted.
    /// </summary>
    /// <returns>τ-b in [−1, 1], or <see cref="double.NaN"/> when x or y is constant.</returns>
    /// <exception cref="ArgumentException">Lengths differ, fewer than 2 pairs, or a NaN.</exception>
    public static double KendallTauB(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        ScoreInput.CheckPair(x, y, nameof(x), nameof(y), minLength: 2);
        int n = x.Length;
        var (xSorted, order) = SortWithIndex(x);
        var yByX = new double[n];
        for (int i = 0; i < n; i++) yByX[i] = y[order[i]];

        long xTies = 0, jointTies = 0;
        for (int i = 0, j; i < n; i = j)
        {
            for (j = i + 1; j < n && xSorted[j] == xSorted[i]; j++) { }
            if (j - i == 1) continue;
            xTies += Pairs(j - i);
            // Ordering y within a run of equal x keeps those pairs out of the inversion count and groups joint ties.
            Array.Sort(yByX, i, j - i);
            jointTies += TiedPairs(yByX.AsSpan(i, j - i));
        }

        // Every strict inversion of y in (x, y) order is a discordant pair.
        var (discordant, ySorted) = SortCountingInversions(yByX);
        long yTies = TiedPairs(ySorted);

        long allPairs = Pairs(n);
        if (xTies == allPairs || yTies == allPairs) return double.NaN;
        // n₀ = n_c + n_d + n₁ + n₂ − (pairs tied in both), since those are counted in n₁ and in n₂.
        long concordantMinusDiscordant = allPairs - xTies - yTies + jointTies - 2 * discordant;
        double tau = concordantMinusDiscordant / Math.Sqrt(allPairs - xTies) / Math.Sqrt(allPairs - yTies);
        return Math.Clamp(tau, -1.0, 1.0);
    }

    /// <summary>
    /// Spearman ρ: the Pearson correlation of the <see cref="AverageRanks">average ranks</see> of x and of y, so
    /// tied values share their mean rank (<c>scipy.stats.spearmanr</c>), in O(n log n) time. Agrees with scipy to
    /// rounding (about 1e-15), not bit for bit, as numpy sums in a different order. Only the order of values
    /// matters, so ±∞ are accepted.
    /// </summary>
    /// <returns>ρ in [−1, 1], or <see cref="double.NaN"/> when x or y is constant.</returns>
    /// <exception cref="ArgumentException">Lengths differ, fewer than 2 pairs, or a NaN.</exception>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        ScoreInput.CheckPair(x, y, nameof(x), nameof(y), minLength: 2);
        return PearsonOfChecked(AverageRanks(x), AverageRanks(y));
    }

    /// <summary>
    /// Pearson's sample correlation coefficient, <c>Σ dx·dy / √(Σ dx² · Σ dy²)</c> over deviations from the means
    /// (two passes, as <c>scipy.stats.pearsonr</c> computes it). Agrees with scipy to rounding, not bit for bit.
    /// </summary>
    /// <returns>r in [−1, 1], or <see cref="double.NaN"/> when x or y is constant.</returns>
    /// <exception cref="ArgumentException">
    /// Lengths differ, fewer than 2 pairs, a NaN, or an infinity (which would otherwise silently give NaN).
    /// </exception>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        ScoreInput.CheckPair(x, y, nameof(x), nameof(y), minLength: 2);
        ScoreInput.CheckFinite(x, nameof(x));
        ScoreInput.CheckFinite(y, nameof(y));
        return PearsonOfChecked(x, y);
    }

    /// <summary>
    /// 1-based ranks in ascending order of value, tied values all getting the mean of the ranks they span
    /// (<c>scipy.stats.rankdata</c>, method "average"): [7, 7, 8, 5] → [2.5, 2.5, 4, 1]. −∞ ranks first and +∞
    /// last; −0 and +0 tie. An empty input gives an empty result.
    /// </summary>
    /// <exception cref="ArgumentException">A value is NaN (the message names the index).</exception>
    public static double[] AverageRanks(ReadOnlySpan<double> values)
    {
        ScoreInput.CheckNoNaN(values, nameof(values));
        var (sorted, order) = SortWithIndex(values);
        var ranks = new double[sorted.Length];
        for (int i = 0, j; i < sorted.Length; i = j)
        {
            for (j = i + 1; j < sorted.Length && sorted[j] == sorted[i]; j++) { }
            // Sorted positions i..j−1 hold ranks i+1..j, whose mean is (i + 1 + j) / 2.
            double rank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) ranks[order[k]] = rank;
        }
        return ranks;
    }

    private static double PearsonOfChecked(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        // Constancy is tested exactly: the computed mean of equal values can miss them by rounding, which would turn
        // an undefined coefficient into a correlation of rounding noise.
        if (IsConstant(x) || IsConstant(y)) return double.NaN;
        int n = x.Length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++)
        {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        // One square root of the product keeps r(v, v) and r(v, −v) at exactly ±1, which two roots would not.
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0);
    }

    private static bool IsConstant(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
            if (v != values[0]) return false;
        return true;
    }

    /// <summary>Pairs of equal values in an ascending run.</summary>
    private static long TiedPairs(ReadOnlySpan<double> sorted)
    {
        long pairs = 0;
        for (int i = 0, j; i < sorted.Length; i = j)
        {
            for (j = i + 1; j < sorted.Length && sorted[j] == sorted[i]; j++) { }
            pairs += Pairs(j - i);
        }
        return pairs;
    }

    /// <summary>The values sorted ascending, and for each sorted position the index it came from.</summary>
    private static (double[] Sorted, int[] Order) SortWithIndex(ReadOnlySpan<double> values)
    {
        var sorted = values.ToArray();
        var order = new int[sorted.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        // Primitive double keys take the runtime's fast sort; its instability is harmless as ties are grouped after.
        Array.Sort(sorted, order);
        return (sorted, order);
    }

    private static long Pairs(long count) => count * (count - 1) / 2;

    /// <summary>
    /// Sorts the values ascending (in place or into a second array, whichever ends up holding them) and returns how
    /// many pairs were strictly inverted.
    /// </summary>
    private static (long Inversions, double[] Sorted) SortCountingInversions(double[] values)
    {
        const int Run = 32;
        int n = values.Length;
        long inversions = 0;
        // Insertion sort beats merging on short runs, and each of its shifts undoes exactly one inversion.
        for (int lo = 0; lo < n; lo += Run)
        {
            int hi = Math.Min(lo + Run, n);
            for (int i = lo + 1; i < hi; i++)
            {
                double v = values[i];
                int j = i;
                for (; j > lo && values[j - 1] > v; j--) values[j] = values[j - 1];
                values[j] = v;
                inversions += i - j;
            }
        }

        // Bottom-up merges alternate between two arrays instead of copying back; long bounds cannot overflow.
        double[] source = values, target = new double[n];
        for (long width = Run; width < n; width *= 2)
        {
            for (long start = 0; start < n; start += 2 * width)
            {
                int lo = (int)start, mid = (int)Math.Min(start + width, n), hi = (int)Math.Min(start + 2 * width, n);
                int i = lo, j = mid, k = lo;
                while (i < mid && j < hi)
                {
                    if (source[j] < source[i])
                    {
                        // source[j] overtakes every value still waiting in the left half.
                        inversions += mid - i;
                        target[k++] = source[j++];
                    }
                    else
                    {
                        target[k++] = source[i++];
                    }
                }
                Array.Copy(source, i, target, k, mid - i);
                Array.Copy(source, j, target, k + (mid - i), hi - j);
            }
            (source, target) = (target, source);
        }
        return (inversions, source);
    }
}
