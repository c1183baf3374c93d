namespace NasSharp.Predictors;

/// <summary>Z-scoring of the regression target; predictions are mapped back to the target's unit.</summary>
/// <param name="Mean">Mean of the training targets.</param>
/// <param name="Std">Population standard deviation of the training targets (1 when they are constant).</param>
public sealed record TargetNormalization(double Mean, double Std)
{
    /// <summary>Statistics of <paramref name="values"/>; a constant set gets <c>Std = 1</c> so scores stay finite.</summary>
    public static TargetNormalization Fit(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("Cannot normalise an empty target set.", nameof(values));
        double mean = values.Average();
        double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        return new TargetNormalization(mean, std > 1e-12 ? std : 1);
    }

    /// <summary>(v − mean) / std.</summary>
    public float[] Normalize(IReadOnlyList<double> values) => values.Select(v => (float)((v - Mean) / Std)).ToArray();

    /// <summary>z · std + mean.</summary>
    public double Denormalize(float z) => z * Std + Mean;
}
