using NasSharp.Meta;
using NasSharp.SearchSpaces;
using NasSharp.Unified;

namespace NasSharp.Predictors;

/// <summary>
/// The operation-count ridge (<see cref="OpCountPredictor"/>: ridge regression on each architecture's operation
/// histogram in the unified vocabulary) as an <see cref="IArchitecturePredictor"/>. A closed-form fit: the seed does
/// not matter. Predictions are mapped from the z-scored fit back to the values' unit.
/// </summary>
public sealed class OpCountRidgePredictor : IArchitecturePredictor
{
    private readonly UnifiedEncoder encoder;
    private readonly ISearchSpace space;
    private readonly double penalty;
    private OpCountPredictor? ridge;
    private TargetNormalization normalization = new(0, 1);

    /// <summary>An unfitted ridge for <paramref name="space"/> with penalty λ = <paramref name="penalty"/>.</summary>
    /// <exception cref="ArgumentException">The space has no unified mapping, or λ is negative or not finite.</exception>
    public OpCountRidgePredictor(ISearchSpace space, double penalty = OpCountPredictor.DefaultPenalty)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (!(penalty >= 0) || !double.IsFinite(penalty)) throw new ArgumentException($"The ridge penalty must be finite and ≥ 0, got {penalty}.", nameof(penalty));
        encoder = new UnifiedEncoder(space);
        this.space = space;
        this.penalty = penalty;
    }

    /// <inheritdoc/>
    public string Kind => PredictorRegistry.OpCount;

    /// <summary>The fitted regression (one weight per unified node type, on z-scored values), or null before a fit.</summary>
    public RidgeRegression? Regression => ridge?.Regression;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Also: fewer than two different values (nothing to regress on).</exception>
    public void Fit(IReadOnlyList<string> architectures, IReadOnlyList<double> values, int seed)
    {
        PredictorInputs.CheckFit(Kind, architectures, values, minimum: 2);
        var graphs = PredictorInputs.Encode(architectures, encoder.Encode, space);
        ridge = null;
        using var support = Encodings.GraphBatch.Create(graphs, UnifiedVocabulary.Count, UnifiedEncoder.MaxNodes);
        ridge = OpCountPredictor.Fit(support, values, penalty);
        normalization = TargetNormalization.Fit(values);
    }

    /// <inheritdoc/>
    public double[] Predict(IReadOnlyList<string> architectures)
    {
        var fitted = ridge ?? throw new InvalidOperationException($"Predictor '{Kind}' predicts only after Fit.");
        var graphs = PredictorInputs.Encode(architectures, encoder.Encode, space);
        double[] z = PredictorInputs.ScoreInChunks(graphs, UnifiedVocabulary.Count, UnifiedEncoder.MaxNodes, fitted.Predict);
        return [.. z.Select(v => v * normalization.Std + normalization.Mean)];
    }

    /// <inheritdoc/>
    public void Dispose() => ridge = null;
}
