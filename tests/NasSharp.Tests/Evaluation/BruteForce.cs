namespace NasSharp.Tests.Evaluation;

/// <summary>
/// Quadratic references written straight from the definitions, so the fast metrics are checked against code that
/// shares none of their sorting or counting tricks.
/// </summary>
internal static class BruteForce
{
    /// <summary>
    /// Kendall τ-b by classifying every pair, with scipy's operation order (c − d) / √(n₀ − n₁) / √(n₀ − n₂) and its
    /// clipping to [−1, 1], so a correct fast version must agree bit for bit.
    /// </summary>
    public static double KendallTauB(double[] x, double[] y)
    {
        long concordant = 0, discordant = 0, tiedX = 0, tiedY = 0, all = 0;
        for (int i = 0; i < x.Length; i++)
            for (int j = i + 1; j < x.Length; j++)
            {
                all++;
                int sx = Compare(x[i], x[j]), sy = Compare(y[i], y[j]);
                if (sx == 0) tiedX++;
                if (sy == 0) tiedY++;
                if (sx * sy > 0) concordant++;
                else if (sx * sy < 0) discordant++;
            }
        if (tiedX == all || tiedY == all) return double.NaN;
        return Math.Clamp((concordant - discordant) / Math.Sqrt(all - tiedX) / Math.Sqrt(all - tiedY), -1.0, 1.0);
    }

    /// <summary>Average ranks by counting: the rank of v is #(values &lt; v) + (#(values == v) + 1) / 2.</summary>
    public static double[] AverageRanks(double[] values) =>
        values.Select(v => values.Count(w => w < v) + (values.Count(w => w == v) + 1) / 2.0).ToArray();

    public static double Spearman(double[] x, double[] y) => Pearson(AverageRanks(x), AverageRanks(y));

    public static double Pearson(double[] x, double[] y)
    {
        if (x.All(v => v == x[0]) || y.All(v => v == y[0])) return double.NaN;
        double mx = x.Average(), my = y.Average();
        double sxy = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
        return sxy / Math.Sqrt(x.Sum(a => (a - mx) * (a - mx)) * y.Sum(b => (b - my) * (b - my)));
    }

    /// <summary>Indices of the k largest values by a stable descending sort, so ties keep index order.</summary>
    public static int[] TopIndices(double[] values, int k) =>
        Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).ThenBy(i => i).Take(k).ToArray();

    public static double PrecisionAtK(double[] truth, double[] predicted, int k) =>
        TopIndices(truth, k).Intersect(TopIndices(predicted, k)).Count() / (double)k;

    public static double TopKRegret(double[] truth, double[] predicted, int k)
    {
        double best = truth.Max(), found = TopIndices(predicted, k).Max(i => truth[i]);
        return best == found ? 0 : best - found;
    }

    private static int Compare(double a, double b) => a < b ? -1 : a > b ? 1 : 0;
}
