using System.IO.Compression;
using NasSharp.Encodings;
using NasSharp.HyperNetworks;
using NasSharp.Images;
using NasSharp.Predictors;
using NasSharp.Training;
using NasSharp.SearchSpaces.Nb201;
using static TorchSharp.torch;

namespace NasSharp.Tests.HyperNetworks;

public sealed class HyperNasTrainerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-hnas-").FullName;

    /// <summary>20 random 32×32 images whose label is the brightest channel (learnable from colour alone).</summary>
    private Cifar10Dataset Images()
    {
        var rng = new Random(0);
        var raw = new byte[20 * Cifar10Dataset.RecordBytes];
        for (int i = 0; i < 20; i++)
        {
            int label = i % 3, o = i * Cifar10Dataset.RecordBytes;
            raw[o] = (byte)label;
            for (int p = 0; p < Cifar10Dataset.ImageBytes; p++)
                raw[o + 1 + p] = (byte)(p / 1024 == label ? 200 + rng.Next(50) : rng.Next(100));
        }
        string path = Path.Combine(folder, "x.bin.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest)) gz.Write(raw);
        return Cifar10Dataset.Load([path]);
    }

    private static readonly TrainingConfig Training = new(Epochs: 3, BatchSize: 2, LearningRate: 1e-2);

    private static HyperNasConfig Config(HyperNasTasks tasks) => new(
        Accumulation: 2, LearningRateSchedule.HalveAtHalfAndThreeQuarters, AuxiliaryEvery: 1,
        new ImageBatchConfig(BatchSize: 8, Augment: false, Downsample: 4), new TargetNetworkConfig(Channels: 4, CellsPerStage: 1),
        new HyperNetworkConfig(Hidden: 8), Tasks: tasks);

    [Theory]
    [InlineData(HyperNasTasks.Both)]
    [InlineData(HyperNasTasks.HypernetworkOnly)]
    public void Training_runs_both_tasks_and_moves_the_shared_encoder(HyperNasTasks tasks)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(5);
        var config = Config(tasks);
        var space = new Nb201Space();
        using var model = new HyperNasModel(space, new GlobalEncodingConfig(Hidden: 8, Layers: 2), config.Hyper, config.Target, config.Q);
        var rng = new Random(1);
        var cells = Enumerable.Range(0, 4).Select(_ => space.Encode(space.Sample(rng))).ToArray();
        using var graphs = GraphBatch.Create(cells, space.NodeTypes.Count, space.MaxNodes);
        var data = Images();
        var (mean, std) = data.ChannelStatistics();
        var batcher = new ImageBatcher(data, config.Images, mean, std, seed: 2);
        var before = model.named_parameters().Single(p => p.name == "predictor.normal.embed.weight").parameter.clone();

        var history = HyperNasTrainer.Fit(model, cells, graphs, [1, -1, 0.5f, 0], batcher, Training, config, seed: 3);

        Assert.Equal(3, history.Length);
        Assert.All(history, h => Assert.True(double.IsFinite(h.CrossEntropy)));
        Assert.Equal(tasks == HyperNasTasks.Both, history.All(h => double.IsFinite(h.PredictorLoss)));
        var after = model.named_parameters().Single(p => p.name == "predictor.normal.embed.weight").parameter;
        Assert.False(before.allclose(after));
        double accuracy = HyperNasTrainer.TargetAccuracy(model, cells[0], graphs.Select(tensor(new long[] { 0 })), data, config.Images, mean, std);
        Assert.InRange(accuracy, 0, 100);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
