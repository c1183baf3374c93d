using NasSharp.Features;
using NasSharp.SearchSpaces.Nb201;

namespace NasSharp.Evaluation.FewShot;

/// <summary>
/// How many of the 6 edges of an NB201 cell carry each operation, dead ones included: the network computes an
/// operation whose output reaches no path to the output all the same, so a latency pays for it (the graph features
/// count only live operations, which is what an accuracy depends on).
/// </summary>
public sealed class Nb201OperationCounts : IArchitectureFeaturizer
{
    /// <inheritdoc/>
    public IReadOnlyList<string> Names { get; } = [.. Nb201Cell.Operations.Select(o => $"ops:{o}")];

    /// <inheritdoc/>
    public double[] Compute(string arch)
    {
        var counts = new double[Nb201Cell.Operations.Count];
        foreach (int op in Nb201Cell.Parse(arch).OperationIndices) counts[op]++;
        return counts;
    }
}
