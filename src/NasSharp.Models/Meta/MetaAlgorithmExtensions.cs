namespace NasSharp.Meta;

/// <summary>The parameter partition and gradient order of each <see cref="MetaAlgorithm"/>.</summary>
public static class MetaAlgorithmExtensions
{
    /// <summary>
    /// Which of the parameters named <paramref name="parameterNames"/> (in <see cref="MetaGcn.ParameterNames"/>
    /// order) the inner loop adapts: all for MAML and FoMAML, all but the head (<see cref="MetaGcn.HeadPrefix"/>)
    /// for BOIL, only the head for ANIL. Meta-test fine-tuning adapts the same partition.
    /// </summary>
    /// <exception cref="ArgumentException">The names hold no head or no body parameter, so the partition would be empty.</exception>
    public static bool[] InnerLoopMask(this MetaAlgorithm algorithm, IReadOnlyList<string> parameterNames)
    {
        var isHead = parameterNames.Select(n => n.StartsWith(MetaGcn.HeadPrefix, StringComparison.Ordinal)).ToArray();
        if (!isHead.Any(h => h) || isHead.All(h => h))
            throw new ArgumentException(
                $"Expected both head ('{MetaGcn.HeadPrefix}*') and body parameters, got [{string.Join(", ", parameterNames)}].",
                nameof(parameterNames));
        return algorithm switch
        {
            MetaAlgorithm.Maml or MetaAlgorithm.FoMaml => isHead.Select(_ => true).ToArray(),
            MetaAlgorithm.Boil => isHead.Select(h => !h).ToArray(),
            MetaAlgorithm.Anil => isHead,
            _ => throw new ArgumentException($"Unknown meta-learning algorithm {algorithm}.", nameof(algorithm)),
        };
    }

    /// <summary>Whether the outer gradient flows through the inner-loop gradients (everything but FoMAML).</summary>
    public static bool IsSecondOrder(this MetaAlgorithm algorithm) => algorithm != MetaAlgorithm.FoMaml;
}
