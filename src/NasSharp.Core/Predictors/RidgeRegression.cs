namespace NasSharp.Predictors;

/// <summary>
/// Linear least squares with an L2 penalty on the weights, fitted in closed form: on features and targets centred by
/// their means, <c>w = (XᵀX + λI)⁻¹ Xᵀy</c>; the intercept is the target mean and is not penalised, so shifting the
/// targets shifts the predictions and nothing else.
/// </summary>
/// <remarks>
/// With λ &gt; 0 the system is symmetric positive definite for any number of rows, so a Cholesky solve always
/// succeeds, including with fewer rows than features (the few-shot case) and with constant features (their
/// centred column is zero, so their weight is zero).
/// </remarks>
public sealed class RidgeRegression
{
    private readonly double[] weights;
    private readonly double[] featureMeans;

    private RidgeRegression(double[] weights, double[] featureMeans, double intercept)
    {
        this.weights = weights;
        this.featureMeans = featureMeans;
        Intercept = intercept;
    }

    /// <summary>Weight of each feature (in the features' own units).</summary>
    public IReadOnlyList<double> Weights => weights;

    /// <summary>Prediction at the mean feature vector: the mean training target.</summary>
    public double Intercept { get; }

    /// <summary>Number of features a row must have.</summary>
    public int FeatureCount => weights.Length;

    /// <summary>Fits the weights to <paramref name="features"/> (one row per example) and <paramref name="targets"/>.</summary>
    /// <param name="features">Rows of equal width, at least one row and one column.</param>
    /// <param name="targets">One finite target per row.</param>
    /// <param name="penalty">λ &gt; 0, in squared target units per squared feature unit.</param>
    /// <exception cref="ArgumentException">No rows, rows of different widths, a count mismatch, a non-finite value, or λ ≤ 0; the message names the row and column.</exception>
    public static RidgeRegression Fit(IReadOnlyList<double[]> features, IReadOnlyList<double> targets, double penalty)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (!(penalty > 0) || !double.IsFinite(penalty))
            throw new ArgumentException($"The ridge penalty must be a positive number, got {penalty}.", nameof(penalty));
        if (features.Count == 0) throw new ArgumentException("Ridge regression needs at least one row.", nameof(features));
        if (features.Count != targets.Count)
            throw new ArgumentException($"{features.Count} feature rows but {targets.Count} targets.", nameof(targets));
        int d = features[0].Length;
        if (d == 0) throw new ArgumentException("Ridge regression needs at least one feature column.", nameof(features));
        for (int i = 0; i < features.Count; i++)
        {
            if (features[i].Length != d)
                throw new ArgumentException($"Feature row {i} has {features[i].Length} columns; row 0 has {d}.", nameof(features));
            for (int j = 0; j < d; j++)
                if (!double.IsFinite(features[i][j]))
                    throw new ArgumentException($"Feature row {i}, column {j} is {features[i][j]}.", nameof(features));
            if (!double.IsFinite(targets[i])) throw new ArgumentException($"Target {i} is {targets[i]}.", nameof(targets));
        }

        var means = new double[d];
        foreach (var row in features)
            for (int j = 0; j < d; j++) means[j] += row[j] / features.Count;
        double targetMean = targets.Average();

        var gram = new double[d, d];
        var moment = new double[d];
        for (int i = 0; i < features.Count; i++)
        {
            double y = targets[i] - targetMean;
            for (int a = 0; a < d; a++)
            {
                double xa = features[i][a] - means[a];
                moment[a] += xa * y;
                for (int b = 0; b <= a; b++) gram[a, b] += xa * (features[i][b] - means[b]);
            }
        }
        for (int a = 0; a < d; a++) gram[a, a] += penalty;
        return new RidgeRegression(SolveCholesky(gram, moment), means, targetMean);
    }

    /// <summary>The prediction for one feature row.</summary>
    /// <exception cref="ArgumentException">The row's width differs from <see cref="FeatureCount"/>.</exception>
    public double Predict(ReadOnlySpan<double> row)
    {
        if (row.Length != weights.Length)
            throw new ArgumentException($"The row has {row.Length} features; the model was fitted on {weights.Length}.", nameof(row));
        double sum = Intercept;
        for (int j = 0; j < weights.Length; j++) sum += weights[j] * (row[j] - featureMeans[j]);
        return sum;
    }

    /// <summary>Solves <c>M x = b</c> for symmetric positive definite <c>M</c>, given by its lower triangle.</summary>
    private static double[] SolveCholesky(double[,] m, double[] b)
    {
        int d = b.Length;
        var l = new double[d, d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j <= i; j++)
            {
                double sum = m[i, j];
                for (int k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                l[i, j] = i == j ? Math.Sqrt(sum) : sum / l[j, j];
            }
        var y = new double[d];
        for (int i = 0; i < d; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++) sum -= l[i, k] * y[k];
            y[i] = sum / l[i, i];
        }
        var x = new double[d];
        for (int i = d - 1; i >= 0; i--)
        {
            double sum = y[i];
            for (int k = i + 1; k < d; k++) sum -= l[k, i] * x[k];
            x[i] = sum / l[i, i];
        }
        return x;
    }
}
