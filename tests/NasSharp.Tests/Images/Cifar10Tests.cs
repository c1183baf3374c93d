using System.IO.Compression;
using NasSharp.Data;
using NasSharp.Images;

namespace NasSharp.Tests.Images;

public sealed class Cifar10Tests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-cifar-").FullName;

    /// <summary>Image i: label i % 10, every red pixel i, green 100 + column, blue 200.</summary>
    private string WriteTinyFile(int images, bool gzip = true)
    {
        var raw = new byte[images * Cifar10Dataset.RecordBytes];
        for (int i = 0; i < images; i++)
        {
            int o = i * Cifar10Dataset.RecordBytes;
            raw[o] = (byte)(i % 10);
            for (int p = 0; p < 1024; p++)
            {
                raw[o + 1 + p] = (byte)i;
                raw[o + 1 + 1024 + p] = (byte)(100 + p % 32);
                raw[o + 1 + 2048 + p] = 200;
            }
        }
        string path = Path.Combine(folder, gzip ? "tiny.bin.gz" : "tiny.bin");
        if (!gzip) File.WriteAllBytes(path, raw);
        else
            using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
                gz.Write(raw);
        return path;
    }

    [Fact]
    public void Reads_labels_and_planes_from_gzip_and_plain_files()
    {
        foreach (bool gzip in new[] { true, false })
        {
            var data = Cifar10Dataset.Load([WriteTinyFile(12, gzip)]);
            Assert.Equal(12, data.Count);
            Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1 }, data.Labels);
            Assert.Equal(7, data.Pixels[7 * Cifar10Dataset.ImageBytes + 5]);
            Assert.Equal(100 + 3, data.Pixels[7 * Cifar10Dataset.ImageBytes + 1024 + 32 + 3]);
        }
    }

    [Fact]
    public void Channel_statistics_match_the_generated_pixels()
    {
        var (mean, std) = Cifar10Dataset.Load([WriteTinyFile(10)]).ChannelStatistics();
        Assert.Equal(4.5 / 255, mean[0], 5);
        Assert.Equal(200 / 255.0, mean[2], 5);
        Assert.Equal(0, std[2], 3);
        Assert.Equal(Math.Sqrt(Enumerable.Range(0, 32).Select(c => (c - 15.5) * (c - 15.5)).Average()) / 255, std[1], 5);
    }

    [Fact]
    public void Batches_are_normalised_seeded_and_downsampled()
    {
        var data = Cifar10Dataset.Load([WriteTinyFile(10)]);
        float[] mean = [0.5f, 0.5f, 0.5f], std = [0.25f, 0.25f, 0.25f];
        var plain = new ImageBatcher(data, new ImageBatchConfig(BatchSize: 4, Augment: false), mean, std, seed: 1).Next();
        Assert.Equal(4 * 3 * 32 * 32, plain.Pixels.Length);
        int first = (int)plain.Labels[0];
        Assert.Equal((first / 255f - 0.5f) / 0.25f, plain.Pixels[0], 5);
        Assert.Equal((200 / 255f - 0.5f) / 0.25f, plain.Pixels[2 * 1024 + 77], 5);

        var a = new ImageBatcher(data, new ImageBatchConfig(BatchSize: 6), mean, std, seed: 3);
        var b = new ImageBatcher(data, new ImageBatchConfig(BatchSize: 6), mean, std, seed: 3);
        for (int k = 0; k < 3; k++)
        {
            var x = a.Next();
            var y = b.Next();
            Assert.Equal(x.Labels, y.Labels);
            Assert.Equal(x.Pixels, y.Pixels);
        }

        var small = new ImageBatcher(data, new ImageBatchConfig(BatchSize: 2, Augment: false, Downsample: 2), mean, std, seed: 1).Next();
        Assert.Equal(16, small.Side);
        // green column c is 100 + c: a 2×2 average over columns 2x, 2x+1 is 100 + 2x + 0.5.
        Assert.Equal(((100 + 2 * 3 + 0.5f) / 255f - 0.5f) / 0.25f, small.Pixels[256 + 5 * 16 + 3], 4);
    }

    [Fact]
    public void An_epoch_visits_every_image_once()
    {
        var data = Cifar10Dataset.Load([WriteTinyFile(10)]);
        var batcher = new ImageBatcher(data, new ImageBatchConfig(BatchSize: 5, Augment: false), [0, 0, 0], [1, 1, 1], seed: 4);
        var reds = batcher.Next().Pixels.Chunk(3 * 1024).Concat(batcher.Next().Pixels.Chunk(3 * 1024))
            .Select(img => (int)Math.Round(img[0] * 255)).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 10).ToArray(), reds);
    }

    [Fact]
    public void Truncated_corrupt_and_mislabelled_files_are_reported()
    {
        string path = WriteTinyFile(3, gzip: false);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
        var e = Assert.Throws<DataFormatException>(() => Cifar10Dataset.Load([path]));
        Assert.Contains("tiny.bin", e.Message);
        Assert.Contains("truncated", e.Message);

        bytes[Cifar10Dataset.RecordBytes] = 12;
        File.WriteAllBytes(path, bytes);
        e = Assert.Throws<DataFormatException>(() => Cifar10Dataset.Load([path]));
        Assert.Contains("record 2 has label 12", e.Message);

        string gz = Path.Combine(folder, "bad.bin.gz");
        File.WriteAllBytes(gz, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3]);
        e = Assert.Throws<DataFormatException>(() => Cifar10Dataset.Load([gz]));
        Assert.Contains("bad.bin.gz", e.Message);
        Assert.Throws<ArgumentException>(() => new ImageBatcher(Cifar10Dataset.Load([WriteTinyFile(2)]), new ImageBatchConfig(Downsample: 3), [0, 0, 0], [1, 1, 1], 0));
    }

    [Fact]
    public void The_data_roots_copy_has_40000_train_and_10000_test_images()
    {
        var test = Cifar10Dataset.LoadTest(TestData.Root);
        Assert.Equal(10_000, test.Count);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(1000, test.Labels.Count(l => l == c)));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
