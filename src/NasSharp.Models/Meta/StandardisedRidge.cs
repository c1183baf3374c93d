using NasSharp.Predictors;

namespace NasSharp.Meta;

/// <summary>
/// A <see cref="RidgeRegression"/> on features and values z-scored over the rows it is fitted on (the features by
/// <see cref="FeatureScaling"/>, as the hybrid readout scales them), so that λ means the same for every feature's unit
/// and every task's; predictions are in the values' units. A feature constant over the rows becomes 0 (weight 0).
/// </summary>
internal sealed class StandardisedRidge
{
    private readonly FeatureScaling scaling;
    private readonly TargetNormalization target;

    private readonly int anchor;

    private StandardisedRidge(RidgeRegression ridge, FeatureScaling scaling, TargetNormalization target, int anchor, double anchorSlope)
    {
        Ridge = ridge;
        this.scaling = scaling;
        this.target = target;
        this.anchor = anchor;
        AnchorSlope = anchorSlope;
    }

    /// <summary>The regression on the standardised features (of the anchor's residual when there is an anchor).</summary>
    public RidgeRegression Ridge { get; }

    /// <summary>The unpenalised slope of the z-scored values on the standardised anchor feature; 0 without an anchor.</summary>
    public double AnchorSlope { get; }

    /// <summary>
    /// Fits <paramref name="values"/> (not all equal) on <paramref name="rows"/> of the features <paramref name="names"/>
    /// with penalty <paramref name="penalty"/>, shrunk towards feature <paramref name="anchor"/>'s own fit when it is
    /// an index (−1: none) (<see cref="FeatureRidgeConfig.Anchor"/>).
    /// </summary>
    public static StandardisedRidge Fit(IReadOnlyList<string> names, IReadOnlyList<double[]> rows, IReadOnlyList<double> values, double penalty, int anchor = -1)
    {
        var scaling = FeatureScaling.Fit(names, rows);
        var target = TargetNormalization.Fit(values);
        var z = target.Normalize(values).Select(v => (double)v).ToArray();
        var x = rows.Select(scaling.Standardise).ToArray();
        double slope = anchor < 0 ? 0 : Slope([.. x.Select(r => r[anchor])], z);
        // The ridge penalises the weights' distance from (slope on the anchor, 0 elsewhere): fit the residual.
        var residual = z.Select((v, i) => anchor < 0 ? v : v - slope * x[i][anchor]).ToArray();
        return new StandardisedRidge(RidgeRegression.Fit(x, residual, penalty), scaling, target, anchor, slope);
    }

    /// <summary>The prediction for one raw feature row, in the values' units.</summary>
    public double Predict(double[] row)
    {
        var x = scaling.Standardise(row);
        double z = Ridge.Predict(x) + (anchor < 0 ? 0 : AnchorSlope * x[anchor]);
        return z * target.Std + target.Mean;
    }

    /// <summary>Least-squares slope through the origin of centred <paramref name="y"/> on centred <paramref name="x"/>; 0 for a constant x.</summary>
    private static double Slope(double[] x, double[] y)
    {
        double xx = x.Sum(v => v * v);
        return xx < 1e-12 ? 0 : x.Select((v, i) => v * y[i]).Sum() / xx;
    }
}
