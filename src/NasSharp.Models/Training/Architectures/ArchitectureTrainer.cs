using System.Diagnostics;
using NasSharp.HyperNetworks;
using NasSharp.Images;
using NasSharp.Proxies;
using NasSharp.SearchSpaces;

namespace NasSharp.Training.Architectures;

/// <summary>
/// The built-in trainer: trains one architecture's real network (the space's <see cref="ITargetNetwork"/>, NB201's
/// cell network) from scratch on a seeded subset of a training split and measures its accuracy on other images of the
/// same split, with the settings of <see cref="ArchitectureTrainingConfig"/>. It answers a study's trials when no
/// benchmark table exists. Same seed and thread count, same accuracy.
/// </summary>
public static class ArchitectureTrainer
{
    // Images normalised and resized per chunk, and validated per batch: bounds the memory of the float copies.
    private const int Chunk = 1000;

    /// <summary>Trains <paramref name="arch"/> of <paramref name="space"/> on <paramref name="images"/> (a training split).</summary>
    /// <param name="space">The search space; it needs a target network (nb201, nb101).</param>
    /// <param name="arch">The architecture, any spelling the space accepts.</param>
    /// <param name="images">The training split: 3-channel colour or 1-channel grey (replicated to the stem's 3 channels).</param>
    /// <param name="config">The settings.</param>
    /// <param name="progress">Called after every epoch.</param>
    /// <exception cref="ArgumentException">Bad settings, too few images, a space without target network, or the training diverged.</exception>
    /// <exception cref="ArchitectureFormatException">Not an architecture of the space.</exception>
    public static ArchitectureTrainingResult Train(ISearchSpace space, string arch, LabelledImages images, ArchitectureTrainingConfig config,
        Action<ArchitectureTrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(arch);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (images.Channels is not (1 or 3))
            throw new ArgumentException($"The network's stem takes 3-channel (or replicated 1-channel) images, got {images.Channels} channels.");
        if (images.Count < config.TrainImages + config.ValidationImages)
            throw new ArgumentException($"{config.TrainImages} training + {config.ValidationImages} validation images need that many; the split holds {images.Count}.");
        long start = Stopwatch.GetTimestamp();
        TorchThreads.Apply(config.Threads);
        string canonical = space.Canonicalize(arch);
        var target = TargetNetworks.Create(space, new TargetNetworkConfig(config.Channels, config.CellsPerStage, images.Classes));

        // Validation images come first in the seeded order, so the subset size never changes which images validate.
        var random = new Random(config.Seed);
        int[] order = [.. Enumerable.Range(0, images.Count)];
        random.Shuffle(order);
        int[] validation = order[..config.ValidationImages], train = order[config.ValidationImages..(config.ValidationImages + config.TrainImages)];
        var (mean, std) = images.ChannelStatistics(train);
        using var trainX = Prepare(images, train, mean, std, config.ImageSize);
        using var validationX = Prepare(images, validation, mean, std, config.ImageSize);
        using var trainY = tensor(train.Select(i => (long)images.Labels[i]).ToArray());
        using var validationY = tensor(validation.Select(i => (long)images.Labels[i]).ToArray());

        using var network = TrainableNetwork.Create(target, space.Encode(canonical), ProxyExperiment.SeedOf(config.Seed, space.Key(canonical)), config.ImageSize);
        using var sgd = new ScalarSafeSgd(network.Parameters, config.LearningRate, config.Momentum, config.WeightDecay, config.Nesterov);
        int stepsPerEpoch = config.TrainImages / config.BatchSize, total = stepsPerEpoch * config.Epochs, step = 0;
        int[] batchOrder = [.. Enumerable.Range(0, config.TrainImages)];
        double lastLoss = double.NaN;
        for (int epoch = 1; epoch <= config.Epochs; epoch++)
        {
            random.Shuffle(batchOrder);
            double lossSum = 0;
            for (int s = 0; s < stepsPerEpoch; s++)
            {
                using var scope = NewDisposeScope();
                using var index = tensor(batchOrder.AsSpan(s * config.BatchSize, config.BatchSize).ToArray().Select(i => (long)i).ToArray());
                var loss = F.cross_entropy(network.Forward(trainX.index_select(0, index), training: true), trainY.index_select(0, index));
                double value = loss.item<float>();
                if (!double.IsFinite(value))
                    throw new TrainingDivergedException(
                        $"Training '{canonical}' diverged: loss {value} at epoch {epoch}, step {s + 1}; lower the learning rate (now {config.LearningRate}).");
                lossSum += value;
                sgd.ZeroGrad();
                loss.backward();
                sgd.Step();
                sgd.LearningRate = LearningRateSchedules.Cosine(sgd.LearningRate, config.LearningRate, ++step, total);
            }
            lastLoss = lossSum / stepsPerEpoch;
            progress?.Invoke(new ArchitectureTrainingProgress(epoch, config.Epochs, lastLoss, sgd.LearningRate, Stopwatch.GetElapsedTime(start).TotalSeconds));
        }
        double accuracy = Accuracy(network, validationX, validationY);
        return new ArchitectureTrainingResult(canonical, accuracy, lastLoss, network.ParameterCount, config.Epochs, step, config.TrainImages,
            config.ValidationImages, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>Accuracy in % of <paramref name="network"/> with running-statistics BatchNorm.</summary>
    private static double Accuracy(TrainableNetwork network, Tensor images, Tensor labels)
    {
        long n = images.shape[0], correct = 0;
        using var noGrad = no_grad();
        for (long from = 0; from < n; from += Chunk)
        {
            using var scope = NewDisposeScope();
            long count = Math.Min(Chunk, n - from);
            var predicted = network.Forward(images.narrow(0, from, count), training: false).argmax(1);
            correct += predicted.eq(labels.narrow(0, from, count)).sum().item<long>();
        }
        return 100.0 * correct / n;
    }

    /// <summary>
    /// The images <paramref name="indices"/> as normalised floats <c>[n, 3, size, size]</c>: resized by bilinear
    /// interpolation with antialiasing when <paramref name="size"/> differs from the images', grey replicated to 3 channels.
    /// </summary>
    private static Tensor Prepare(LabelledImages images, int[] indices, float[] mean, float[] std, int size)
    {
        int channels = images.Channels, side = images.Side, plane = side * side;
        var chunks = new List<Tensor>();
        using var scope = NewDisposeScope();
        for (int from = 0; from < indices.Length; from += Chunk)
        {
            int count = Math.Min(Chunk, indices.Length - from);
            var buffer = new float[count * channels * plane];
            for (int k = 0; k < count; k++)
                for (int c = 0; c < channels; c++)
                {
                    int source = (indices[from + k] * channels + c) * plane, destination = (k * channels + c) * plane;
                    for (int p = 0; p < plane; p++)
                        buffer[destination + p] = (images.Pixels[source + p] / 255f - mean[c]) / std[c];
                }
            var x = tensor(buffer).reshape(count, channels, side, side);
            if (size != side) x = F.interpolate(x, [size, size], mode: InterpolationMode.Bilinear, align_corners: false, antialias: true);
            chunks.Add(channels == 1 ? x.expand(-1, 3, -1, -1) : x);
        }
        return cat(chunks, 0).contiguous().MoveToOuterDisposeScope();
    }
}
