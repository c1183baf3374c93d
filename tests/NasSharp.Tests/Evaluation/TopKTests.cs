using CsCheck;
using NasSharp.Evaluation;

namespace NasSharp.Tests.Evaluation;

public class TopKTests
{
    private static readonly double[] Truth = [10, 50, 30, 40, 20];

    /// <summary>Equal-length truth/prediction pairs of 1–50 values from 0–4, so ties straddle the top-k cut, and a k.</summary>
    private static readonly Gen<(double[] Truth, double[] Predicted, int K)> TiedRankings =
        Gen.Int[1, 50].SelectMany(n => Gen.Select(Gen.Int[0, 4].Select(v => (double)v).Array[n],
            Gen.Int[0, 4].Select(v => (double)v).Array[n], Gen.Int[1, n]));

    [Fact]
    public void Precision_is_the_overlap_of_the_two_top_k_sets_over_k()
    {
        // True top-2 = rows 1 (50), 3 (40); predicted top-2 = rows 1 (9), 2 (8): one shared row of two.
        Assert.Equal(0.5, TopK.PrecisionAtK(Truth, [0, 9, 8, 1, 2], 2));
        Assert.Equal(1.0, TopK.PrecisionAtK(Truth, Truth, 3));
        // Reversed prediction picks the true worst (row 0) first.
        Assert.Equal(0.0, TopK.PrecisionAtK(Truth, [5, 1, 3, 2, 4], 1));
        // k = n always overlaps fully.
        Assert.Equal(1.0, TopK.PrecisionAtK(Truth, [5, 1, 3, 2, 4], 5));
        Assert.Equal(1.0, TopK.PrecisionAtK([3], [-1], 1));
    }

    [Fact]
    public void Ties_break_towards_the_lower_index()
    {
        Assert.Equal([0, 1], TopK.TopIndices([3, 3, 3], 2));
        Assert.Equal([2, 0], TopK.TopIndices([3, 1, 4], 2));
        Assert.Equal([1, 3, 0], TopK.TopIndices([5, 7, 5, 7, 5], 3));
        // −0 and +0 tie; +∞ and −∞ are ordinary extremes.
        Assert.Equal([3, 0, 1, 2], TopK.TopIndices([0.0, -0.0, double.NegativeInfinity, double.PositiveInfinity], 4));
        // A constant prediction selects rows 0 and 1, while the true top-2 are rows 3 and 2.
        Assert.Equal(0.0, TopK.PrecisionAtK([1, 2, 3, 4], [7, 7, 7, 7], 2));
        // Tied truth: the true top-2 are rows 0 and 1, which a prediction favouring rows 2 and 3 misses.
        Assert.Equal(0.0, TopK.PrecisionAtK([1, 1, 1, 1], [0, 0, 5, 5], 2));
    }

    /// <summary>
    /// Truth ascends with the row, and the prediction ranks the true best first and then the true worst, so the
    /// predicted top-k shares exactly one row with the true top-k while k ≤ n/2, and precision is 1/k.
    /// </summary>
    private static double PrecisionAtFractionRevealingK(int n, double fraction)
    {
        var truth = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        var predicted = Enumerable.Range(0, n).Select(i => i == n - 1 ? double.PositiveInfinity : -i).ToArray();
        return TopK.PrecisionAtFraction(truth, predicted, fraction);
    }

    [Fact]
    public void Precision_at_a_fraction_rounds_k_half_to_even_and_never_below_one()
    {
        Assert.Equal(1.0 / 5, PrecisionAtFractionRevealingK(100, 0.05));
        // 0.25 · 10 = 2.5 → 2 and 0.05 · 30 = 1.5 → 2 (half to even, like Python's round).
        Assert.Equal(1.0 / 2, PrecisionAtFractionRevealingK(10, 0.25));
        Assert.Equal(1.0 / 2, PrecisionAtFractionRevealingK(30, 0.05));
        // 0.05 · 10 = 0.5 → 0, raised to k = 1.
        Assert.Equal(1.0, PrecisionAtFractionRevealingK(10, 0.05));
        // NB101 size: 0.05 · 423,624 = 21,181.2 → k = 21,181.
        Assert.Equal(1.0 / 21_181, PrecisionAtFractionRevealingK(423_624, 0.05));
        Assert.Equal(1.0, TopK.PrecisionAtFraction(Truth, [5, 1, 3, 2, 4], 1.0));
    }

    [Fact]
    public void Regret_is_the_gap_between_the_true_best_and_the_best_found()
    {
        Assert.Equal(0, TopK.TopKRegret(Truth, Truth, 1));
        // The prediction's top-1 is row 3 (40); the true best is 50.
        Assert.Equal(10, TopK.TopKRegret(Truth, [0, 0, 0, 9, 0], 1));
        // Its top-2 (rows 3 and 1) includes the true best.
        Assert.Equal(0, TopK.TopKRegret(Truth, [0, 1, 0, 9, 0], 2));
        // Any row sharing the best true value counts as finding it.
        Assert.Equal(0, TopK.TopKRegret([5, 9, 9], [0, 0, 1], 1));
        // +∞ found is no regret (not ∞ − ∞ = NaN); +∞ missed is infinite regret.
        Assert.Equal(0, TopK.TopKRegret([1, double.PositiveInfinity], [0, 1], 1));
        Assert.Equal(double.PositiveInfinity, TopK.TopKRegret([1, double.PositiveInfinity], [1, 0], 1));
    }

    [Fact]
    public void Metrics_match_a_stable_sort_reference_on_tied_data() =>
        TiedRankings.Sample((truth, predicted, k) =>
            TopK.TopIndices(predicted, k).SequenceEqual(BruteForce.TopIndices(predicted, k))
            && TopK.PrecisionAtK(truth, predicted, k) == BruteForce.PrecisionAtK(truth, predicted, k)
            && TopK.TopKRegret(truth, predicted, k) == BruteForce.TopKRegret(truth, predicted, k), iter: 500);

    [Fact]
    public void Precision_and_regret_stay_in_range() =>
        TiedRankings.Sample((truth, predicted, k) =>
        {
            double precision = TopK.PrecisionAtK(truth, predicted, k), hits = precision * k;
            return precision is >= 0 and <= 1 && Math.Abs(hits - Math.Round(hits)) < 1e-9
                && TopK.PrecisionAtK(truth, truth, k) == 1 && TopK.PrecisionAtK(truth, predicted, truth.Length) == 1
                && TopK.TopKRegret(truth, predicted, k) >= 0 && TopK.TopKRegret(truth, truth, k) == 0;
        }, iter: 300);

    [Fact]
    public void Bad_input_is_rejected_naming_what_is_wrong()
    {
        var e = Assert.Throws<ArgumentException>(() => TopK.PrecisionAtK(Truth, [1, 2], 1));
        Assert.Contains("truth has 5 values but predicted has 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => TopK.TopKRegret([], [], 1));
        Assert.Contains("at least 1 value; got 0", e.Message);
        e = Assert.Throws<ArgumentException>(() => TopK.PrecisionAtFraction([], [], 0.05));
        Assert.Contains("at least 1 value; got 0", e.Message);
        e = Assert.Throws<ArgumentException>(() => TopK.TopKRegret(Truth, [1, 2, double.NaN, 4, 5], 1));
        Assert.Contains("predicted is NaN at index 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => TopK.PrecisionAtK([1, double.NaN], [1, 2], 1));
        Assert.Contains("truth is NaN at index 1", e.Message);
        e = Assert.Throws<ArgumentException>(() => TopK.TopIndices([double.NaN], 1));
        Assert.Contains("values is NaN at index 0", e.Message);

        foreach (int k in new[] { 0, -1, 6 })
        {
            var range = Assert.Throws<ArgumentOutOfRangeException>(() => TopK.PrecisionAtK(Truth, Truth, k));
            Assert.Equal("k", range.ParamName);
            Assert.Contains("between 1 and the number of values (5)", range.Message);
            Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => TopK.TopKRegret(Truth, Truth, k)).ParamName);
            Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => TopK.TopIndices(Truth, k)).ParamName);
        }
        foreach (double fraction in new[] { 0, -0.1, 1.1, double.NaN })
        {
            var range = Assert.Throws<ArgumentOutOfRangeException>(() => TopK.PrecisionAtFraction(Truth, Truth, fraction));
            Assert.Equal("fraction", range.ParamName);
            Assert.Contains("must be in (0, 1]", range.Message);
        }
    }
}
