using CsCheck;
using NasSharp.Evaluation;

namespace NasSharp.Tests.Evaluation;

public class RankCorrelationTests
{
    /// <summary>Few distinct values, including ±∞ and both zeros, so nearly every sample has ties in x, y and both.</summary>
    private static readonly double[] TiePool = [double.NegativeInfinity, -0.0, 0.0, 0.1, 1, 2, 2.5, double.PositiveInfinity];

    /// <summary>Equal-length pairs of 2–60 values drawn from a random number (1–8) of levels of <see cref="TiePool"/>.</summary>
    private static readonly Gen<(double[] X, double[] Y)> TiedPairs =
        Gen.Select(Gen.Int[2, 60], Gen.Int[1, TiePool.Length], Gen.Int[1, TiePool.Length])
            .SelectMany(t => Gen.Select(PoolValue(t.Item2).Array[t.Item1], PoolValue(t.Item3).Array[t.Item1]));

    /// <summary>A value from the first <paramref name="levels"/> entries of <see cref="TiePool"/>.</summary>
    private static Gen<double> PoolValue(int levels) => Gen.Int[0, levels - 1].Select(i => TiePool[i]);

    private static readonly Gen<(double[] X, double[] Y)> ContinuousPairs =
        Gen.Int[2, 60].SelectMany(n => Gen.Select(Gen.Double[-1e6, 1e6].Array[n], Gen.Double[-1e6, 1e6].Array[n]));

    private static bool SameOrBothNaN(double a, double b) => a.Equals(b);

    private static bool CloseOrBothNaN(double a, double b) => a.Equals(b) || Math.Abs(a - b) <= 1e-15;

    [Fact]
    public void Kendall_known_values_are_bit_identical_to_scipy()
    {
        // Pairs are (i, j) by 0-based index. x = 1..5, y = 3,1,2,5,4: of the 10 pairs only (0,1), (0,2) and (3,4)
        // are discordant: n_c = 7, n_d = 3, no ties, τ = 4 / √10 / √10, which scipy's order of operations rounds
        // to 0.39999999999999997.
        Assert.Equal(0.39999999999999997, RankCorrelation.KendallTauB([1, 2, 3, 4, 5], [3, 1, 2, 5, 4]));

        // x = 1,1,2,3, y = 1,2,2,3: pair (0,1) is tied in x, (1,2) in y, the other 4 concordant.
        // τ-b = 4 / √(6 − 1) / √(6 − 1) = 0.7999999999999999 (scipy prints the same).
        Assert.Equal(0.7999999999999999, RankCorrelation.KendallTauB([1, 1, 2, 3], [1, 2, 2, 3]));

        // scipy's docstring example. x = 12,2,1,12,2, y = 1,4,7,1,0. Pairs (0,3) tied in both, (1,4) tied in x;
        // concordant (0,4), (3,4); the other 6 discordant. n₀ = 10, n₁ = 2, n₂ = 1:
        // τ-b = (2 − 6) / √8 / √9 = −0.4714045207910316 (scipy 1.10 prints the same).
        Assert.Equal(-0.4714045207910316, RankCorrelation.KendallTauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]));

        // x = 1,1,1,2,2,3, y = 1,2,2,1,3,3. n₀ = 15. Tied in x: (0,1), (0,2), (1,2), (3,4) → n₁ = 4. Tied in y:
        // (1,2), (0,3), (4,5) → n₂ = 3, (1,2) in both. Discordant (1,3), (2,3); concordant the other 7.
        // τ-b = (7 − 2) / √11 / √12 = 0.4351941398892446 (scipy prints the same).
        Assert.Equal(0.4351941398892446, RankCorrelation.KendallTauB([1, 1, 1, 2, 2, 3], [1, 2, 2, 1, 3, 3]));
    }

    [Fact]
    public void Spearman_and_Pearson_known_values()
    {
        // Ranks 1..5 against 3,1,2,5,4 (no ties): d = −2,1,1,−1,1, Σd² = 8, ρ = 1 − 6·8 / (5·24) = 0.6.
        Assert.Equal(0.6, RankCorrelation.Spearman([1, 2, 3, 4, 5], [3, 1, 2, 5, 4]), 1e-15);
        // scipy's docstring example: y = 5,6,7,8,7 ranks 1,2,3.5,5,3.5; deviations from 3 give Σdxdy = 8,
        // Σdx² = 10, Σdy² = 9.5, ρ = 8 / √95 = 0.8207826816681233.
        Assert.Equal(0.8207826816681233, RankCorrelation.Spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]), 1e-15);
        // Ties in both: ranks 2,2,2,4.5,4.5,6 and 1.5,3.5,3.5,1.5,5.5,5.5 (means 3.5): Σdxdy = 8, Σdx² = 15,
        // Σdy² = 16, ρ = 8 / √240 = 0.5163977794943222.
        Assert.Equal(0.5163977794943222, RankCorrelation.Spearman([1, 1, 1, 2, 2, 3], [1, 2, 2, 1, 3, 3]), 1e-15);
        // Means 3 and 4: Σdxdy = 6, Σdx² = 10, Σdy² = 6, r = 6 / √60 = 0.7745966692414834.
        Assert.Equal(0.7745966692414834, RankCorrelation.Pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]), 1e-15);
        Assert.Equal(-1.0, RankCorrelation.Pearson([1, 2], [5, 3]));
    }

    [Fact]
    public void Average_ranks_share_the_mean_rank_of_a_tie()
    {
        // 5 is smallest; the two 7s span ranks 2 and 3.
        Assert.Equal([2.5, 2.5, 4, 1], RankCorrelation.AverageRanks([7, 7, 8, 5]));
        // −0 and +0 are one tied value between −∞ and +∞.
        Assert.Equal([1, 4, 2.5, 2.5], RankCorrelation.AverageRanks([double.NegativeInfinity, double.PositiveInfinity, 0.0, -0.0]));
        Assert.Equal([1.0], RankCorrelation.AverageRanks([42]));
        Assert.Empty(RankCorrelation.AverageRanks([]));
    }

    [Fact]
    public void Constant_input_gives_NaN_as_in_scipy()
    {
        foreach (var metric in Metrics)
        {
            Assert.True(double.IsNaN(metric([1, 1, 1], [1, 2, 3])));
            Assert.True(double.IsNaN(metric([1, 2, 3], [4, 4, 4])));
            Assert.True(double.IsNaN(metric([0.0, -0.0], [1, 2])));
        }
        // 0.1 + 0.1 + 0.1 over 3 is not 0.1, so only an exact constancy test keeps this NaN rather than noise.
        Assert.True(double.IsNaN(RankCorrelation.Pearson([0.1, 0.1, 0.1], [1, 2, 3])));
    }

    [Fact]
    public void Kendall_at_benchmark_scale_counts_pairs_beyond_int_range()
    {
        // NB101 size: n₀ = 423,624 · 423,623 / 2 = 89,728,434,876 pairs, far past int.MaxValue.
        const int n = 423_624;
        const long allPairs = 89_728_434_876;
        var x = new double[n];
        var swapped = new double[n];
        var halved = new double[n];
        var reversed = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = i;
            swapped[i] = i ^ 1;
            halved[i] = i / 2;
            reversed[i] = -i;
        }
        // Swapping neighbours 2i ↔ 2i+1 makes exactly n/2 discordant pairs and no ties.
        Assert.Equal((allPairs - n) / Math.Sqrt(allPairs) / Math.Sqrt(allPairs), RankCorrelation.KendallTauB(x, swapped));
        // ⌊i/2⌋ ties n/2 pairs in y and orders all the rest the same way.
        Assert.Equal((allPairs - n / 2) / Math.Sqrt(allPairs) / Math.Sqrt(allPairs - n / 2), RankCorrelation.KendallTauB(x, halved));
        Assert.Equal(-1.0, RankCorrelation.KendallTauB(x, reversed));
        // scipy gives these exact values for the same inputs.
        Assert.Equal(0.999995278821027, RankCorrelation.KendallTauB(x, swapped));
        Assert.Equal(0.9999988197045602, RankCorrelation.KendallTauB(x, halved));
    }

    [Fact]
    public void Kendall_equals_the_quadratic_definition_bit_for_bit_on_tied_data() =>
        TiedPairs.Sample((x, y) => SameOrBothNaN(RankCorrelation.KendallTauB(x, y), BruteForce.KendallTauB(x, y)), iter: 1000);

    [Fact]
    public void Kendall_equals_the_quadratic_definition_bit_for_bit_on_continuous_data() =>
        ContinuousPairs.Sample((x, y) => RankCorrelation.KendallTauB(x, y) == BruteForce.KendallTauB(x, y), iter: 300);

    [Fact]
    public void Spearman_matches_the_rank_counting_definition() =>
        TiedPairs.Sample((x, y) =>
        {
            double fast = RankCorrelation.Spearman(x, y), slow = BruteForce.Spearman(x, y);
            return double.IsNaN(slow) ? double.IsNaN(fast) : Math.Abs(fast - slow) < 1e-12;
        }, iter: 500);

    [Fact]
    public void Average_ranks_match_the_counting_definition() =>
        PoolValue(TiePool.Length).Array[0, 60].Sample(v => RankCorrelation.AverageRanks(v).SequenceEqual(BruteForce.AverageRanks(v)), iter: 300);

    [Fact]
    public void Pearson_matches_the_definition_and_stays_in_range() =>
        ContinuousPairs.Sample((x, y) =>
        {
            double r = RankCorrelation.Pearson(x, y);
            // The generator can draw a constant side (e.g. [0, 0]): there the correlation is undefined, as in scipy.
            if (x.Distinct().Count() == 1 || y.Distinct().Count() == 1) return double.IsNaN(r);
            return Math.Abs(r - BruteForce.Pearson(x, y)) < 1e-12 && Math.Abs(r) <= 1
                // a pure scaling: a shift would swamp values as small as 1e-86 and make x constant.
                && Math.Abs(RankCorrelation.Pearson(x, x.Select(v => 3 * v).ToArray()) - 1) < 1e-12;
        }, iter: 300);

    [Fact]
    public void Rank_correlations_are_one_with_self_and_minus_one_with_the_reverse_even_with_ties() =>
        TiedPairs.Sample((x, _) =>
        {
            double[] reversed = x.Select(v => -v).ToArray();
            if (x.All(v => v == x[0])) return true;
            // τ-b divides by two square roots, as scipy does, so τ(x, x) can land one ulp below 1: for [0, 1, 1]
            // it is 2 / √2 / √2 = 0.9999999999999999 in scipy too.
            return CloseOrBothNaN(RankCorrelation.KendallTauB(x, x), 1) && CloseOrBothNaN(RankCorrelation.KendallTauB(x, reversed), -1)
                && RankCorrelation.Spearman(x, x) == 1 && RankCorrelation.Spearman(x, reversed) == -1;
        }, iter: 300);

    [Fact]
    public void Rank_correlations_are_symmetric_and_flip_sign_with_one_argument() =>
        TiedPairs.Sample((x, y) =>
        {
            double tau = RankCorrelation.KendallTauB(x, y), rho = RankCorrelation.Spearman(x, y);
            double[] negY = y.Select(v => -v).ToArray();
            // Swapping x and y swaps the two divisions of τ-b, which may move the last bit, as in scipy.
            return CloseOrBothNaN(tau, RankCorrelation.KendallTauB(y, x)) && SameOrBothNaN(-tau, RankCorrelation.KendallTauB(x, negY))
                && SameOrBothNaN(rho, RankCorrelation.Spearman(y, x)) && SameOrBothNaN(-rho, RankCorrelation.Spearman(x, negY));
        }, iter: 300);

    [Fact]
    public void Rank_correlations_ignore_increasing_transforms_and_row_order() =>
        Gen.Select(TiedPairs, Gen.Int).Sample((pair, seed) =>
        {
            var (x, y) = pair;
            // Both maps are strictly increasing on the pool (∞ included), so every tie and every order survives.
            double[] xt = x.Select(Math.Atan).ToArray(), yt = y.Select(v => v * v * v - 7).ToArray();
            var random = new Random(seed);
            int[] perm = [.. Enumerable.Range(0, x.Length).OrderBy(_ => random.Next())];
            double[] xp = perm.Select(i => x[i]).ToArray(), yp = perm.Select(i => y[i]).ToArray();
            double tau = RankCorrelation.KendallTauB(x, y), rho = RankCorrelation.Spearman(x, y);
            return SameOrBothNaN(tau, RankCorrelation.KendallTauB(xt, yt)) && SameOrBothNaN(tau, RankCorrelation.KendallTauB(xp, yp))
                && SameOrBothNaN(rho, RankCorrelation.Spearman(xt, yt)) && SameOrBothNaN(rho, RankCorrelation.Spearman(xp, yp));
        }, iter: 300);

    private static readonly Func<double[], double[], double>[] Metrics =
        [(x, y) => RankCorrelation.KendallTauB(x, y), (x, y) => RankCorrelation.Spearman(x, y), (x, y) => RankCorrelation.Pearson(x, y)];

    [Fact]
    public void Bad_input_is_rejected_naming_what_is_wrong()
    {
        foreach (var metric in Metrics)
        {
            var e = Assert.Throws<ArgumentException>(() => metric([1, 2], [1, 2, 3]));
            Assert.Contains("x has 2 values but y has 3", e.Message);
            e = Assert.Throws<ArgumentException>(() => metric([1], [1]));
            Assert.Contains("at least 2 values; got 1", e.Message);
            e = Assert.Throws<ArgumentException>(() => metric([], []));
            Assert.Contains("at least 2 values; got 0", e.Message);
            e = Assert.Throws<ArgumentException>(() => metric([1, 2, 3], [1, 2, double.NaN]));
            Assert.Contains("y is NaN at index 2", e.Message);
            Assert.Equal("y", e.ParamName);
            e = Assert.Throws<ArgumentException>(() => metric([double.NaN, 2, double.NaN], [1, 2, 3]));
            Assert.Contains("x is NaN at index 0", e.Message);
        }
        var inf = Assert.Throws<ArgumentException>(() => RankCorrelation.Pearson([1, double.PositiveInfinity], [1, 2]));
        Assert.Contains("x is infinite at index 1", inf.Message);
        var rankNaN = Assert.Throws<ArgumentException>(() => RankCorrelation.AverageRanks([1, double.NaN]));
        Assert.Contains("values is NaN at index 1", rankNaN.Message);
    }
}
