using NasSharp.Predictors;

namespace NasSharp.Meta;

/// <summary>
/// A <see cref="RidgeRegression"/> on features and values z-scored over the rows it is fitted on, so that λ means
/// the same for every feature's unit and every task's; predictions are in the values' units. A feature constant over
/// the rows keeps scale 1 (its centred column is zero, so its weight is zero).
/// </summary>
internal sealed class StandardisedRidge
{
    private readonly double[] scales;
    private readonly TargetNormalization target;

    private StandardisedRidge(RidgeRegression ridge, double[] scales, TargetNormalization target)
    {
        Ridge = ridge;
        this.scales = scales;
        this.target = target;
    }

    /// <summary>The regression on the standardised features.</summary>
    public RidgeRegression Ridge { get; }

    /// <summary>Fits <paramref name="values"/> (not all equal) on <paramref name="rows"/> with penalty <paramref name="penalty"/>.</summary>
    public static StandardisedRidge Fit(IReadOnlyList<double[]> rows, IReadOnlyList<double> values, double penalty)
    {
        int d = rows[0].Length;
        var scales = new double[d];
        for (int j = 0; j < d; j++)
        {
            double mean = rows.Average(r => r[j]);
            double std = Math.Sqrt(rows.Average(r => (r[j] - mean) * (r[j] - mean)));
            scales[j] = std > 1e-12 ? std : 1;
        }
        var target = TargetNormalization.Fit(values);
        var z = target.Normalize(values).Select(v => (double)v).ToArray();
        return new StandardisedRidge(RidgeRegression.Fit([.. rows.Select(r => Scale(r, scales))], z, penalty), scales, target);
    }

    /// <summary>The prediction for one raw feature row, in the values' units.</summary>
    public double Predict(double[] row) => Ridge.Predict(Scale(row, scales)) * target.Std + target.Mean;

    private static double[] Scale(double[] row, double[] scales)
    {
        var scaled = new double[row.Length];
        for (int j = 0; j < row.Length; j++) scaled[j] = row[j] / scales[j];
        return scaled;
    }
}
