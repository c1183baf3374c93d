using NasSharp.Features;
using NasSharp.Predictors;
using NasSharp.SearchSpaces;

namespace NasSharp.Meta;

/// <summary>
/// Few-shot ridge regression on an architecture featurizer (graph features, cost columns, the latencies of other
/// devices): the kind <c>feature-ridge</c>. Features and values are z-scored over the support set, and λ is chosen
/// from <see cref="FeatureRidgeConfig.Penalties"/> by leave-one-out squared error on the support set, so nothing but the
/// K support cells decides the fit. A closed-form fit: the seed does not matter.
/// </summary>
/// <remarks>
/// Why a ridge: with K = 5–10 cells and tens of strongly correlated features (device latencies correlate at 0.6–0.99),
/// least squares is undetermined; the L2 penalty on standardised features spreads the weight over correlated
/// columns (towards weights proportional to each feature's covariance with the values) instead of picking one,
/// which is what a prior of many similar devices calls for. The criterion is the squared error, not Spearman:
/// under strong shrinkage every left-out prediction is near its fold's training mean, which is high when the left-out
/// value is low, so a pooled leave-one-out Spearman is −1 for a heavily penalised but correct fit. Ties go to the
/// larger λ. K = 2 cannot be cross-validated and takes the largest λ.
/// </remarks>
public sealed class FeatureRidgePredictor : IArchitecturePredictor
{
    private readonly ISearchSpace space;
    private readonly FeatureRidgeConfig config;
    private readonly IArchitectureFeaturizer featurizer;
    private readonly int anchor;
    private Fitted? fitted;

    /// <summary>An unfitted ridge for <paramref name="space"/>.</summary>
    /// <exception cref="ArgumentException">A bad penalty grid, or no graph features for the space when no featurizer is given.</exception>
    public FeatureRidgePredictor(ISearchSpace space, FeatureRidgeConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(space);
        this.config = config ?? new FeatureRidgeConfig();
        this.config.Validate();
        this.space = space;
        featurizer = this.config.Featurizer ?? GraphFeatures.For(space);
        anchor = this.config.Anchor is null ? -1 : featurizer.Names.ToList().IndexOf(this.config.Anchor);
        if (this.config.Anchor is not null && anchor < 0)
            throw new ArgumentException($"The ridge's anchor feature '{this.config.Anchor}' is not one of its features ({string.Join(", ", featurizer.Names)}).");
    }

    /// <inheritdoc/>
    public string Kind => PredictorRegistry.FeatureRidge;

    /// <summary>Names of the features read.</summary>
    public IReadOnlyList<string> FeatureNames => featurizer.Names;

    /// <summary>Names of the features the last fit read (<see cref="FeatureRidgeConfig.Screen"/>; all without screening); empty before one.</summary>
    public IReadOnlyList<string> ReadFeatures => fitted is null ? []
        : fitted.Model.Kept is { } kept ? [.. featurizer.Names.Where((_, f) => kept[f])] : featurizer.Names;

    /// <summary>The λ chosen by the last fit; NaN before one.</summary>
    public double Penalty => fitted?.Penalty ?? double.NaN;

    /// <summary>Leave-one-out mean squared error (in z-units of the values) of each candidate λ in the last fit; empty before one or when K &lt; 3.</summary>
    public IReadOnlyDictionary<double, double> CrossValidatedError => fitted?.CrossValidation ?? new Dictionary<double, double>();

    /// <summary>The unpenalised slope on the anchor feature in the last fit (z-units); 0 without an anchor or before a fit.</summary>
    public double AnchorSlope => fitted?.Model.Ridge.AnchorSlope ?? 0;

    /// <summary>Feature weights of the last fit (per standardised feature, in z-units of the values), aligned with <see cref="FeatureNames"/>.</summary>
    public IReadOnlyList<double> Weights => fitted?.Model.Ridge.Ridge.Weights ?? [];

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Also: fewer than two different values, or a feature missing for a support architecture.</exception>
    public void Fit(IReadOnlyList<string> architectures, IReadOnlyList<double> values, int seed)
    {
        PredictorInputs.CheckFit(Kind, architectures, values, minimum: 2);
        if (values.All(v => v == values[0]))
            throw new ArgumentException($"Predictor '{Kind}' needs at least two different values to rank anything.", nameof(values));
        fitted = null;
        var rows = Features(architectures);
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < rows[i].Length; j++)
                if (!double.IsFinite(rows[i][j]))
                    throw new ArgumentException(
                        $"Predictor '{Kind}': feature '{featurizer.Names[j]}' of architecture {i} ('{architectures[i]}') is missing ({rows[i][j]}).", nameof(architectures));
        double sign = config.LogMagnitude ? MagnitudeSign(values) : 1;
        IReadOnlyList<double> targets = config.LogMagnitude ? LogMagnitudes(values, sign) : values;
        var penalties = config.Penalties.Distinct().Order().ToArray();
        var crossValidation = rows.Length >= 3 ? LeaveOneOut(rows, targets, penalties) : new Dictionary<double, double>();
        double penalty = crossValidation.Count == 0
            ? penalties[^1]
            : penalties.Reverse().MinBy(p => crossValidation[p]);
        fitted = new Fitted(FitScreened(rows, targets, penalty), penalty, crossValidation, sign);
    }

    /// <inheritdoc/>
    public double[] Predict(IReadOnlyList<string> architectures)
    {
        var model = fitted ?? throw new InvalidOperationException($"Predictor '{Kind}' predicts only after Fit.");
        var predictions = Features(architectures).Select(model.Model.Predict);
        return config.LogMagnitude ? [.. predictions.Select(p => model.Sign * Math.Exp(model.Sign * p))] : [.. predictions];
    }

    /// <inheritdoc/>
    public void Dispose() => fitted = null;

    private double[][] Features(IReadOnlyList<string> architectures)
    {
        var rows = new double[architectures.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            try
            {
                rows[i] = featurizer.Compute(architectures[i]);
            }
            catch (ArchitectureFormatException e)
            {
                throw new ArgumentException($"Architecture {i} ('{architectures[i]}') is not one of {space.Name}: {e.Message}", nameof(architectures), e);
            }
        }
        return rows;
    }

    /// <summary>Out-of-fold mean squared error of each λ in z-units of all the values, every fold standardised on its own training cells.</summary>
    private Dictionary<double, double> LeaveOneOut(double[][] rows, IReadOnlyList<double> values, double[] penalties)
    {
        var result = new Dictionary<double, double>();
        foreach (double penalty in penalties)
        {
            var outOfFold = new double[rows.Length];
            for (int i = 0; i < rows.Length; i++)
            {
                var train = Enumerable.Range(0, rows.Length).Where(j => j != i).ToArray();
                var trainValues = train.Select(j => values[j]).ToArray();
                // A fold whose training values are all equal ranks nothing; its point gets the training mean.
                outOfFold[i] = trainValues.All(v => v == trainValues[0])
                    ? trainValues[0]
                    : FitScreened([.. train.Select(j => rows[j])], trainValues, penalty).Predict(rows[i]);
            }
            var z = TargetNormalization.Fit(values);
            result[penalty] = outOfFold.Select((p, i) => Math.Pow((p - values[i]) / z.Std, 2)).Average();
        }
        return result;
    }

    /// <summary>+1 when every value is ≥ 0, −1 when every value is ≤ 0 (an oriented cost).</summary>
    private double MagnitudeSign(IReadOnlyList<double> values) =>
        values.All(v => v >= 0) ? 1
        : values.All(v => v <= 0) ? -1
        : throw new ArgumentException($"Predictor '{Kind}' fits log magnitudes (FeatureRidgeConfig.LogMagnitude), and the values have both signs.", nameof(values));

    /// <summary>sign · log |v|, increasing in v; zeros floored at half the smallest non-zero magnitude.</summary>
    internal static double[] LogMagnitudes(IReadOnlyList<double> values, double sign)
    {
        double floor = values.Select(Math.Abs).Where(v => v > 0).Min() / 2;
        return [.. values.Select(v => sign * Math.Log(Math.Max(Math.Abs(v), floor)))];
    }

    /// <summary>
    /// The ridge on <paramref name="rows"/>, after <see cref="FeatureRidgeConfig.Screen"/> when set: the features
    /// outside the screened ones are masked as missing, which the standardisation makes 0 and the ridge weighs 0.
    /// </summary>
    private ScreenedRidge FitScreened(double[][] rows, IReadOnlyList<double> targets, double penalty)
    {
        if (config.Screen is not int keep || keep >= featurizer.Names.Count)
            return new ScreenedRidge(StandardisedRidge.Fit(featurizer.Names, rows, targets, penalty, anchor), null);
        var y = targets.ToArray();
        var strength = Enumerable.Range(0, featurizer.Names.Count)
            .Select(f => f == anchor ? double.PositiveInfinity : Math.Abs(Evaluation.RankCorrelation.Pearson([.. rows.Select(r => r[f])], y)))
            .Select(v => double.IsNaN(v) ? 0 : v).ToArray();
        var kept = new bool[strength.Length];
        foreach (int f in Enumerable.Range(0, strength.Length).OrderByDescending(f => strength[f]).Take(keep)) kept[f] = true;
        return new ScreenedRidge(StandardisedRidge.Fit(featurizer.Names, [.. rows.Select(r => Mask(r, kept))], targets, penalty, anchor), kept);
    }

    /// <summary><paramref name="row"/> with the features outside <paramref name="kept"/> (null: none) marked missing.</summary>
    private static double[] Mask(double[] row, bool[]? kept) => kept is null ? row : [.. row.Select((v, f) => kept[f] ? v : double.NaN)];

    /// <summary>A ridge and the features it may read (null: all).</summary>
    private sealed record ScreenedRidge(StandardisedRidge Ridge, bool[]? Kept)
    {
        public double Predict(double[] row) => Ridge.Predict(Mask(row, Kept));
    }

    private sealed record Fitted(ScreenedRidge Model, double Penalty, IReadOnlyDictionary<double, double> CrossValidation, double Sign);
}
