using NasSharp.Evaluation;

namespace NasSharp.Tests.Evaluation;

public class TopKTests
{
    private static readonly double[] Truth = [10, 50, 30, 40, 20];

    [Fact]
    public void Precision_counts_the_overlap_of_the_top_k()
    {
        // true top-2 = rows 1, 3; predicted top-2 = rows 1, 2.
        Assert.Equal(0.5, TopK.PrecisionAtK(Truth, [0, 9, 8, 1, 2], 2));
        Assert.Equal(1.0, TopK.PrecisionAtK(Truth, Truth, 3));
        Assert.Equal(1.0, TopK.PrecisionAtK(Truth, [5, 4, 3, 2, 1], 5));
        // 5% of 5 rounds to 0 → k = 1.
        Assert.Equal(1.0, TopK.PrecisionAtFraction(Truth, [0, 1, 0, 0, 0], 0.05));
    }

    [Fact]
    public void Ties_break_by_index()
    {
        Assert.Equal(new[] { 0, 1 }, TopK.TopIndices([3, 3, 3], 2));
        Assert.Equal(new[] { 2, 0 }, TopK.TopIndices([3, 1, 4], 2));
    }

    [Fact]
    public void Regret_is_the_gap_to_the_true_best()
    {
        Assert.Equal(0, TopK.TopKRegret(Truth, Truth, 1));
        Assert.Equal(10, TopK.TopKRegret(Truth, [0, 0, 0, 9, 0], 1));
        Assert.Equal(0, TopK.TopKRegret(Truth, [0, 1, 0, 9, 0], 2));
    }

    [Fact]
    public void Bad_k_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TopK.PrecisionAtK(Truth, Truth, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TopK.PrecisionAtK(Truth, Truth, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => TopK.PrecisionAtFraction(Truth, Truth, 0));
    }
}
