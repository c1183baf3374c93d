namespace NasSharp.Proxies;

/// <summary>
/// A zero-cost proxy: a score of an untrained network computed from its randomly initialised weights and at most one
/// batch of images, used to rank architectures without training any. Higher is meant to be better.
/// </summary>
public interface IZeroCostProxy
{
    /// <summary>Short name: the option value and the CSV column, e.g. <c>naswot</c>.</summary>
    string Name { get; }

    /// <summary>One line for <c>--help</c>: what is computed, after which paper.</summary>
    string Description { get; }

    /// <summary>
    /// The score of <paramref name="network"/> on <paramref name="images"/> <c>[B, 3, S, S]</c> (float32, normalised);
    /// <see cref="double.NaN"/> or an infinity where the score is undefined for this network (e.g. a cell whose output
    /// does not depend on its input). Neither argument is changed.
    /// </summary>
    double Score(ProxyNetwork network, Tensor images);
}
