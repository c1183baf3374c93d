using NasSharp.Data;

namespace NasSharp.Images;

/// <summary>
/// CIFAR-10 in the binary record layout (1 label byte, then 32×32 red, green and blue planes), optionally gzip
/// compressed, as in <c>images/cifar10-jpeg75/</c>. Images stay as bytes; <see cref="ImageBatcher"/> turns them into
/// normalised float batches.
/// </summary>
public sealed class Cifar10Dataset
{
    /// <summary>Image side in pixels.</summary>
    public const int Side = 32;

    /// <summary>Colour channels.</summary>
    public const int Channels = 3;

    /// <summary>Bytes per image (without the label).</summary>
    public const int ImageBytes = Channels * Side * Side;

    /// <summary>Bytes per record (label + image).</summary>
    public const int RecordBytes = 1 + ImageBytes;

    /// <summary>Number of classes.</summary>
    public const int Classes = 10;

    /// <summary>The 40,000-image training files and the 10,000-image test file of the data root's copy.</summary>
    public static readonly IReadOnlyList<string> TrainFiles = ["train_1.bin.gz", "train_2.bin.gz", "train_3.bin.gz", "train_4.bin.gz"];

    /// <summary>The test file.</summary>
    public const string TestFile = "test.bin.gz";

    private Cifar10Dataset(byte[] pixels, byte[] labels) => (Pixels, Labels) = (pixels, labels);

    /// <summary>All images back to back, <c>[N, 3, 32, 32]</c> row-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>Class of each image, 0..9.</summary>
    public byte[] Labels { get; }

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>The images as <see cref="LabelledImages"/> (the arrays are shared, not copied).</summary>
    public LabelledImages ToLabelledImages() => new(Pixels, Labels, Channels, Side, Classes);

    /// <summary>The training split (40,000 images) under <paramref name="root"/>.</summary>
    public static Cifar10Dataset LoadTrain(DataRoot root) =>
        Load(TrainFiles.Select(f => root.RequireFile("images", "cifar10-jpeg75", f)).ToArray());

    /// <summary>The test split (10,000 images) under <paramref name="root"/>.</summary>
    public static Cifar10Dataset LoadTest(DataRoot root) => Load([root.RequireFile("images", "cifar10-jpeg75", TestFile)]);

    /// <summary>Reads and concatenates record files (<c>.gz</c> files are decompressed).</summary>
    /// <exception cref="DataFormatException">A file is truncated, corrupt, or holds a label outside 0..9; the message names the file and record.</exception>
    public static Cifar10Dataset Load(IReadOnlyList<string> files)
    {
        var pixels = new List<byte[]>();
        var labels = new List<byte>();
        foreach (string file in files)
        {
            byte[] raw = CompressedFile.ReadAll(file, "CIFAR-10 file",
                (_, reason) => new DataFormatException(file, 1, null, $"cannot be decompressed ({reason}); the file is corrupt"));
            if (raw.Length == 0 || raw.Length % RecordBytes != 0)
                throw new DataFormatException(file, 1 + raw.Length / RecordBytes, null,
                    $"holds {raw.Length} bytes, not a whole number of {RecordBytes}-byte CIFAR-10 records (truncated file?); 'line' counts records");
            int n = raw.Length / RecordBytes;
            var filePixels = new byte[n * ImageBytes];
            for (int r = 0; r < n; r++)
            {
                byte label = raw[r * RecordBytes];
                if (label >= Classes)
                    throw new DataFormatException(file, r + 1, "label", $"record {r + 1} has label {label}; expected 0..{Classes - 1}; 'line' counts records");
                labels.Add(label);
                Buffer.BlockCopy(raw, r * RecordBytes + 1, filePixels, r * ImageBytes, ImageBytes);
            }
            pixels.Add(filePixels);
        }
        // One block copy per file, not a byte-by-byte SelectMany over the 123 million bytes of the training split.
        var all = new byte[pixels.Sum(p => (long)p.Length)];
        long at = 0;
        foreach (var p in pixels)
        {
            Buffer.BlockCopy(p, 0, all, (int)at, p.Length);
            at += p.Length;
        }
        return new Cifar10Dataset(all, labels.ToArray());
    }

    /// <summary>Per-channel mean and standard deviation of the pixels scaled to [0, 1].</summary>
    public (float[] Mean, float[] Std) ChannelStatistics() => ToLabelledImages().ChannelStatistics();
}
