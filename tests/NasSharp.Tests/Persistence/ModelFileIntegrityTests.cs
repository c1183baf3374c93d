using System.Text;
using NasSharp.Graphs;
using NasSharp.Meta;
using NasSharp.Predictors;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.Tests.Meta;
using NasSharp.Training;

namespace NasSharp.Tests.Persistence;

/// <summary>
/// Issue 13 item 6: damaged, truncated, extended and v1 model files are refused with an <see cref="InvalidDataException"/>
/// naming the file; intact files round-trip to equal scores.
/// </summary>
public sealed class ModelFileIntegrityTests : IDisposable
{
    private static readonly Nb201Space Space = new();
    private readonly OneTorchThread threads = new();
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-integrity-").FullName;
    private readonly List<CellGraph> graphs;
    private readonly string modelPath;
    private readonly double[] scores;

    public ModelFileIntegrityTests()
    {
        var rng = new Random(3);
        graphs = [.. Enumerable.Range(0, 16).Select(_ => Space.Encode(Space.Sample(rng)))];
        var meta = new PredictorMetadata("np", "nb201", "t", "m", new NpConfig(Hidden: 16, HeadHidden: 8), new TrainingConfig(Epochs: 2),
            1, 0, new TargetNormalization(0, 1), Space.NodeTypes.Count, Space.MaxNodes, CodeVersion.Current, DateTime.UnixEpoch);
        using var model = ArchitecturePredictor.Train(meta, graphs, [.. graphs.Select((g, i) => (double)(g.NodeTypes.Count(t => t == 4) + i % 3))]);
        modelPath = Path.Combine(folder, "m.model");
        model.Save(modelPath);
        scores = model.Predict(graphs);
    }

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
        threads.Dispose();
    }

    private string Damaged(string name, byte[] bytes)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static InvalidDataException Refused(string path, Action load)
    {
        var e = Assert.Throws<InvalidDataException>(load);
        Assert.Contains(path, e.Message);
        return e;
    }

    [Fact]
    public void An_intact_model_round_trips_to_equal_scores()
    {
        using var loaded = ArchitecturePredictor.Load(modelPath);
        Assert.Equal(scores, loaded.Predict(graphs));
        Assert.StartsWith("NASSHARP-MODEL v2\n", Encoding.ASCII.GetString(File.ReadAllBytes(modelPath)[..18]));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.02)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.75)]
    [InlineData(1.0)]
    public void Sixty_four_flipped_bytes_are_refused(double where)
    {
        var bytes = File.ReadAllBytes(modelPath);
        int start = (int)Math.Round(where * (bytes.Length - 64));
        for (int i = start; i < start + 64; i++) bytes[i] ^= 0x5A;
        string path = Damaged($"flip{where}.model", bytes);
        Refused(path, () => ArchitecturePredictor.Load(path).Dispose());
    }

    [Fact]
    public void One_flipped_bit_in_the_weights_is_refused_with_the_checksum()
    {
        var bytes = File.ReadAllBytes(modelPath);
        bytes[bytes.Length * 2 / 3] ^= 1;
        string path = Damaged("bit.model", bytes);
        Assert.Contains("SHA-256", Refused(path, () => ArchitecturePredictor.Load(path).Dispose()).Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(26)]
    [InlineData(500)]
    [InlineData(-1)]
    [InlineData(-33)]
    public void A_truncated_model_is_refused(int keep)
    {
        var bytes = File.ReadAllBytes(modelPath);
        string path = Damaged($"cut{keep}.model", bytes[..(keep >= 0 ? keep : bytes.Length + keep)]);
        Refused(path, () => ArchitecturePredictor.Load(path).Dispose());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Trailing_garbage_is_refused(int extra)
    {
        var bytes = File.ReadAllBytes(modelPath).Concat(Enumerable.Repeat((byte)7, extra)).ToArray();
        string path = Damaged($"extra{extra}.model", bytes);
        Assert.Contains("trailing", Refused(path, () => ArchitecturePredictor.Load(path).Dispose()).Message);
    }

    [Fact]
    public void A_v1_model_is_refused_as_written_by_an_older_version()
    {
        string path = Damaged("v1.model", AsV1(File.ReadAllBytes(modelPath), "NASSHARP-MODEL v2\n", "NASSHARP-MODEL v1\n"));
        var e = Refused(path, () => ArchitecturePredictor.Load(path).Dispose());
        Assert.Contains("older NasSharp (format v1", e.Message);
        Assert.Contains("nassharp train", e.Message);
    }

    [Fact]
    public void Meta_models_and_checkpoints_are_checked_and_checkpoints_still_resume()
    {
        var synthetic = SyntheticTasks.Graphs(30, 10);
        using var batch = SyntheticTasks.Batch(synthetic);
        var tasks = SyntheticTasks.SourceTasks(batch, synthetic);
        var config = new MetaTrainingConfig("tiny", new MetaGcnConfig(Layers: 2, Hidden: 8, Dropout: 0.2), MetaAlgorithm.Boil,
            Epochs: 2, StepsPerEpoch: 2, TasksPerStep: 2, SupportSize: 4, QuerySize: 5, InnerSteps: 1,
            InnerLearningRate: 0.035, OuterLearningRate: 1e-2, WeightDecay: 0.01, CheckpointEvery: 1);
        string checkpoint = Path.Combine(folder, "run.ckpt");
        using var model = MetaTrainer.Train(tasks, config, seed: 3, checkpoint);
        string path = Path.Combine(folder, "meta.model");
        model.Save(path);
        using (var loaded = MetaModel.Load(path))
            Assert.Equal(model.Network.parameters().Select(p => p.data<float>().ToArray()), loaded.Network.parameters().Select(p => p.data<float>().ToArray()));
        using (var resumed = MetaTrainer.Train(tasks, config, seed: 3, checkpoint, _ => Assert.Fail("a finished checkpoint runs no epoch")))
            Assert.Equal(2, resumed.Metadata.EpochsDone);

        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        Assert.Contains("SHA-256", Refused(path, () => { File.WriteAllBytes(path, bytes); MetaModel.Load(path).Dispose(); }).Message);
        File.WriteAllBytes(path, [.. File.ReadAllBytes(checkpoint), 0]);
        Refused(path, () => MetaModel.Load(path).Dispose());   // a checkpoint is not a model
        string v1 = Damaged("v1.ckpt", AsV1(File.ReadAllBytes(checkpoint), "NASSHARP-META-CHECKPOINT v2\n", "NASSHARP-META-CHECKPOINT v1\n"));
        Assert.Contains("older NasSharp (format v1", Refused(v1, () => MetaTrainer.Train(tasks, config, seed: 3, v1).Dispose()).Message);
        var ckpt = File.ReadAllBytes(checkpoint);
        string cut = Damaged("cut.ckpt", ckpt[..^5]);
        Refused(cut, () => MetaTrainer.Train(tasks, config, seed: 3, cut).Dispose());
    }

    /// <summary>The same payload in the v1 layout: magic line, then the payload, with no length or digest.</summary>
    private static byte[] AsV1(byte[] v2, string magic, string legacyMagic)
    {
        Assert.Equal(magic, Encoding.ASCII.GetString(v2[..magic.Length]));
        return [.. Encoding.ASCII.GetBytes(legacyMagic), .. v2[(magic.Length + 8)..^32]];
    }
}
