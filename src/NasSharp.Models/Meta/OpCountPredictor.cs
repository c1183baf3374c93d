using NasSharp.Encodings;
using NasSharp.Predictors;

namespace NasSharp.Meta;

/// <summary>
/// A transparent few-shot baseline, not from the papers: ridge regression (<see cref="RidgeRegression"/>) of the
/// support values on each architecture's operation histogram (<see cref="GraphBatch.NodeTypeCounts"/> in the unified
/// vocabulary). It knows nothing of the wiring, so it shows how much of a task a count of operations already
/// explains: device latencies, for instance, follow the number and kind of operations closely.
/// </summary>
public sealed class OpCountPredictor : IFewShotPredictor
{
    /// <summary>
    /// The default λ, fixed before any result was seen rather than tuned: one unit of squared target per squared
    /// operation count keeps a 5-point fit from following a single cell.
    /// </summary>
    public const double DefaultPenalty = 1.0;

    private readonly RidgeRegression ridge;

    private OpCountPredictor(RidgeRegression ridge) => this.ridge = ridge;

    /// <summary>The fitted regression (one weight per node type).</summary>
    public RidgeRegression Regression => ridge;

    /// <inheritdoc/>
    public int Steps => 0;

    /// <inheritdoc/>
    public FineTuningStart? Start => null;

    /// <inheritdoc/>
    public IReadOnlyDictionary<int, double> CrossValidatedSpearman { get; } = new Dictionary<int, double>();

    /// <summary>Fits the ridge to the support set; the values are z-scored first, so λ means the same for every task.</summary>
    /// <exception cref="ArgumentException">Fewer than two support architectures, constant or non-finite values, or a count mismatch.</exception>
    public static OpCountPredictor Fit(GraphBatch support, IReadOnlyList<double> values, double penalty = DefaultPenalty)
    {
        if (support.Count != values.Count)
            throw new ArgumentException($"{support.Count} support graphs but {values.Count} values: K must match.", nameof(values));
        if (values.Count < 2 || values.All(v => v == values[0]))
            throw new ArgumentException($"The operation-count baseline needs at least two different support values to rank anything, got K = {values.Count}.", nameof(values));
        var z = TargetNormalization.Fit(values).Normalize(values).Select(v => (double)v).ToArray();
        return new OpCountPredictor(RidgeRegression.Fit(support.NodeTypeCounts(), z, penalty));
    }

    /// <inheritdoc/>
    public double[] Predict(GraphBatch graphs) => [.. graphs.NodeTypeCounts().Select(row => ridge.Predict(row))];

    /// <inheritdoc/>
    public void Dispose() { }
}
