namespace NasSharp.Evaluation;

/// <summary>
/// Rank correlations between predicted and true scores. All methods reject length mismatches, fewer than two
/// values and NaN (naming the index), and return <see cref="double.NaN"/> when either input is constant, as
/// scipy.stats does.
/// </summary>
public static class RankCorrelation
{
    /// <summary>
    /// Kendall τ-b in O(n log n) (Knight 1966): <c>(n_c − n_d) / √((n₀ − n₁)(n₀ − n₂))</c>, where n₁ and n₂ count pairs
    /// tied in x and in y. Sorting by (x, y) counts joint ties; a merge sort of y counts discordant pairs as swaps.
    /// </summary>
    public static double KendallTauB(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Validate(x, y);
        int n = x.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var xs = x.ToArray();
        var ys = y.ToArray();
        Array.Sort(order, (a, b) => xs[a] != xs[b] ? xs[a].CompareTo(xs[b]) : ys[a].CompareTo(ys[b]));

        long n0 = (long)n * (n - 1) / 2;
        long tiesX = 0, tiesXY = 0;
        for (int i = 0, j; i < n; i = j)
        {
            j = i + 1;
            while (j < n && xs[order[j]] == xs[order[i]]) j++;
            tiesX += Pairs(j - i);
            for (int k = i, l; k < j; k = l)
            {
                l = k + 1;
                while (l < j && ys[order[l]] == ys[order[k]]) l++;
                tiesXY += Pairs(l - k);
            }
        }

        var sortedY = new double[n];
        for (int i = 0; i < n; i++) sortedY[i] = ys[order[i]];
        long swaps = MergeSortCountingSwaps(sortedY, new double[n], 0, n);

        long tiesY = 0;
        for (int i = 0, j; i < n; i = j)
        {
            j = i + 1;
            while (j < n && sortedY[j] == sortedY[i]) j++;
            tiesY += Pairs(j - i);
        }

        // Pairs tied in x only or y only are neither concordant nor discordant; joint ties were counted in both.
        long discordant = swaps;
        long concordant = n0 - tiesX - tiesY + tiesXY - discordant;
        double denominator = Math.Sqrt((double)(n0 - tiesX) * (n0 - tiesY));
        return denominator == 0 ? double.NaN : (concordant - discordant) / denominator;
    }

    /// <summary>Spearman ρ: the Pearson correlation of average ranks (ties share their mean rank).</summary>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Validate(x, y);
        return PearsonUnchecked(AverageRanks(x), AverageRanks(y));
    }

    /// <summary>Pearson's sample correlation coefficient.</summary>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Validate(x, y);
        return PearsonUnchecked(x, y);
    }

    /// <summary>1-based ranks, ties receiving the average of the ranks they span (scipy's <c>rankdata</c> "average").</summary>
    public static double[] AverageRanks(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        var v = values.ToArray();
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(order, (a, b) => v[a].CompareTo(v[b]));
        var ranks = new double[n];
        for (int i = 0, j; i < n; i = j)
        {
            j = i + 1;
            while (j < n && v[order[j]] == v[order[i]]) j++;
            double rank = (i + j + 1) / 2.0;
            for (int k = i; k < j; k++) ranks[order[k]] = rank;
        }
        return ranks;
    }

    private static double PearsonUnchecked(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
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
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    private static long Pairs(long count) => count * (count - 1) / 2;

    /// <summary>Sorts <paramref name="a"/>[lo, hi) ascending; returns the number of strictly inverted pairs.</summary>
    private static long MergeSortCountingSwaps(double[] a, double[] buffer, int lo, int hi)
    {
        if (hi - lo < 2) return 0;
        int mid = (lo + hi) >>> 1;
        long swaps = MergeSortCountingSwaps(a, buffer, lo, mid) + MergeSortCountingSwaps(a, buffer, mid, hi);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi)
        {
            if (a[j] < a[i])
            {
                swaps += mid - i;
                buffer[k++] = a[j++];
            }
            else
            {
                buffer[k++] = a[i++];
            }
        }
        while (i < mid) buffer[k++] = a[i++];
        while (j < hi) buffer[k++] = a[j++];
        Array.Copy(buffer, lo, a, lo, hi - lo);
        return swaps;
    }

    internal static void Validate(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"Inputs must have equal length; got {x.Length} and {y.Length}.");
        if (x.Length < 2)
            throw new ArgumentException($"A correlation needs at least 2 values; got {x.Length}.");
        for (int i = 0; i < x.Length; i++)
            if (double.IsNaN(x[i]) || double.IsNaN(y[i]))
                throw new ArgumentException($"Input contains NaN at index {i} ({(double.IsNaN(x[i]) ? "first" : "second")} argument).");
    }
}
