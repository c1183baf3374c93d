using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using NasSharp.HyperNetworks;
using NasSharp.Images;
using NasSharp.SearchSpaces;

namespace NasSharp.Proxies;

/// <summary>
/// Computes zero-cost proxies for a list of architectures into a proxies file (<see cref="ProxyFile"/>): one CIFAR-10
/// batch for all of them, each network once per isomorphism class (<see cref="ISearchSpace.Key"/>; every member gets
/// the row), checkpointed atomically every few networks. A rerun with the same settings skips what the file holds;
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
    /// <param name="progress">Called after every network, and once before the first.</param>
    /// <exception cref="ArgumentException">Bad settings or an unknown proxy.</exception>
    /// <exception cref="ArchitectureFormatException">An architecture is not of the space.</exception>
    /// <exception cref="InvalidDataException">The file was made with other settings.</exception>
    /// <exception cref="Data.DataFormatException">The file is damaged.</exception>
    public static ProxyRunResult Run(ProxyConfig config, IReadOnlyList<string> architectures, Cifar10Dataset images, string path,
        int checkpointEvery = DefaultCheckpointEvery, Action<ProxyProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(architectures);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpointEvery, 1);
        config.Validate();
        var space = SearchSpaceCatalog.Get(config.Space);
        var target = TargetNetworks.Create(space, config.Network());
        var proxies = config.ProxyNames.Select(ZeroCostProxies.Get).ToArray();
        string[] archs = [.. architectures.Select(space.Canonicalize).Distinct(StringComparer.Ordinal)];
        string[] keys = [.. archs.Select(space.Key)];
        // Networks are computed in a seeded random order, so a run stopped early has scored a uniform sample.
        var classes = Enumerable.Range(0, archs.Length).GroupBy(i => keys[i], StringComparer.Ordinal).ToArray();
        new Random(config.Seed).Shuffle(classes);

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
        using (var batch = Batch(images, config))
        {
            foreach (var members in classes.Where(c => !scoresOfKey.ContainsKey(c.Key)))
            {
                using var network = ProxyNetwork.Create(target, space.Encode(archs[members.First()]), SeedOf(config.Seed, members.Key));
                var scores = new double[proxies.Length];
                for (int p = 0; p < proxies.Length; p++)
                {
                    long start = Stopwatch.GetTimestamp();
                    double score = proxies[p].Score(network, batch);
                    scores[p] = double.IsFinite(score) ? score : double.NaN;   // the file's empty field: undefined
                    seconds[p] += Stopwatch.GetElapsedTime(start).TotalSeconds;
                }
                scoresOfKey[members.Key] = scores;
                done += members.Count();
                if (++computed % checkpointEvery == 0) ProxyFile.Write(path, config.ProxyNames, Rows());
                progress?.Invoke(new ProxyProgress(done, archs.Length, computed));
            }
        }
        var rows = Rows().ToArray();
        ProxyFile.Write(path, config.ProxyNames, rows);
        var perNetwork = proxies.Select((p, i) => (p.Name, Seconds: computed == 0 ? double.NaN : seconds[i] / computed))
            .ToDictionary(t => t.Name, t => t.Seconds);
        return new ProxyRunResult(rows, archs.Length, classes.Length, computed, perNetwork);
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
