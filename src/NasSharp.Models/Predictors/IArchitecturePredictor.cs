namespace NasSharp.Predictors;

/// <summary>
/// The one predictor contract (NASLib's fit/query): fitted on measured architectures, it predicts a value for any
/// architecture of its space. It owns its encoding, so callers pass canonical architecture strings and never match
/// vocabularies by hand. Higher predictions mean better architectures whenever the fitted values do.
/// </summary>
public interface IArchitecturePredictor : IDisposable
{
    /// <summary>The registry name of the predictor kind, e.g. <c>np</c>.</summary>
    string Kind { get; }

    /// <summary>
    /// Fits (or refits: from scratch, unless the kind is configured to warm-start from its previous fit) on
    /// <paramref name="architectures"/> and their measured <paramref name="values"/>; the same inputs, <paramref name="seed"/>
    /// and history of fits give the same predictor. Kinds are made by <see cref="PredictorRegistry"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Mismatched counts, too few architectures, non-finite values, or an architecture outside the space.</exception>
    /// <exception cref="Training.TrainingDivergedException">Training diverged; no fitted state is kept.</exception>
    void Fit(IReadOnlyList<string> architectures, IReadOnlyList<double> values, int seed);

    /// <summary>Predicted values of <paramref name="architectures"/>, aligned with them.</summary>
    /// <exception cref="InvalidOperationException">Called before <see cref="Fit"/>.</exception>
    double[] Predict(IReadOnlyList<string> architectures);
}

/// <summary>A predictor that also says how unsure it is (an ensemble), for acquisition functions.</summary>
public interface IUncertainPredictor : IArchitecturePredictor
{
    /// <summary>Mean and spread (standard deviation over members) of the prediction of each architecture.</summary>
    (double[] Mean, double[] Spread) PredictWithSpread(IReadOnlyList<string> architectures);
}
