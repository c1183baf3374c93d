using NasSharp.Encodings;
using NasSharp.Meta;

namespace NasSharp.Tests.Meta;

/// <summary>One small MAML model meta-trained on <see cref="SyntheticTasks.SourceTasks"/>, shared by the meta-test tests.</summary>
public sealed class MetaTesterFixture : IDisposable
{
    public static readonly MetaGcnConfig Network = new(Layers: 2, Hidden: 16, Dropout: 0);

    private readonly GraphBatch sourceBatch;

    public MetaTesterFixture()
    {
        using var threads = new OneTorchThread();
        var sourceGraphs = SyntheticTasks.Graphs(60, 20);
        sourceBatch = SyntheticTasks.Batch(sourceGraphs);
        var config = new MetaTrainingConfig("test", Network, MetaAlgorithm.Maml, Epochs: 2, StepsPerEpoch: 5, TasksPerStep: 3,
            SupportSize: 8, QuerySize: 8, InnerSteps: 2, InnerLearningRate: 0.035, OuterLearningRate: 1e-2, WeightDecay: 0, CheckpointEvery: 10);
        Model = MetaTrainer.Train(SyntheticTasks.SourceTasks(sourceBatch, sourceGraphs), config, seed: 7);
    }

    public MetaModel Model { get; }

    public void Dispose()
    {
        Model.Dispose();
        sourceBatch.Dispose();
    }
}
