namespace NasSharp.Images;

/// <summary>How <see cref="ImageBatcher"/> prepares images.</summary>
/// <param name="BatchSize">Images per batch (128 in HyperNAS Appendix A).</param>
/// <param name="Augment">Random crop (4-pixel zero padding) and horizontal flip, the standard CIFAR augmentation.</param>
/// <param name="Downsample">Integer factor of average-pool down-sampling (1 = full 32×32); a cheaper CPU profile.</param>
public sealed record ImageBatchConfig(int BatchSize = 128, bool Augment = true, int Downsample = 1)
{
    /// <summary>Side of the images a batch holds.</summary>
    public int Side => Cifar10Dataset.Side / Downsample;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (BatchSize < 1) throw new ArgumentException($"BatchSize must be at least 1, got {BatchSize}.");
        if (Downsample < 1 || Cifar10Dataset.Side % Downsample != 0)
            throw new ArgumentException($"Downsample must divide {Cifar10Dataset.Side}, got {Downsample}.");
    }
}

/// <summary>One batch: <c>[B, 3, S, S]</c> normalised floats and their labels.</summary>
/// <param name="Pixels">Row-major pixels.</param>
/// <param name="Labels">Class per image.</param>
/// <param name="Count">Images in the batch.</param>
/// <param name="Side">Image side.</param>
public sealed record ImageBatch(float[] Pixels, long[] Labels, int Count, int Side);

/// <summary>
/// Endless seeded mini-batches from a <see cref="Cifar10Dataset"/>: reshuffled every epoch, per-channel normalised
/// with the given statistics, optionally augmented and down-sampled. Same seed, same batches.
/// </summary>
public sealed class ImageBatcher
{
    private readonly Cifar10Dataset data;
    private readonly ImageBatchConfig config;
    private readonly float[] mean;
    private readonly float[] std;
    private readonly Random rng;
    private readonly int[] order;
    private int cursor;

    /// <summary>Creates a batcher; <paramref name="mean"/>/<paramref name="std"/> are per channel on the [0, 1] scale.</summary>
    public ImageBatcher(Cifar10Dataset data, ImageBatchConfig config, float[] mean, float[] std, int seed)
    {
        config.Validate();
        if (mean.Length != Cifar10Dataset.Channels || std.Length != Cifar10Dataset.Channels)
            throw new ArgumentException($"Need {Cifar10Dataset.Channels} channel means and stds.");
        this.data = data;
        this.config = config;
        this.mean = mean;
        this.std = std;
        rng = new Random(seed);
        order = Enumerable.Range(0, data.Count).ToArray();
        rng.Shuffle(order);
    }

    /// <summary>The next batch, starting a freshly shuffled epoch when the current one runs out.</summary>
    public ImageBatch Next()
    {
        int b = config.BatchSize, s = config.Side, plane = s * s;
        var pixels = new float[b * Cifar10Dataset.Channels * plane];
        var labels = new long[b];
        var full = new float[Cifar10Dataset.Channels * Cifar10Dataset.Side * Cifar10Dataset.Side];
        for (int i = 0; i < b; i++)
        {
            if (cursor == order.Length)
            {
                rng.Shuffle(order);
                cursor = 0;
            }
            int image = order[cursor++];
            labels[i] = data.Labels[image];
            Augmented(image, full);
            Downsampled(full, pixels.AsSpan(i * Cifar10Dataset.Channels * plane, Cifar10Dataset.Channels * plane));
        }
        return new ImageBatch(pixels, labels, b, s);
    }

    /// <summary>Normalised 32×32 image, randomly shifted (zero padding) and flipped when augmenting.</summary>
    private void Augmented(int image, float[] target)
    {
        const int side = Cifar10Dataset.Side, pad = 4;
        int dy = 0, dx = 0;
        bool flip = false;
        if (config.Augment)
        {
            dy = rng.Next(-pad, pad + 1);
            dx = rng.Next(-pad, pad + 1);
            flip = rng.Next(2) == 1;
        }
        int offset = image * Cifar10Dataset.ImageBytes;
        for (int c = 0; c < Cifar10Dataset.Channels; c++)
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                {
                    int sy = y + dy, sx = (flip ? side - 1 - x : x) + dx;
                    // Padding is 0 after normalisation (the channel mean), so shifted borders carry no colour cast;
                    // torchvision's usual order (pad black, then normalise) differs only at the border.
                    float v = sy is < 0 or >= side || sx is < 0 or >= side ? 0
                        : (data.Pixels[offset + (c * side + sy) * side + sx] / 255f - mean[c]) / std[c];
                    target[(c * side + y) * side + x] = v;
                }
    }

    private void Downsampled(float[] full, Span<float> target)
    {
        int f = config.Downsample, s = config.Side, side = Cifar10Dataset.Side;
        float scale = 1f / (f * f);
        for (int c = 0; c < Cifar10Dataset.Channels; c++)
            for (int y = 0; y < s; y++)
                for (int x = 0; x < s; x++)
                {
                    float sum = 0;
                    for (int u = 0; u < f; u++)
                        for (int v = 0; v < f; v++)
                            sum += full[(c * side + y * f + u) * side + x * f + v];
                    target[(c * s + y) * s + x] = sum * scale;
                }
    }
}
