namespace NasSharp.Tasks;

/// <summary>
/// Synthetic task values for mp-nas §4.1 (Figure 2): copies of one real task corrupted by white Gaussian noise
/// (Eq. 8), and pure-noise tasks that share nothing with it. Pure functions of their seed.
/// </summary>
public static class CorrelatedNoiseTasks
{
    /// <summary>
    /// <c>s + ε</c>, ε ~ N(0, (σ·sd(s))²) (Eq. 8). σ is in units of the standard deviation of <paramref name="baseline"/>
    /// so that it means the same for any metric: two such tasks have expected Pearson correlation 1 / (1 + σ²) with each
    /// other and 1 / √(1 + σ²) with the baseline.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two values, a non-finite value, or a negative or non-finite σ.</exception>
    public static double[] Correlated(IReadOnlyList<double> baseline, double sigma, int seed)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        if (baseline.Count < 2) throw new ArgumentException($"Need at least 2 baseline values, got {baseline.Count}.", nameof(baseline));
        if (baseline.Any(v => !double.IsFinite(v))) throw new ArgumentException("Baseline values must be finite.", nameof(baseline));
        if (!(sigma >= 0) || !double.IsFinite(sigma)) throw new ArgumentException($"σ must be a finite number ≥ 0, got {sigma}.", nameof(sigma));
        double mean = baseline.Average();
        double sd = Math.Sqrt(baseline.Sum(v => (v - mean) * (v - mean)) / (baseline.Count - 1));
        double[] noise = Normal(baseline.Count, seed);
        return [.. baseline.Select((v, i) => v + sigma * sd * noise[i])];
    }

    /// <summary>An uncorrelated task: <paramref name="count"/> independent N(0, 1) values.</summary>
    public static double[] Uncorrelated(int count, int seed)
    {
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), count, "An uncorrelated task needs at least 2 values.");
        return Normal(count, seed);
    }

    /// <summary>Standard normal draws by the Box–Muller transform (System.Random has no Gaussian sampler).</summary>
    private static double[] Normal(int count, int seed)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (int i = 0; i < count; i += 2)
        {
            double radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            double angle = 2 * Math.PI * random.NextDouble();
            values[i] = radius * Math.Cos(angle);
            if (i + 1 < count) values[i + 1] = radius * Math.Sin(angle);
        }
        return values;
    }
}
