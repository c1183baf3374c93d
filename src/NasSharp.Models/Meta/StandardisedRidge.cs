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

    private StandardisedRidge(RidgeRegression ridge, FeatureScaling scaling, TargetNormalization target)
    {
        Ridge = ridge;
        this.scaling = scaling;
        this.target = target;
    }

    /// <summary>The regression on the standardised features.</summary>
    public RidgeRegression Ridge { get; }

    /// <summary>
    /// Fits <paramref name="values"/> (not all equal) on <paramref name="rows"/> of the features <paramref name="names"/>
    /// with penalty <paramref name="penalty"/>.
    /// </summary>
    public static StandardisedRidge Fit(IReadOnlyList<string> names, IReadOnlyList<double[]> rows, IReadOnlyList<double> values, double penalty)
    {
        var scaling = FeatureScaling.Fit(names, rows);
        var target = TargetNormalization.Fit(values);
        var z = target.Normalize(values).Select(v => (double)v).ToArray();
        return new StandardisedRidge(RidgeRegression.Fit([.. rows.Select(scaling.Standardise)], z, penalty), scaling, target);
    }

    /// <summary>The prediction for one raw feature row, in the values' units.</summary>
    public double Predict(double[] row) => Ridge.Predict(scaling.Standardise(row)) * target.Std + target.Mean;
}
