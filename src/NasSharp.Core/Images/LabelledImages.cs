namespace NasSharp.Images;

/// <summary>
/// Labelled images as bytes, whatever file format they came from: <c>[N, Channels, Side, Side]</c> row-major pixels
/// (0..255) and one class per image. What the built-in trainer (<c>NasSharp.Training.Architectures</c>) consumes.
/// </summary>
public sealed class LabelledImages
{
    /// <summary>Wraps <paramref name="pixels"/> and <paramref name="labels"/>; the arrays are not copied.</summary>
    /// <exception cref="ArgumentException">The sizes disagree, or a label is outside 0..<paramref name="classes"/>−1.</exception>
    public LabelledImages(byte[] pixels, byte[] labels, int channels, int side, int classes)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        if (pixels.Length != (long)labels.Length * channels * side * side)
            throw new ArgumentException($"{labels.Length} images of {channels}×{side}×{side} need {(long)labels.Length * channels * side * side} pixel bytes, got {pixels.Length}.");
        int bad = Array.FindIndex(labels, l => l >= classes);
        if (bad >= 0) throw new ArgumentException($"Image {bad} has label {labels[bad]}; expected 0..{classes - 1}.");
        (Pixels, Labels, Channels, Side, Classes) = (pixels, labels, channels, side, classes);
    }

    /// <summary>All images back to back, <c>[N, Channels, Side, Side]</c>.</summary>
    public byte[] Pixels { get; }

    /// <summary>Class of each image.</summary>
    public byte[] Labels { get; }

    /// <summary>Channels per image (3 for colour, 1 for grey).</summary>
    public int Channels { get; }

    /// <summary>Image side in pixels.</summary>
    public int Side { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Per-channel mean and standard deviation of the pixels scaled to [0, 1], over <paramref name="images"/> (default all).</summary>
    public (float[] Mean, float[] Std) ChannelStatistics(IReadOnlyList<int>? images = null)
    {
        images ??= [.. Enumerable.Range(0, Count)];
        int plane = Side * Side;
        var mean = new float[Channels];
        var std = new float[Channels];
        for (int c = 0; c < Channels; c++)
        {
            double sum = 0, sumSq = 0;
            foreach (int i in images)
            {
                int offset = (i * Channels + c) * plane;
                for (int p = 0; p < plane; p++)
                {
                    double v = Pixels[offset + p] / 255.0;
                    sum += v;
                    sumSq += v * v;
                }
            }
            double n = (double)images.Count * plane;
            mean[c] = (float)(sum / n);
            std[c] = (float)Math.Sqrt(Math.Max(sumSq / n - mean[c] * (double)mean[c], 1e-12));
        }
        return (mean, std);
    }
}
