using NasSharp.Encodings;
using NasSharp.Graphs;
using NasSharp.Predictors;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.Tests.Meta;
using NasSharp.Training;
using static TorchSharp.torch;

namespace NasSharp.Tests.Predictors;

/// <summary>
/// Issue 13 item 4: NP training died in <c>THSTensor_add</c> with "Expected false to be true … toFloat" because a
/// temporary native Scalar (the alpha of <c>a + b</c>) was freed by its finalizer while native code read it. These
/// tests train and run the hot models while another thread runs the garbage collector and the finalizers without
/// pause, so that such a Scalar is collected inside the native call; each runs ten rounds (issue acceptance: "passes
/// 10 times in a row").
/// </summary>
public class NativeScalarStressTests
{
    private const int Rounds = 10;
    private static readonly Nb201Space Space = new();

    [Fact]
    public void Np_training_and_prediction_survive_constant_finalization()
    {
        for (int round = 0; round < Rounds; round++)
        {
            using var scope = NewDisposeScope();
            var (graphs, targets) = Data(20, round);
            random.manual_seed(round);
            using var model = new NeuralPredictor(Space.NodeTypes.Count, new NpConfig(Hidden: 16, HeadHidden: 8));
            using (new FinalizerPressure())
            {
                // 20 cells in batches of 2: 10 forward/backward/Adam steps per epoch, 150 per round, then 60 predictions.
                var losses = PredictorTrainer.Fit(model, graphs, targets, new TrainingConfig(Epochs: 15, BatchSize: 2), round);
                Assert.All(losses, l => Assert.True(double.IsFinite(l)));
                for (int i = 0; i < 60; i++)
                    Assert.True(model.call(graphs).isfinite().all().item<bool>());
            }
        }
    }

    [Fact]
    public void Global_encoding_predictor_training_survives_constant_finalization()
    {
        for (int round = 0; round < Rounds; round++)
        {
            using var scope = NewDisposeScope();
            var (graphs, targets) = Data(10, round);
            random.manual_seed(round);
            using var model = new GlobalEncodingPredictor(Space, new GlobalEncodingConfig(Hidden: 8, HeadHidden: 8));
            using (new FinalizerPressure())
            {
                var losses = PredictorTrainer.Fit(model, graphs, targets, new TrainingConfig(Epochs: 3, BatchSize: 2), round);
                Assert.All(losses, l => Assert.True(double.IsFinite(l)));
            }
        }
    }

    private static (GraphBatch Graphs, float[] Targets) Data(int count, int seed)
    {
        var rng = new Random(seed);
        var cells = Enumerable.Range(0, count).Select(_ => Space.Encode(Space.Sample(rng))).ToList<CellGraph>();
        var targets = Enumerable.Range(0, count).Select(_ => (float)rng.NextDouble()).ToArray();
        return (GraphBatch.Create(cells, Space.NodeTypes.Count, Space.MaxNodes), targets);
    }

    /// <summary>
    /// Runs gen-0 collections and the finalizers in a loop on a background thread until disposed: a temporary Scalar is
    /// young, and a gen-0 collection is cheap enough not to stall the training thread for long. Torch runs on one
    /// thread meanwhile.
    /// </summary>
    private sealed class FinalizerPressure : IDisposable
    {
        private volatile bool stop;
        private readonly Thread thread;

        // One torch thread, so that torch's spinning workers do not compete with the collector for the cores.
        private readonly OneTorchThread oneThread = new();

        public FinalizerPressure()
        {
            thread = new Thread(() =>
            {
                while (!stop)
                {
                    GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                    GC.WaitForPendingFinalizers();
                    // A pause of about a millisecond: without it, on an idle machine the collector suspends the
                    // training thread so often that a round takes ten times longer, and the race is still hit.
                    Thread.Sleep(1);
                }
            }) { IsBackground = true };
            thread.Start();
        }

        public void Dispose()
        {
            stop = true;
            thread.Join();
            oneThread.Dispose();
        }
    }
}
