using NasSharp.Encodings;
using NasSharp.Predictors;

namespace NasSharp.Meta;

/// <summary>
/// One meta-learning task B_T of mp-nas §3.1: architectures of one NAS task and their performance, with the targets
/// z-scored over the task so that accuracies, errors and latencies share one scale in the inner loop's MSE.
/// </summary>
/// <remarks>The task does not own <see cref="Graphs"/>: the caller disposes the batch after training.</remarks>
public sealed record MetaTask
{
    /// <summary>Validates and z-scores <paramref name="orientedValues"/>, one per graph of <paramref name="graphs"/>.</summary>
    /// <param name="name">Task name, e.g. <c>nb201/cifar100</c>; recorded in the model's metadata.</param>
    /// <param name="graphs">The task's architectures.</param>
    /// <param name="orientedValues">Performance with higher = better (negate latencies and errors first).</param>
    /// <exception cref="ArgumentException">
    /// Blank name, fewer than two architectures, a count mismatch, a non-finite value, or constant values (which rank nothing).
    /// </exception>
    public MetaTask(string name, GraphBatch graphs, IReadOnlyList<double> orientedValues)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A meta-learning task needs a name.", nameof(name));
        if (graphs.Count != orientedValues.Count)
            throw new ArgumentException($"Task '{name}' has {graphs.Count} graphs but {orientedValues.Count} values.", nameof(orientedValues));
        if (orientedValues.Count < 2)
            throw new ArgumentException($"Task '{name}' needs at least 2 architectures, got {orientedValues.Count}.", nameof(orientedValues));
        for (int i = 0; i < orientedValues.Count; i++)
            if (!double.IsFinite(orientedValues[i]))
                throw new ArgumentException($"Task '{name}': value {i} is {orientedValues[i]}.", nameof(orientedValues));
        if (orientedValues.All(v => v == orientedValues[0]))
            throw new ArgumentException($"Task '{name}': all {orientedValues.Count} values are equal, so there is nothing to rank.", nameof(orientedValues));
        Name = name;
        Graphs = graphs;
        Targets = TargetNormalization.Fit(orientedValues).Normalize(orientedValues);
    }

    /// <summary>Task name.</summary>
    public string Name { get; }

    /// <summary>The task's architectures (not owned).</summary>
    public GraphBatch Graphs { get; }

    /// <summary>Z-scored oriented targets, one per graph (higher = better).</summary>
    public float[] Targets { get; }

    /// <summary>Number of architectures.</summary>
    public int Count => Targets.Length;
}
