using NasSharp.Encodings;

namespace NasSharp.Meta;

/// <summary>
/// A predictor adapted to one task by <see cref="MetaTester"/>. Scores are in the z-scored units of the support
/// targets (higher = better); with no support (zero-shot) only their order is meaningful.
/// </summary>
public sealed class MetaPredictor : IFewShotPredictor
{
    private readonly MetaGcn network;
    private readonly int chunkSize;

    internal MetaPredictor(MetaGcn network, FineTuningStart start, int steps, IReadOnlyDictionary<int, double> crossValidation, int chunkSize)
    {
        this.network = network;
        this.chunkSize = chunkSize;
        Start = start;
        Steps = steps;
        CrossValidatedSpearman = crossValidation;
        network.eval();
    }

    /// <summary>The weights fine-tuning started from.</summary>
    public FineTuningStart Start { get; }

    FineTuningStart? IFewShotPredictor.Start => Start;

    /// <summary>Fine-tuning steps taken on the whole support set (0 = zero-shot).</summary>
    public int Steps { get; }

    /// <summary>Cross-validated Spearman of each candidate step count (NaN where undefined); empty when K &lt; 3.</summary>
    public IReadOnlyDictionary<int, double> CrossValidatedSpearman { get; }

    /// <summary>Scores every graph of <paramref name="graphs"/> without gradients, a chunk at a time to bound memory.</summary>
    public double[] Predict(GraphBatch graphs) => Score(network, graphs, chunkSize);

    /// <inheritdoc/>
    public void Dispose() => network.Dispose();

    /// <summary>Eval-mode scores of <paramref name="graphs"/> in chunks of <paramref name="chunkSize"/>.</summary>
    internal static double[] Score(MetaGcn network, GraphBatch graphs, int chunkSize)
    {
        var scores = new double[graphs.Count];
        bool wasTraining = network.training;
        network.eval();
        using var noGrad = no_grad();
        for (long start = 0; start < graphs.Count; start += chunkSize)
        {
            using var scope = NewDisposeScope();
            long end = Math.Min(graphs.Count, start + chunkSize);
            using var chunk = graphs.Select(tensor(Enumerable.Range(0, (int)(end - start)).Select(i => start + i).ToArray(), device: graphs.Features.device));
            var z = network.call(chunk).to_type(ScalarType.Float64).data<double>().ToArray();
            z.CopyTo(scores, start);
        }
        network.train(wasTraining);
        return scores;
    }
}
