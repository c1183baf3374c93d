using NasSharp.Encodings;
using NasSharp.Graphs;
using NasSharp.SearchSpaces;

namespace NasSharp.Predictors;

/// <summary>The argument checks and encoding every <see cref="IArchitecturePredictor"/> shares, so they fail alike.</summary>
internal static class PredictorInputs
{
    /// <summary>Architectures scored per batch: small batches keep activations in cache (<see cref="ArchitecturePredictor.Predict"/>).</summary>
    public const int ChunkSize = 512;

    /// <summary>
    /// Refuses mismatched counts, fewer than <paramref name="minimum"/> architectures and non-finite values; the
    /// message names the <paramref name="kind"/>, and the position and architecture of a bad value.
    /// </summary>
    public static void CheckFit(string kind, IReadOnlyList<string> architectures, IReadOnlyList<double> values, int minimum)
    {
        ArgumentNullException.ThrowIfNull(architectures);
        ArgumentNullException.ThrowIfNull(values);
        if (architectures.Count != values.Count)
            throw new ArgumentException($"Predictor '{kind}': {architectures.Count} architectures but {values.Count} values.", nameof(values));
        if (architectures.Count < minimum)
            throw new ArgumentException($"Predictor '{kind}' needs at least {minimum} architectures to fit, got {architectures.Count}.", nameof(architectures));
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"Predictor '{kind}': value {i} (of '{architectures[i]}') is {values[i]}, not a finite number.", nameof(values));
    }

    /// <summary>
    /// Encodes <paramref name="architectures"/> with <paramref name="encode"/>; an architecture that is not one of
    /// <paramref name="space"/> is an <see cref="ArgumentException"/> naming its position.
    /// </summary>
    public static CellGraph[] Encode(IReadOnlyList<string> architectures, Func<string, CellGraph> encode, ISearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(architectures);
        var graphs = new CellGraph[architectures.Count];
        for (int i = 0; i < graphs.Length; i++)
        {
            try
            {
                graphs[i] = encode(architectures[i]);
            }
            catch (ArchitectureFormatException e)
            {
                throw new ArgumentException($"Architecture {i} ('{architectures[i]}') is not one of {space.Name}: {e.Message}", nameof(architectures), e);
            }
        }
        return graphs;
    }

    /// <summary>
    /// Scores <paramref name="graphs"/> with <paramref name="score"/> a <see cref="ChunkSize"/>-graph batch (CPU, of
    /// <paramref name="nodeTypes"/> and <paramref name="maxNodes"/>) at a time, so memory stays bounded on a large pool.
    /// </summary>
    public static double[] ScoreInChunks(IReadOnlyList<CellGraph> graphs, int nodeTypes, int maxNodes, Func<GraphBatch, double[]> score)
    {
        var scores = new double[graphs.Count];
        for (int start = 0; start < graphs.Count; start += ChunkSize)
        {
            int count = Math.Min(ChunkSize, graphs.Count - start);
            using var batch = GraphBatch.Create(graphs.Skip(start).Take(count).ToArray(), nodeTypes, maxNodes);
            score(batch).CopyTo(scores, start);
        }
        return scores;
    }
}
