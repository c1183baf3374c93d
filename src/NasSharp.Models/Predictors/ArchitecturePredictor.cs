using System.Text;
using System.Text.Json;
using NasSharp.Encodings;
using NasSharp.Graphs;
using NasSharp.HyperNetworks;
using NasSharp.Images;
using NasSharp.Persistence;
using NasSharp.SearchSpaces;
using NasSharp.Training;

namespace NasSharp.Predictors;

/// <summary>
/// A trained predictor: the network, its target normalisation and its metadata. Scores are in the target's unit
/// (higher = better for accuracies). Saved as one file: a magic line, the JSON metadata, then TorchSharp weights.
/// </summary>
public sealed class ArchitecturePredictor : IDisposable
{
    /// <summary>Predictor kinds this build can train and load.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["np", "hypernas-p", "hypernas", "hypernas-h"];

    /// <summary>Whether <paramref name="kind"/> trains a hypernetwork on images (and so needs CIFAR-10 to train).</summary>
    public static bool UsesImages(string kind) => kind is "hypernas" or "hypernas-h";

    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("NASSHARP-MODEL v1\n");
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly nn.Module<GraphBatch, Tensor> network;

    private ArchitecturePredictor(nn.Module<GraphBatch, Tensor> network, PredictorMetadata metadata)
    {
        this.network = network;
        Metadata = metadata;
    }

    /// <summary>How the model was built and trained.</summary>
    public PredictorMetadata Metadata { get; }

    /// <summary>
    /// Trains a predictor of <paramref name="metadata"/>'s kind on <paramref name="graphs"/> and their
    /// <paramref name="targets"/>. Seeds torch with <see cref="PredictorMetadata.Seed"/> first, so the same seed gives
    /// the same model. Normalisation in <paramref name="metadata"/> is replaced by the one fitted here.
    /// HyperNAS kinds (<see cref="UsesImages"/>) also need the auxiliary task's training <paramref name="images"/>.
    /// </summary>
    public static ArchitecturePredictor Train(PredictorMetadata metadata, IReadOnlyList<CellGraph> graphs,
        IReadOnlyList<double> targets, Action<int>? epochDone = null, Cifar10Dataset? images = null)
    {
        if (graphs.Count != targets.Count)
            throw new ArgumentException($"{graphs.Count} architectures but {targets.Count} targets.", nameof(targets));
        if (graphs.Count < 2)
            throw new ArgumentException($"Training needs at least 2 architectures, got {graphs.Count}.", nameof(graphs));
        var normalization = TargetNormalization.Fit(targets);
        var meta = metadata with { Normalization = normalization, TrainSize = graphs.Count };
        random.manual_seed(meta.Seed);
        if (UsesImages(meta.Predictor))
        {
            if (images is null) throw new ArgumentException($"Predictor '{meta.Predictor}' trains on CIFAR-10 images; none were given.", nameof(images));
            var (mean, std) = images.ChannelStatistics();
            meta = meta with { ImageMean = mean, ImageStd = std };
        }
        var network = CreateNetwork(meta);
        using var batch = GraphBatch.Create(graphs, meta.NodeTypes, meta.MaxNodes);
        if (network is HyperNasModel hyperNas)
        {
            var (mean, std) = (meta.ImageMean!, meta.ImageStd!);
            var batcher = new ImageBatcher(images!, meta.HyperNas!.Images, mean, std, meta.Seed);
            HyperNasTrainer.Fit(hyperNas, graphs, batch, normalization.Normalize(targets), batcher, meta.Training, meta.HyperNas, meta.Seed, epochDone);
        }
        else
        {
            PredictorTrainer.Fit(network, batch, normalization.Normalize(targets), meta.Training, meta.Seed, epochDone);
        }
        return new ArchitecturePredictor(network, meta);
    }

    /// <summary>The HyperNAS network (predictor, hypernetwork and target network), or null for other kinds.</summary>
    public HyperNasModel? HyperNas => network as HyperNasModel;

    /// <summary>
    /// Scores <paramref name="graphs"/> without gradients, in chunks of <paramref name="chunkSize"/>: small chunks keep
    /// the activations in cache, which measured several times faster than one large batch on this CPU.
    /// </summary>
    /// <exception cref="NotSupportedException">The model is HyperNAS-H, which trains no score head.</exception>
    public double[] Predict(IReadOnlyList<CellGraph> graphs, int chunkSize = 512)
    {
        if (Metadata.HyperNas?.Tasks == HyperNasTasks.HypernetworkOnly)
            throw new NotSupportedException("A hypernas-h model trains only the hypernetwork and has no score head; " +
                "use 'nassharp init-weights' to evaluate the networks it generates, or train hypernas / hypernas-p to rank.");
        var scores = new double[graphs.Count];
        network.eval();
        using var noGrad = no_grad();
        for (int start = 0; start < graphs.Count; start += chunkSize)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(chunkSize, graphs.Count - start);
            using var batch = GraphBatch.Create(Slice(graphs, start, count), Metadata.NodeTypes, Metadata.MaxNodes);
            var z = network.call(batch).data<float>().ToArray();
            for (int i = 0; i < count; i++) scores[start + i] = Metadata.Normalization.Denormalize(z[i]);
        }
        return scores;
    }

    /// <summary>Writes the model atomically (temporary file, then rename).</summary>
    public void Save(string path) => AtomicFile.Write(path, stream =>
    {
        stream.Write(Magic);
        byte[] meta = JsonSerializer.SerializeToUtf8Bytes(Metadata, Json);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(meta.Length);
        writer.Write(meta);
        network.save(writer);
        writer.Flush();
    });

    /// <summary>Loads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a NasSharp model or is damaged; the message names it.</exception>
    public static ArchitecturePredictor Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        using var stream = File.OpenRead(path);
        var magic = new byte[Magic.Length];
        if (stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length || !magic.AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException($"'{path}' is not a NasSharp model file (expected it to start with '{Encoding.ASCII.GetString(Magic).Trim()}').");
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        PredictorMetadata meta;
        try
        {
            int length = reader.ReadInt32();
            if (length <= 0 || length > 1 << 24) throw new InvalidDataException($"metadata length {length} is implausible");
            meta = JsonSerializer.Deserialize<PredictorMetadata>(reader.ReadBytes(length), Json)
                ?? throw new InvalidDataException("metadata is empty");
        }
        catch (Exception e) when (e is JsonException or EndOfStreamException or InvalidDataException)
        {
            throw new InvalidDataException($"Model file '{path}' has damaged metadata: {e.Message}", e);
        }
        var network = CreateNetwork(meta);
        try
        {
            network.load(reader, strict: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            network.Dispose();
            throw new InvalidDataException($"Model file '{path}' has damaged or mismatched weights for predictor '{meta.Predictor}': {e.Message}", e);
        }
        network.eval();
        return new ArchitecturePredictor(network, meta);
    }

    /// <inheritdoc/>
    public void Dispose() => network.Dispose();

    private static nn.Module<GraphBatch, Tensor> CreateNetwork(PredictorMetadata meta) => meta.Predictor switch
    {
        "np" => new NeuralPredictor(meta.NodeTypes, meta.Np),
        "hypernas-p" => new GlobalEncodingPredictor(SearchSpaceCatalog.Get(meta.Space), meta.Global ?? new GlobalEncodingConfig()),
        "hypernas" or "hypernas-h" => meta.HyperNas is { } h
            ? new HyperNasModel(SearchSpaceCatalog.Get(meta.Space), meta.Global ?? new GlobalEncodingConfig(), h.Hyper, h.Target, h.Q)
            : throw new ArgumentException($"Predictor '{meta.Predictor}' needs HyperNAS settings in its metadata."),
        _ => throw new ArgumentException($"Unknown predictor '{meta.Predictor}'; valid: {string.Join(", ", Kinds)}."),
    };

    private static IReadOnlyList<CellGraph> Slice(IReadOnlyList<CellGraph> graphs, int start, int count) =>
        start == 0 && count == graphs.Count ? graphs : graphs.Skip(start).Take(count).ToArray();
}
