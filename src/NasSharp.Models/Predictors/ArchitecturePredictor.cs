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
/// (higher = better for accuracies). Saved as one checksummed file (<see cref="FileFormat"/>) whose payload is the JSON metadata, then TorchSharp weights.
/// </summary>
public sealed class ArchitecturePredictor : IDisposable
{
    /// <summary>The model file's container: magic <c>NASSHARP-MODEL v2</c>, payload length, payload, SHA-256.</summary>
    public static readonly ChecksummedFormat FileFormat = new("NasSharp model file", "NASSHARP-MODEL v2\n", "NASSHARP-MODEL v1\n",
        "retrain it with 'nassharp train' (same options and --seed give the same model)");
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly nn.Module<GraphBatch, Tensor> network;

    private ArchitecturePredictor(nn.Module<GraphBatch, Tensor> network, PredictorMetadata metadata, Device device)
    {
        this.network = network;
        Metadata = metadata;
        Device = device;
    }

    /// <summary>How the model was built and trained.</summary>
    public PredictorMetadata Metadata { get; }

    /// <summary>The torch device the network lives and computes on.</summary>
    public Device Device { get; }

    /// <summary>
    /// Trains a predictor of <paramref name="metadata"/>'s kind on <paramref name="graphs"/> and their
    /// <paramref name="targets"/>, on <paramref name="device"/> (default: the CPU). Seeds torch with
    /// <see cref="PredictorMetadata.Seed"/> first, so the same seed gives the same model. Normalisation in
    /// <paramref name="metadata"/> is replaced by the one fitted here. Kinds that train on images
    /// (<see cref="PredictorKind.UsesImages"/>) also need the auxiliary task's training <paramref name="images"/>.
    /// A model whose training diverged is never returned. A hybrid readout (<see cref="PredictorMetadata.ReadoutFeatures"/>)
    /// also needs the training architectures' raw <paramref name="features"/>; their standardisation is fitted here
    /// and stored as <see cref="PredictorMetadata.FeatureScaling"/>.
    /// </summary>
    /// <exception cref="TrainingDivergedException">
    /// A weight or a training-set prediction is not finite, or the predictions collapsed to one constant.
    /// </exception>
    /// <exception cref="ArgumentException">Mismatched counts, or features missing for a hybrid readout (or given for a plain network).</exception>
    public static ArchitecturePredictor Train(PredictorMetadata metadata, IReadOnlyList<CellGraph> graphs,
        IReadOnlyList<double> targets, Action<int>? epochDone = null, Cifar10Dataset? images = null, Device? device = null,
        FeatureRows? features = null) =>
        Fit(metadata, graphs, targets, features, epochDone, images, device ?? CPU, start: null);

    /// <summary>
    /// A warm-started refit: a new predictor whose network starts from this one's weights and trains
    /// <paramref name="epochs"/> epochs (a fresh cosine schedule from the configured learning rate) on
    /// <paramref name="graphs"/> and their <paramref name="targets"/>, with the target normalisation fitted anew.
    /// This predictor is left unchanged. Torch is seeded with <paramref name="seed"/> first, so the same history of
    /// fits gives the same model. A hybrid readout's <paramref name="features"/> are standardised anew too, as the targets are.
    /// </summary>
    /// <exception cref="TrainingDivergedException">As <see cref="Train"/>.</exception>
    /// <exception cref="ArgumentException">As <see cref="Train"/>, or features with other names than this model's.</exception>
    public ArchitecturePredictor Refit(IReadOnlyList<CellGraph> graphs, IReadOnlyList<double> targets, int epochs, int seed,
        Action<int>? epochDone = null, Cifar10Dataset? images = null, FeatureRows? features = null)
    {
        if (features is not null && Metadata.FeatureScaling is { } scaling && !features.Names.SequenceEqual(scaling.Names))
            throw new ArgumentException("A warm-started refit needs the features the model was trained on.", nameof(features));
        return Fit(Metadata with { Seed = seed, Training = Metadata.Training with { Epochs = epochs } }, graphs, targets, features, epochDone, images, Device, network);
    }

    private static ArchitecturePredictor Fit(PredictorMetadata metadata, IReadOnlyList<CellGraph> graphs, IReadOnlyList<double> targets,
        FeatureRows? features, Action<int>? epochDone, Cifar10Dataset? images, Device device, nn.Module<GraphBatch, Tensor>? start)
    {
        if (graphs.Count != targets.Count)
            throw new ArgumentException($"{graphs.Count} architectures but {targets.Count} targets.", nameof(targets));
        if (graphs.Count < 2)
            throw new ArgumentException($"Training needs at least 2 architectures, got {graphs.Count}.", nameof(graphs));
        var normalization = TargetNormalization.Fit(targets);
        var meta = metadata with { Normalization = normalization, TrainSize = graphs.Count, FeatureScaling = FitScaling(metadata, features, graphs.Count) };
        var x = meta.FeatureScaling?.Apply(features!.Rows);
        random.manual_seed(meta.Seed);
        if (PredictorRegistry.Get(meta.Predictor).UsesImages)
        {
            if (images is null) throw new ArgumentException($"Predictor '{meta.Predictor}' trains on CIFAR-10 images; none were given.", nameof(images));
            var (mean, std) = images.ChannelStatistics();
            meta = meta with { ImageMean = mean, ImageStd = std };
        }
        var network = CreateNetwork(meta, device);
        if (start is not null) CopyWeights(start, network);
        using var batch = GraphBatch.Create(graphs, meta.NodeTypes, meta.MaxNodes, device, x);
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
        var predictor = new ArchitecturePredictor(network, meta, device);
        try
        {
            predictor.RequireConverged(graphs, x, normalization.Normalize(targets));
        }
        catch
        {
            predictor.Dispose();
            throw;
        }
        return predictor;
    }

    /// <summary>
    /// The standardisation of a hybrid readout's training <paramref name="features"/> (null for a plain network), after
    /// checking that they come exactly when <paramref name="metadata"/> asks for them.
    /// </summary>
    private static FeatureScaling? FitScaling(PredictorMetadata metadata, FeatureRows? features, int count)
    {
        if (metadata.ReadoutFeatures is null)
            return features is null ? null
                : throw new ArgumentException($"Predictor '{metadata.Predictor}' has no readout features in its metadata, but features were given.", nameof(features));
        if (features is null)
            throw new ArgumentException($"Predictor '{metadata.Predictor}' has a hybrid readout and needs the training architectures' features.", nameof(features));
        if (features.Rows.Count != count)
            throw new ArgumentException($"{count} architectures but {features.Rows.Count} feature rows.", nameof(features));
        return FeatureScaling.Fit(features.Names, features.Rows);
    }

    /// <summary>Copies every parameter and buffer of <paramref name="from"/> into <paramref name="to"/>, a network of the same shape.</summary>
    private static void CopyWeights(nn.Module<GraphBatch, Tensor> from, nn.Module<GraphBatch, Tensor> to)
    {
        using var noGrad = no_grad();
        foreach (var (source, target) in from.parameters().Zip(to.parameters())) target.copy_(source);
        foreach (var (source, target) in from.buffers().Zip(to.buffers())) target.copy_(source);
    }

    /// <summary>The HyperNAS network (predictor, hypernetwork and target network), or null for other kinds.</summary>
    public HyperNasModel? HyperNas => network as HyperNasModel;

    /// <summary>
    /// Scores <paramref name="graphs"/> without gradients, in chunks of <paramref name="chunkSize"/>: small chunks keep
    /// the activations in cache, which measured several times faster than one large batch on this CPU. A hybrid
    /// readout also takes the graphs' raw <paramref name="features"/> (in <see cref="PredictorMetadata.FeatureScaling"/>'s
    /// order), standardised as the training set's were.
    /// </summary>
    /// <exception cref="NotSupportedException">The model is HyperNAS-H, which trains no score head.</exception>
    /// <exception cref="TrainingDivergedException">A score is not finite (diverged or damaged weights); none are returned.</exception>
    /// <exception cref="ArgumentException">Features missing for a hybrid readout, given for a plain one, or of the wrong shape.</exception>
    public double[] Predict(IReadOnlyList<CellGraph> graphs, IReadOnlyList<double[]>? features = null, int chunkSize = 512)
    {
        if (Metadata.HyperNas?.Tasks == HyperNasTasks.HypernetworkOnly)
            throw new NotSupportedException("A hypernas-h model trains only the hypernetwork and has no score head; " +
                "use 'nassharp init-weights' to evaluate the networks it generates, or train hypernas / hypernas-p to rank.");
        if ((features is null) != (Metadata.FeatureScaling is null))
            throw new ArgumentException(Metadata.FeatureScaling is null
                ? $"This '{Metadata.Predictor}' model has no hybrid readout; it takes no features."
                : $"This '{Metadata.Predictor}' model has a hybrid readout and needs the {Metadata.FeatureCount} features of every architecture.", nameof(features));
        if (features is not null && features.Count != graphs.Count)
            throw new ArgumentException($"{graphs.Count} architectures but {features.Count} feature rows.", nameof(features));
        float[] z = NetworkOutputs(graphs, Metadata.FeatureScaling?.Apply(features!), chunkSize);
        var scores = new double[z.Length];
        for (int i = 0; i < z.Length; i++) scores[i] = Metadata.Normalization.Denormalize(z[i]);
        int bad = scores.Count(s => !double.IsFinite(s));
        if (bad > 0)
            throw new TrainingDivergedException(
                $"The model gives non-finite scores for {bad} of {scores.Length} architectures (the first at position " +
                $"{Array.FindIndex(scores, s => !double.IsFinite(s))}), so it diverged in training or its weights are damaged; " +
                $"no scores are returned. Retrain it, with a smaller learning rate (option --lr) than its {Metadata.Training.LearningRate:G}.");
        return scores;
    }

    /// <summary>The network's raw (z-scored) outputs for <paramref name="graphs"/> and their standardised features <paramref name="x"/>, without gradients.</summary>
    private float[] NetworkOutputs(IReadOnlyList<CellGraph> graphs, float[][]? x, int chunkSize)
    {
        var outputs = new float[graphs.Count];
        network.eval();
        using var noGrad = no_grad();
        for (int start = 0; start < graphs.Count; start += chunkSize)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(chunkSize, graphs.Count - start);
            using var batch = GraphBatch.Create(Slice(graphs, start, count), Metadata.NodeTypes, Metadata.MaxNodes, Device,
                x is null ? null : Slice(x, start, count));
            network.call(batch).cpu().data<float>().ToArray().CopyTo(outputs, start);
        }
        return outputs;
    }

    /// <summary>
    /// Refuses a model whose training diverged: a non-finite weight, a non-finite prediction on the training set, or
    /// a collapse: one and the same prediction for every training architecture although the architectures and their
    /// <paramref name="normalizedTargets"/> differ. A collapsed network (every ReLU dead) no longer depends on its
    /// input, so its outputs are bitwise equal; a healthy one, even untrained, differs (docs/DECISIONS.md).
    /// </summary>
    private void RequireConverged(IReadOnlyList<CellGraph> graphs, float[][]? x, float[] normalizedTargets)
    {
        string cause = $"the learning rate {Metadata.Training.LearningRate:G} (option --lr) is probably too high; " +
            $"the default is {new TrainingConfig().LearningRate:G}";
        using (var scope = NewDisposeScope())
        {
            foreach (var (name, parameter) in network.named_parameters())
                if (!parameter.isfinite().all().item<bool>())
                    throw new TrainingDivergedException($"Training diverged: weight '{name}' is not finite after {Metadata.Training.Epochs} epochs; {cause}.");
        }
        if (Metadata.HyperNas?.Tasks == HyperNasTasks.HypernetworkOnly) return;
        float[] z = NetworkOutputs(graphs, x, 512);
        if (z.Any(v => !float.IsFinite(v)))
            throw new TrainingDivergedException($"Training diverged: the model predicts non-finite values for its own training architectures; {cause}.");
        if (z.All(v => v == z[0]) && normalizedTargets.Distinct().Skip(1).Any() && graphs.Distinct().Skip(1).Any())
            throw new TrainingDivergedException(
                $"Training diverged: the model predicts {Metadata.Normalization.Denormalize(z[0]):G6} for every one of its " +
                $"{z.Length} training architectures, although they and their targets differ (a collapsed network); {cause}.");
    }

    /// <summary>Writes the model atomically (temporary file, then rename) in the checksummed <see cref="FileFormat"/>.</summary>
    public void Save(string path) => ChecksummedFile.Write(path, FileFormat, stream =>
    {
        byte[] meta = JsonSerializer.SerializeToUtf8Bytes(Metadata, Json);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(meta.Length);
        writer.Write(meta);
        network.save(writer);
        writer.Flush();
    });

    /// <summary>
    /// Loads a model written by <see cref="Save"/> onto <paramref name="device"/> (default: the CPU); the checksum is
    /// verified before anything is deserialised.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a NasSharp model, was written by an older NasSharp (format v1, no checksum), or is truncated,
    /// extended or damaged; the message names it and what was expected.
    /// </exception>
    public static ArchitecturePredictor Load(string path, Device? device = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        using var stream = File.OpenRead(path);
        long payloadEnd = ChecksummedFile.Verify(path, stream, FileFormat);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        PredictorMetadata meta;
        try
        {
            int length = reader.ReadInt32();
            if (length <= 0 || length > payloadEnd - stream.Position)
                throw new InvalidDataException($"metadata length {length} does not fit the {payloadEnd - stream.Position}-byte rest of the payload");
            meta = JsonSerializer.Deserialize<PredictorMetadata>(reader.ReadBytes(length), Json)
                ?? throw new InvalidDataException("metadata is empty");
        }
        catch (Exception e) when (e is JsonException or EndOfStreamException or InvalidDataException or NotSupportedException)
        {
            throw new InvalidDataException($"Model file '{path}' has damaged metadata: {e.Message}", e);
        }
        nn.Module<GraphBatch, Tensor> network;
        try
        {
            RequirePlausible(meta, payloadEnd - stream.Position);
            network = CreateNetwork(meta, CPU);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or System.Runtime.InteropServices.ExternalException)
        {
            throw new InvalidDataException($"Model file '{path}' has metadata that describes no network this version can build: {e.Message}", e);
        }
        try
        {
            network.load(reader, strict: true);
            ChecksummedFile.RequireConsumed(path, stream, payloadEnd);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            network.Dispose();
            throw new InvalidDataException($"Model file '{path}' has damaged or mismatched weights for predictor '{meta.Predictor}': {e.Message}", e);
        }
        network.to(device ?? CPU);
        network.eval();
        return new ArchitecturePredictor(network, meta, device ?? CPU);
    }

    /// <inheritdoc/>
    public void Dispose() => network.Dispose();

    /// <summary>
    /// Checks metadata read from a file before a network is built from it: required parts present, sizes positive,
    /// and, for NP, no network larger than the <paramref name="weightBytes"/> left in the file could hold (so a
    /// damaged size cannot make the loader allocate gigabytes).
    /// </summary>
    private static void RequirePlausible(PredictorMetadata meta, long weightBytes)
    {
        if (meta.Predictor is null || meta.Space is null || meta.Np is null || meta.Training is null || meta.Normalization is null)
            throw new InvalidDataException("the metadata lacks the predictor kind, space, network, training or normalisation");
        if (meta.NodeTypes < 1 || meta.MaxNodes < 1 || meta.Np.Hidden < 1 || meta.Np.HeadHidden < 1 || meta.Np.Layers < 1)
            throw new InvalidDataException(
                $"the metadata gives non-positive sizes (node types {meta.NodeTypes}, max nodes {meta.MaxNodes}, network {meta.Np})");
        if (!double.IsFinite(meta.Normalization.Mean) || !(meta.Normalization.Std > 0) || !double.IsFinite(meta.Normalization.Std))
            throw new InvalidDataException($"the metadata's target normalisation {meta.Normalization} is not finite and positive");
        if ((meta.ReadoutFeatures is null) != (meta.FeatureScaling is null))
            throw new InvalidDataException("the metadata has readout features without their scaling, or a scaling without readout features");
        meta.FeatureScaling?.RequireValid();
        if (meta.Predictor == "np")
        {
            double weights = (double)meta.NodeTypes * meta.Np.Hidden + (meta.Np.Layers - 1.0) * meta.Np.Hidden * meta.Np.Hidden
                + (double)meta.Np.Hidden * meta.Np.HeadHidden;
            if (weights * sizeof(float) > weightBytes)
                throw new InvalidDataException(
                    $"the metadata describes an NP network of at least {weights:G4} weights, more than the {weightBytes} bytes left in the file hold");
        }
    }

    /// <summary>
    /// The untrained network <paramref name="meta"/> describes (its kind's <see cref="ModelFileNetwork"/>), built on the
    /// CPU, so that a seed initialises it alike on every device, then moved to <paramref name="device"/>.
    /// </summary>
    private static nn.Module<GraphBatch, Tensor> CreateNetwork(PredictorMetadata meta, Device device)
    {
        var kind = PredictorRegistry.Get(meta.Predictor);
        var builder = kind.ModelFile ?? throw new ArgumentException($"Predictor '{meta.Predictor}' has no model file; model files hold " +
            $"{string.Join(", ", PredictorRegistry.ModelFileKinds.Select(k => k.Name))}.");
        var network = builder.Build(meta);
        network.to(device);
        return network;
    }

    private static IReadOnlyList<T> Slice<T>(IReadOnlyList<T> items, int start, int count) =>
        start == 0 && count == items.Count ? items : items.Skip(start).Take(count).ToArray();
}
