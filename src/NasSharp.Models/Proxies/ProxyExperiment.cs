using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using NasSharp.Features;
using NasSharp.Graphs;
using NasSharp.HyperNetworks;
using NasSharp.Images;
using NasSharp.SearchSpaces;

namespace NasSharp.Proxies;

/// <summary>
/// Computes zero-cost proxies for a list of architectures into a proxies file (<see cref="ProxyFile"/>): one CIFAR-10
/// batch for all of them, each network once per isomorphism class (<see cref="ISearchSpace.Key"/>; every member gets
/// the row), on the class's <see cref="ClassRepresentatives"/> member where the space lists itself (else the first
/// member asked for), checkpointed atomically every few networks. A rerun with the same settings skips what the file holds;
/// other settings are refused.
/// </summary>
public static class ProxyExperiment
{
    /// <summary>Networks between checkpoints unless told otherwise (NB201: about a minute of work).</summary>
    public const int DefaultCheckpointEvery = 50;

    /// <summary>Scores <paramref name="architectures"/> with <paramref name="config"/> into <paramref name="path"/>.</summary>
    /// <param name="config">The settings; recorded beside the file.</param>
    /// <param name="architectures">Architectures of the config's space, any spelling the space accepts; repeats count once.</param>
    /// <param name="images">The CIFAR-10 training split the batch is drawn from.</param>
    /// <param name="path">The proxies CSV; its folder is created.</param>
    /// <param name="checkpointEvery">Networks computed between two rewrites of the file.</param>
    /// <param name="progress">Called after every network, and once before the first; never from two threads at once.</param>
    /// <param name="jobs">
    /// Networks computed at once, each on its own thread (give torch one intra-op thread). Every network's weights
    /// come from its own generator and the proxies draw nothing, so the scores equal a sequential run's.
    /// </param>
    /// <exception cref="ArgumentException">Bad settings or an unknown proxy.</exception>
    /// <exception cref="ArchitectureFormatException">An architecture is not of the space.</exception>
    /// <exception cref="InvalidDataException">The file was made with other settings.</exception>
    /// <exception cref="Data.DataFormatException">The file is damaged.</exception>
    public static ProxyRunResult Run(ProxyConfig config, IReadOnlyList<string> architectures, Cifar10Dataset images, string path,
        int checkpointEvery = DefaultCheckpointEvery, Action<ProxyProgress>? progress = null, int jobs = 1)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(architectures);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpointEvery, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        config.Validate();
        var space = SearchSpaceCatalog.Get(config.Space);
        var target = TargetNetworks.Create(space, config.Network());
        var proxies = config.ProxyNames.Select(ZeroCostProxies.Get).ToArray();
        string[] archs = [.. architectures.Select(space.Canonicalize).Distinct(StringComparer.Ordinal)];
        string[] keys = [.. archs.Select(space.Key)];
        // Networks are computed in a seeded random order, so a run stopped early has scored a uniform sample.
        var classes = Enumerable.Range(0, archs.Length).GroupBy(i => keys[i], StringComparer.Ordinal).ToArray();
        new Random(config.Seed).Shuffle(classes);

        // The network of a class is its representative's, so a score depends on the class alone, not on which of
        // its members the run was given: members differ in dead operations, and NASWOT counts the ReLUs of those.
        var representatives = space.Enumerate() is null ? null : new ClassRepresentatives(space);

        var existing = ProxyFile.Resume(path, config, space);
        var scoresOfKey = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        foreach (var row in existing) scoresOfKey.TryAdd(space.Key(row.Architecture), row.Scores);
        var inRun = archs.ToHashSet(StringComparer.Ordinal);
        IEnumerable<ProxyRow> Rows() => Enumerable.Range(0, archs.Length).Where(i => scoresOfKey.ContainsKey(keys[i]))
            .Select(i => new ProxyRow(archs[i], scoresOfKey[keys[i]]))
            .Concat(existing.Where(r => !inRun.Contains(r.Architecture)));

        int done = classes.Where(c => scoresOfKey.ContainsKey(c.Key)).Sum(c => c.Count()), computed = 0;
        var seconds = new double[proxies.Length];
        progress?.Invoke(new ProxyProgress(done, archs.Length, computed));
        var pending = new ConcurrentQueue<IGrouping<string, int>>(classes.Where(c => !scoresOfKey.ContainsKey(c.Key)));
        var gate = new object();
        bool failed = false;
        using (var batch = Batch(images, config))
        {
            // One network at a time per worker; the file, the counts and the callback are shared under the gate.
            void Work()
            {
                while (!Volatile.Read(ref failed) && pending.TryDequeue(out var members))
                {
                    string listed = archs[members.First()];
                    var cell = space.Encode(representatives?.Of(listed) ?? listed);
                    var (scores, taken) = Score(proxies, target, cell, SeedOf(config.Seed, members.Key), batch);
                    lock (gate)
                    {
                        scoresOfKey[members.Key] = scores;
                        for (int p = 0; p < proxies.Length; p++) seconds[p] += taken[p];
                        done += members.Count();
                        if (++computed % checkpointEvery == 0) ProxyFile.Write(path, config.ProxyNames, Rows());
                        progress?.Invoke(new ProxyProgress(done, archs.Length, computed));
                    }
                }
            }
            RunWorkers(Math.Min(jobs, Math.Max(pending.Count, 1)), Work, () => Volatile.Write(ref failed, true));
        }
        var rows = Rows().ToArray();
        ProxyFile.Write(path, config.ProxyNames, rows);
        var perNetwork = proxies.Select((p, i) => (p.Name, Seconds: computed == 0 ? double.NaN : seconds[i] / computed))
            .ToDictionary(t => t.Name, t => t.Seconds);
        return new ProxyRunResult(rows, archs.Length, classes.Length, computed, perNetwork);
    }

    private static (double[] Scores, double[] Seconds) Score(IZeroCostProxy[] proxies, ITargetNetwork target, CellGraph cell, ulong seed, Tensor batch)
    {
        using var network = ProxyNetwork.Create(target, cell, seed);
        var scores = new double[proxies.Length];
        var seconds = new double[proxies.Length];
        for (int p = 0; p < proxies.Length; p++)
        {
            long start = Stopwatch.GetTimestamp();
            double score = proxies[p].Score(network, batch);
            scores[p] = double.IsFinite(score) ? score : double.NaN;   // the file's empty field: undefined
            seconds[p] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        return (scores, seconds);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="count"/> threads (inline when one, so exceptions keep their
    /// stack); the first failure calls <paramref name="stop"/> and is rethrown once every thread has ended.
    /// </summary>
    private static void RunWorkers(int count, Action work, Action stop)
    {
        if (count == 1)
        {
            work();
            return;
        }
        ExceptionDispatchInfo? first = null;
        var threads = Enumerable.Range(0, count).Select(_ => new Thread(() =>
        {
            try
            {
                work();
            }
            catch (Exception e)
            {
                stop();
                Interlocked.CompareExchange(ref first, ExceptionDispatchInfo.Capture(e), null);
            }
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        first?.Throw();
    }

    /// <summary>
    /// The weight seed of the network with key <paramref name="key"/>: a hash of the run's seed and the key, so a
    /// network's score depends neither on the order of the run nor on which other architectures it holds.
    /// </summary>
    public static ulong SeedOf(int seed, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{key}"));
        return BitConverter.ToUInt64(hash, 0);
    }

    /// <summary>The run's one image batch <c>[B, 3, 32, 32]</c>: drawn with the seed, not augmented, normalised by the split's statistics.</summary>
    public static Tensor Batch(Cifar10Dataset images, ProxyConfig config)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(config);
        if (images.Count < config.BatchSize)
            throw new ArgumentException($"A batch of {config.BatchSize} images needs at least that many; the dataset holds {images.Count}.");
        var (mean, std) = images.ChannelStatistics();
        var batch = new ImageBatcher(images, new ImageBatchConfig(config.BatchSize, Augment: false), mean, std, config.Seed).Next();
        return tensor(batch.Pixels).reshape(batch.Count, Cifar10Dataset.Channels, batch.Side, batch.Side);
    }
}
