using NasSharp.Images;
using NasSharp.SearchSpaces;
using NasSharp.Training;
using NasSharp.Training.Architectures;
using NasSharp.Tests.Meta;

namespace NasSharp.Tests.Training;

/// <summary>The built-in trainer on tiny synthetic problems: reproducible, learning, sized as counted by hand, and its refusals.</summary>
public sealed class ArchitectureTrainerTests
{
    private const string Mixed = "|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|";
    private const string AllSkip = "|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|";

    private static readonly ArchitectureTrainingConfig Tiny = new(Epochs: 1, Channels: 4, CellsPerStage: 1, ImageSize: 8, TrainImages: 64,
        ValidationImages: 32, BatchSize: 16, Seed: 3);

    /// <summary>
    /// Two classes a network can tell apart: class 0 bright in the top half, class 1 in the bottom half, plus seeded
    /// noise; <paramref name="channels"/> 3 or 1 (grey), side <paramref name="side"/>.
    /// </summary>
    private static LabelledImages Halves(int n, int channels = 3, int side = 8, int seed = 0)
    {
        var random = new Random(seed);
        var pixels = new byte[n * channels * side * side];
        var labels = new byte[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = (byte)(i % 2);
            for (int c = 0; c < channels; c++)
                for (int y = 0; y < side; y++)
                    for (int x = 0; x < side; x++)
                        pixels[((i * channels + c) * side + y) * side + x] = (byte)(((y < side / 2) == (labels[i] == 0) ? 150 : 50) + random.Next(60));
        }
        return new LabelledImages(pixels, labels, channels, side, 2);
    }

    private static ArchitectureTrainingResult Train(string arch, LabelledImages images, ArchitectureTrainingConfig config,
        Action<ArchitectureTrainingProgress>? progress = null)
    {
        using var threads = new OneTorchThread();
        return ArchitectureTrainer.Train(SearchSpaceCatalog.Get("nb201"), arch, images, config, progress);
    }

    [Fact]
    public void The_same_seed_gives_the_same_accuracy_and_loss()
    {
        var images = Halves(96);
        var first = Train(Mixed, images, Tiny);
        var second = Train(Mixed, images, Tiny);
        Assert.Equal(first.ValidationAccuracy, second.ValidationAccuracy);
        Assert.Equal(first.TrainLoss, second.TrainLoss);
        Assert.NotEqual(first.TrainLoss, Train(Mixed, images, Tiny with { Seed = 4 }).TrainLoss);
        Assert.Equal((1, 4, 64, 32), (first.Epochs, first.Steps, first.TrainImages, first.ValidationImages));
    }

    [Fact]
    public void Training_reduces_the_loss_and_learns_a_separable_problem()
    {
        var losses = new List<double>();
        var result = Train(Mixed, Halves(192), Tiny with { Epochs = 6, TrainImages = 160 }, p => losses.Add(p.TrainLoss));
        Assert.Equal(6, losses.Count);
        Assert.True(losses[^1] < 0.5 * losses[0], $"losses {string.Join(", ", losses)}");
        Assert.True(result.ValidationAccuracy >= 90, $"accuracy {result.ValidationAccuracy}");
        Assert.Equal(losses[^1], result.TrainLoss);
    }

    [Fact]
    public void Grey_images_are_resized_and_replicated_to_the_stem_channels()
    {
        var result = Train(Mixed, Halves(96, channels: 1, side: 28), Tiny);
        Assert.InRange(result.ValidationAccuracy, 0, 100);
        Assert.True(double.IsFinite(result.TrainLoss));
    }

    [Fact]
    public void The_parameters_are_counted_as_by_hand()
    {
        // All-skip cells hold no convolution: the two reduction blocks (4→8: 3×3 288 + 3×3 576 + 1×1 32; 8→16: 1,152
        // + 2,304 + 128 = 4,480), the stem 4·3·3·3 = 108, the classifier 2·16 + 2 = 34, and BatchNorm weight and bias
        // of stem (4), reductions (8, 8, 16, 16) and the final BatchNorm (16): 2·68 = 136.
        Assert.Equal(4480 + 108 + 34 + 136, Train(AllSkip, Halves(96), Tiny).Parameters);
    }

    [Fact]
    public void Bad_settings_and_too_few_images_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Train(Mixed, Halves(90), Tiny));
        Assert.Contains("64 training + 32 validation images need that many; the split holds 90", e.Message);
        e = Assert.Throws<ArgumentException>(() => Train(Mixed, Halves(96), Tiny with { BatchSize = 100 }));
        Assert.Contains("TrainImages (64) must be at least BatchSize (100)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Train(Mixed, Halves(96), Tiny with { ImageSize = 3 }));
        Assert.Contains("ImageSize must be at least 4", e.Message);
        var twoChannels = new LabelledImages(new byte[96 * 2 * 64], new byte[96], 2, 8, 2);
        e = Assert.Throws<ArgumentException>(() => Train(Mixed, twoChannels, Tiny));
        Assert.Contains("got 2 channels", e.Message);
        Assert.Throws<ArchitectureFormatException>(() => Train("|nope~0|", Halves(96), Tiny));
    }

    [Fact]
    public void A_learning_rate_that_blows_up_is_a_divergence()
    {
        var e = Assert.Throws<TrainingDivergedException>(() => Train(Mixed, Halves(96), Tiny with { LearningRate = 1e30, Epochs = 2 }));
        Assert.Contains("lower the learning rate", e.Message);
    }
}
