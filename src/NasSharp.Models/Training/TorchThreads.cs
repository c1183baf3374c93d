namespace NasSharp.Training;

/// <summary>
/// Torch's thread policy (docs/DECISIONS.md, "Thread policy"), applied once per command before any tensor work. Every
/// workload of this library runs small matrices (graphs of at most 9 nodes, batches of 10 to a few thousand, and the
/// HyperNAS target networks' narrow convolutions), where an intra-op thread beyond the first adds synchronisation but
/// no throughput, and where torch's default of one thread per core turns two processes sharing the cores into
/// threads spinning against each other. Use the cores by running independent work in parallel instead.
/// </summary>
public static class TorchThreads
{
    /// <summary>The intra-op thread count of every command unless <c>--threads</c> says otherwise.</summary>
    public const int Default = 1;

    /// <summary>Sets torch's intra-op thread count to <paramref name="threads"/> (at least 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is less than 1.</exception>
    public static void Apply(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        set_num_threads(threads);
    }
}
