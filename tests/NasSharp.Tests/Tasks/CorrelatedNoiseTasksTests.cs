using NasSharp.Evaluation;
using NasSharp.Tasks;

namespace NasSharp.Tests.Tasks;

public sealed class CorrelatedNoiseTasksTests
{
    private static readonly double[] Baseline = [.. Enumerable.Range(0, 20_000).Select(i => 50 + 10 * Math.Sin(i * 0.37) + i * 1e-4)];

    [Fact]
    public void Zero_sigma_copies_the_baseline_and_a_seed_fixes_the_noise()
    {
        Assert.Equal(Baseline, CorrelatedNoiseTasks.Correlated(Baseline, 0, seed: 3));
        Assert.Equal(CorrelatedNoiseTasks.Correlated(Baseline, 1, seed: 3), CorrelatedNoiseTasks.Correlated(Baseline, 1, seed: 3));
        Assert.NotEqual(CorrelatedNoiseTasks.Correlated(Baseline, 1, seed: 3), CorrelatedNoiseTasks.Correlated(Baseline, 1, seed: 4));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void Sigma_sets_the_correlation_with_the_baseline_and_between_tasks(double sigma)
    {
        // Eq. 8 with σ in units of sd(s): corr(s + ε, s) = 1/√(1+σ²), corr(s + ε1, s + ε2) = 1/(1+σ²).
        double[] first = CorrelatedNoiseTasks.Correlated(Baseline, sigma, seed: 1);
        double[] second = CorrelatedNoiseTasks.Correlated(Baseline, sigma, seed: 2);
        Assert.Equal(1 / Math.Sqrt(1 + sigma * sigma), RankCorrelation.Pearson(first, Baseline), 0.02);
        Assert.Equal(1 / (1 + sigma * sigma), RankCorrelation.Pearson(first, second), 0.02);
    }

    [Fact]
    public void Uncorrelated_tasks_are_standard_normal_and_unrelated_to_the_baseline()
    {
        double[] noise = CorrelatedNoiseTasks.Uncorrelated(Baseline.Length, seed: 7);
        double mean = noise.Average();
        Assert.Equal(0, mean, 0.03);
        Assert.Equal(1, Math.Sqrt(noise.Sum(v => (v - mean) * (v - mean)) / (noise.Length - 1)), 0.03);
        Assert.InRange(RankCorrelation.Pearson(noise, Baseline), -0.03, 0.03);
        Assert.Equal(5, CorrelatedNoiseTasks.Uncorrelated(5, seed: 7).Length);
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_reason()
    {
        Assert.Contains("σ", Assert.Throws<ArgumentException>(() => CorrelatedNoiseTasks.Correlated(Baseline, -1, 0)).Message);
        Assert.Contains("σ", Assert.Throws<ArgumentException>(() => CorrelatedNoiseTasks.Correlated(Baseline, double.NaN, 0)).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => CorrelatedNoiseTasks.Correlated([1, double.NaN, 3], 1, 0)).Message);
        Assert.Contains("at least 2", Assert.Throws<ArgumentException>(() => CorrelatedNoiseTasks.Correlated([1], 1, 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => CorrelatedNoiseTasks.Uncorrelated(1, 0));
    }
}
