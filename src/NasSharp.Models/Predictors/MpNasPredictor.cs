using NasSharp.Graphs;
using NasSharp.Meta;
using NasSharp.SearchSpaces;
using NasSharp.Unified;

namespace NasSharp.Predictors;

/// <summary>
/// MP-NAS (mp-nas §3.2) as an <see cref="IArchitecturePredictor"/>: a meta-trained model whose fit is the meta-test,
/// <see cref="MetaTester.Adapt"/> (fine-tuning with the step count chosen by cross-validated Spearman on what it is
/// given), on the unified encoding (<see cref="UnifiedEncoder"/>). Predictions are mapped from the support set's
/// z-scores back to the values' unit. Fitting on no architectures is allowed: the meta-learned weights then score
/// zero-shot, and only the order of their predictions means anything. Computes on the CPU, where the meta-test runs.
/// </summary>
public sealed class MpNasPredictor : IArchitecturePredictor
{
    private readonly MetaModel model;
    private readonly UnifiedEncoder encoder;
    private readonly ISearchSpace space;
    private readonly MetaTestConfig config;
    private MetaPredictor? adapted;
    private TargetNormalization normalization = new(0, 1);

    /// <summary>An unfitted MP-NAS predictor for <paramref name="space"/> around <paramref name="model"/> (now owned by it).</summary>
    /// <exception cref="ArgumentException">The model reads another node-type width than the unified encoding, the space has no unified mapping, or a bad config.</exception>
    public MpNasPredictor(MetaModel model, ISearchSpace space, MetaTestConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(space);
        // A network of another width would fail inside native matmul, which aborts the process (SPEC §5).
        if (model.Metadata.NodeTypes != UnifiedVocabulary.Count)
            throw new ArgumentException($"The meta-trained model reads {model.Metadata.NodeTypes} node types, not the {UnifiedVocabulary.Count} of the unified encoding.", nameof(model));
        this.config = config ?? new MetaTestConfig();
        this.config.Validate();
        encoder = new UnifiedEncoder(space);
        this.space = space;
        this.model = model;
    }

    /// <summary>Loads the meta-trained model at <paramref name="path"/> (<see cref="MetaModel.Load"/>) as an unfitted predictor.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Not a meta-trained model, or a damaged one.</exception>
    /// <exception cref="ArgumentException">As the constructor; the message names the file.</exception>
    public static MpNasPredictor Load(string path, ISearchSpace space, MetaTestConfig? config = null)
    {
        var model = MetaModel.Load(path);
        try
        {
            return new MpNasPredictor(model, space, config);
        }
        catch (ArgumentException e)
        {
            model.Dispose();
            throw new ArgumentException($"'{path}': {e.Message}", nameof(path), e);
        }
    }

    /// <inheritdoc/>
    public string Kind => PredictorRegistry.MpNas;

    /// <summary>The adapted predictor of the last fit (its steps and cross-validation), or null before it.</summary>
    public MetaPredictor? Adapted => adapted;

    /// <summary>Adapts a copy of the meta-trained model to <paramref name="architectures"/> (any number, 0 = zero-shot).</summary>
    /// <exception cref="ArgumentException">Mismatched counts, a non-finite value, or an architecture outside the space.</exception>
    /// <exception cref="FineTuningDivergedException">The chosen fine-tuning diverged; the predictor is left unfitted.</exception>
    public void Fit(IReadOnlyList<string> architectures, IReadOnlyList<double> values, int seed)
    {
        PredictorInputs.CheckFit(Kind, architectures, values, minimum: 0);
        CellGraph[] graphs = PredictorInputs.Encode(architectures, encoder.Encode, space);
        adapted?.Dispose();
        adapted = null;
        using var support = Encodings.GraphBatch.Create(graphs, UnifiedVocabulary.Count, UnifiedEncoder.MaxNodes);
        adapted = MetaTester.Adapt(model, support, values, config, seed);
        normalization = values.Count > 0 ? TargetNormalization.Fit(values) : new TargetNormalization(0, 1);
    }

    /// <inheritdoc/>
    public double[] Predict(IReadOnlyList<string> architectures)
    {
        var fitted = adapted ?? throw new InvalidOperationException($"Predictor '{Kind}' predicts only after Fit (which may be given no architectures: zero-shot).");
        var graphs = PredictorInputs.Encode(architectures, encoder.Encode, space);
        double[] z = PredictorInputs.ScoreInChunks(graphs, UnifiedVocabulary.Count, UnifiedEncoder.MaxNodes, fitted.Predict);
        return [.. z.Select(v => v * normalization.Std + normalization.Mean)];
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        adapted?.Dispose();
        adapted = null;
        model.Dispose();
    }
}
