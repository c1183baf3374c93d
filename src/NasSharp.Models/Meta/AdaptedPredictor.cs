using NasSharp.Encodings;
using NasSharp.Graphs;
using NasSharp.SearchSpaces;
using NasSharp.Unified;

namespace NasSharp.Meta;

/// <summary>
/// A meta-trained MP-NAS model adapted to a user's task from K measured architectures of one space (mp-nas §3.2
/// "Meta-testing with fine-tuning", <see cref="MetaTester.Adapt"/>), optionally averaged with the operation-count ridge
/// (<see cref="AveragedPredictor"/>), and scoring architecture strings of that space. It owns its encoding: callers
/// pass the space's canonical strings and never build graph batches.
/// </summary>
/// <example>
/// <code>
/// using var adapted = AdaptedPredictor.Load("meta.model", SearchSpaceCatalog.Get("nb201"), archs, values, new MetaTestConfig(), seed: 0);
/// double[] scores = adapted.Score(pool);
/// </code>
/// </example>
public sealed class AdaptedPredictor : IDisposable
{
    /// <summary>Graphs encoded and scored at a time, so that memory stays bounded on NB101's 423,624-cell pool.</summary>
    public const int ChunkSize = 4096;

    private readonly UnifiedEncoder encoder;
    private readonly IFewShotPredictor scorer;
    private readonly Device device;

    private AdaptedPredictor(UnifiedEncoder encoder, MetaPredictor fineTuned, IFewShotPredictor scorer, Device device)
    {
        this.encoder = encoder;
        this.scorer = scorer;
        this.device = device;
        FineTuned = fineTuned;
    }

    /// <summary>The fine-tuned MP-NAS network and what fine-tuning did (steps, start, cross-validation).</summary>
    public MetaPredictor FineTuned { get; }

    /// <summary>Whether scores are the mean of the fine-tuned network's and the operation-count ridge's.</summary>
    public bool WithOpCounts => !ReferenceEquals(scorer, FineTuned);

    /// <summary>Loads the model file at <paramref name="modelPath"/> onto <paramref name="device"/> (default: the CPU) and adapts it as <see cref="Fit"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="modelPath"/>.</exception>
    /// <exception cref="InvalidDataException">Not a meta-trained model, or a damaged one; the message names the file.</exception>
    /// <exception cref="ArgumentException">As <see cref="Fit"/>; a model of another width names the file.</exception>
    /// <exception cref="FineTuningDivergedException">The chosen step count diverged on the whole support set.</exception>
    public static AdaptedPredictor Load(string modelPath, ISearchSpace space, IReadOnlyList<string> architectures, IReadOnlyList<double> values,
        MetaTestConfig? config = null, int seed = 0, bool withOpCounts = false, Device? device = null)
    {
        using var model = MetaModel.Load(modelPath, device);
        return FitNamed(model, $"'{modelPath}'", space, architectures, values, config, seed, withOpCounts);
    }

    /// <summary>
    /// Fine-tunes a copy of <paramref name="model"/> (left unchanged) on <paramref name="architectures"/> of
    /// <paramref name="space"/> with their <paramref name="values"/> (higher = better), on the model's device.
    /// </summary>
    /// <param name="model">A model meta-trained in the unified encoding (<see cref="MetaTaskLoader"/>).</param>
    /// <param name="space">The space of the support architectures and of those scored.</param>
    /// <param name="architectures">The K support architectures, canonical strings of <paramref name="space"/> (K = 0 scores zero-shot).</param>
    /// <param name="values">Their measured values, higher = better.</param>
    /// <param name="config">Fine-tuning; <see cref="MetaTestConfig"/>'s defaults when null.</param>
    /// <param name="seed">Seed of fine-tuning dropout and of the cross-validation folds that choose the step count.</param>
    /// <param name="withOpCounts">Average with the operation-count ridge (needs 2 or more different values).</param>
    /// <exception cref="ArgumentException">A model of another node-type width, a count mismatch, a non-finite value, or too few values for the ridge.</exception>
    /// <exception cref="ArchitectureFormatException">An architecture that is not of <paramref name="space"/>.</exception>
    /// <exception cref="FineTuningDivergedException">The chosen step count diverged on the whole support set.</exception>
    public static AdaptedPredictor Fit(MetaModel model, ISearchSpace space, IReadOnlyList<string> architectures, IReadOnlyList<double> values,
        MetaTestConfig? config = null, int seed = 0, bool withOpCounts = false) =>
        FitNamed(model, "The meta-trained model", space, architectures, values, config, seed, withOpCounts);

    private static AdaptedPredictor FitNamed(MetaModel model, string modelName, ISearchSpace space, IReadOnlyList<string> architectures,
        IReadOnlyList<double> values, MetaTestConfig? config, int seed, bool withOpCounts)
    {
        ArgumentNullException.ThrowIfNull(model);
        // A network of another width would fail inside native matmul, which aborts the process (SPEC §5).
        if (model.Metadata.NodeTypes != UnifiedVocabulary.Count)
            throw new ArgumentException(
                $"{modelName} reads {model.Metadata.NodeTypes} node types, not the {UnifiedVocabulary.Count} of the unified encoding adaptation uses.");
        if (architectures.Count != values.Count)
            throw new ArgumentException($"{architectures.Count} support architectures but {values.Count} values: K must match.", nameof(values));
        var encoder = new UnifiedEncoder(space);
        var device = model.Network.Device;
        using var support = GraphBatch.Create([.. architectures.Select(encoder.Encode)], UnifiedVocabulary.Count, UnifiedEncoder.MaxNodes, device);
        // The ridge is fitted first: it refuses a support set too small for it before any fine-tuning is spent.
        var ridge = withOpCounts ? OpCountPredictor.Fit(support, values) : null;
        var fineTuned = MetaTester.Adapt(model, support, values, config, seed);
        return new AdaptedPredictor(encoder, fineTuned, ridge is null ? fineTuned : new AveragedPredictor(fineTuned, ridge), device);
    }

    /// <summary>
    /// Scores every architecture of <paramref name="architectures"/> (higher = better, in the z-scored units of the
    /// support values), encoding and batching <see cref="ChunkSize"/> at a time; reports the chunks done.
    /// </summary>
    /// <exception cref="ArchitectureFormatException">A string that is not an architecture of the space.</exception>
    public double[] Score(IReadOnlyList<string> architectures, Action<int>? chunkDone = null)
    {
        var scores = new double[architectures.Count];
        var graphs = new CellGraph[ChunkSize];
        for (int start = 0, chunk = 1; start < architectures.Count; start += ChunkSize, chunk++)
        {
            int n = Math.Min(ChunkSize, architectures.Count - start);
            for (int i = 0; i < n; i++) graphs[i] = encoder.Encode(architectures[start + i]);
            using var batch = GraphBatch.Create(new ArraySegment<CellGraph>(graphs, 0, n), UnifiedVocabulary.Count, UnifiedEncoder.MaxNodes, device);
            scorer.Predict(batch).CopyTo(scores, start);
            chunkDone?.Invoke(chunk);
        }
        return scores;
    }

    /// <summary>Disposes the fine-tuned network (and the ridge it is averaged with).</summary>
    public void Dispose() => scorer.Dispose();
}
