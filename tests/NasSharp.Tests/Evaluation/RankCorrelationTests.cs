using CsCheck;
using NasSharp.Evaluation;

namespace NasSharp.Tests.Evaluation;

public class RankCorrelationTests
{
    /// <summary>O(n²) τ-b straight from the definition.</summary>
    private static double BruteTauB(double[] x, double[] y)
    {
        long c = 0, d = 0, tx = 0, ty = 0, n0 = 0;
        for (int i = 0; i < x.Length; i++)
            for (int j = i + 1; j < x.Length; j++)
            {
                n0++;
                int sx = Math.Sign(x[i] - x[j]), sy = Math.Sign(y[i] - y[j]);
                if (sx == 0) tx++;
                if (sy == 0) ty++;
                if (sx * sy > 0) c++;
                else if (sx * sy < 0) d++;
            }
        return (c - d) / Math.Sqrt((double)(n0 - tx) * (n0 - ty));
    }

    private static double BruteSpearman(double[] x, double[] y)
    {
        static double[] Ranks(double[] v) => v.Select(a => v.Count(b => b < a) + (v.Count(b => b == a) + 1) / 2.0).ToArray();
        double[] rx = Ranks(x), ry = Ranks(y);
        double mx = rx.Average(), my = ry.Average();
        return rx.Zip(ry, (a, b) => (a - mx) * (b - my)).Sum() /
               Math.Sqrt(rx.Sum(a => (a - mx) * (a - mx)) * ry.Sum(b => (b - my) * (b - my)));
    }

    [Fact]
    public void Known_values()
    {
        // x = 1..5, y = 3,1,2,5,4: discordant pairs (1,2),(1,3),(4,5) → 3 of 10, τ = (7 − 3) / 10.
        Assert.Equal(0.4, RankCorrelation.KendallTauB([1, 2, 3, 4, 5], [3, 1, 2, 5, 4]), 12);
        // Ties: x = 1,1,2,3, y = 1,2,2,3. n0 = 6, tied x 1, tied y 1, concordant 4, discordant 0:
        // τ-b = 4 / √(5·5) = 0.8.
        Assert.Equal(0.8, RankCorrelation.KendallTauB([1, 1, 2, 3], [1, 2, 2, 3]), 12);
        // Spearman of ranks 1..5 vs 3,1,2,5,4: 1 − 6·Σd²/(n(n²−1)) = 1 − 6·8/120 = 0.6.
        Assert.Equal(0.6, RankCorrelation.Spearman([1, 2, 3, 4, 5], [3, 1, 2, 5, 4]), 12);
        Assert.Equal(new[] { 1.5, 1.5, 3, 4 }, RankCorrelation.AverageRanks([7, 7, 8, 9]));
        Assert.Equal(1, RankCorrelation.Pearson([1, 2, 3], [2, 4, 6]), 12);
    }

    [Fact]
    public void Kendall_matches_brute_force_on_data_with_many_ties() =>
        Gen.Int[2, 60].SelectMany(n => Gen.Select(Gen.Int[0, 5].Array[n], Gen.Int[0, 5].Array[n]))
            .Sample((xs, ys) =>
            {
                double[] x = xs.Select(v => (double)v).ToArray(), y = ys.Select(v => (double)v).ToArray();
                double fast = RankCorrelation.KendallTauB(x, y), slow = BruteTauB(x, y);
                return double.IsNaN(slow) ? double.IsNaN(fast) : Math.Abs(fast - slow) < 1e-12;
            }, iter: 500);

    [Fact]
    public void Spearman_matches_brute_force() =>
        Gen.Int[3, 40].SelectMany(n => Gen.Select(Gen.Int[0, 8].Array[n], Gen.Double[-5, 5].Array[n]))
            .Sample((xs, y) =>
            {
                double[] x = xs.Select(v => (double)v).ToArray();
                double fast = RankCorrelation.Spearman(x, y), slow = BruteSpearman(x, y);
                return double.IsNaN(slow) ? double.IsNaN(fast) : Math.Abs(fast - slow) < 1e-9;
            }, iter: 300);

    [Fact]
    public void Invariants_hold() =>
        Gen.Double[-100, 100].Array[3, 50].Sample(x =>
        {
            double[] neg = x.Select(v => -v).ToArray(), squashed = x.Select(v => Math.Atan(v * 3)).ToArray();
            bool constant = x.Distinct().Count() == 1;
            return constant || (Math.Abs(RankCorrelation.KendallTauB(x, x) - 1) < 1e-12
                && Math.Abs(RankCorrelation.KendallTauB(x, neg) + 1) < 1e-12
                && Math.Abs(RankCorrelation.KendallTauB(x, squashed) - 1) < 1e-12);
        }, iter: 200);

    [Fact]
    public void Symmetric_in_its_arguments() =>
        Gen.Int[2, 40].SelectMany(n => Gen.Select(Gen.Int[0, 4].Array[n], Gen.Int[0, 9].Array[n]))
            .Sample((a, b) =>
            {
                double[] x = a.Select(v => (double)v).ToArray(), y = b.Select(v => (double)v).ToArray();
                double t1 = RankCorrelation.KendallTauB(x, y), t2 = RankCorrelation.KendallTauB(y, x);
                return double.IsNaN(t1) ? double.IsNaN(t2) : Math.Abs(t1 - t2) < 1e-12;
            }, iter: 200);

    [Fact]
    public void Bad_input_is_rejected_with_a_reason()
    {
        Assert.Contains("equal length; got 2 and 3", Assert.Throws<ArgumentException>(() => RankCorrelation.KendallTauB([1, 2], [1, 2, 3])).Message);
        Assert.Contains("at least 2", Assert.Throws<ArgumentException>(() => RankCorrelation.Spearman([1], [1])).Message);
        Assert.Contains("NaN at index 1", Assert.Throws<ArgumentException>(() => RankCorrelation.Pearson([1, double.NaN], [1, 2])).Message);
        Assert.True(double.IsNaN(RankCorrelation.KendallTauB([1, 1, 1], [1, 2, 3])));
    }
}
