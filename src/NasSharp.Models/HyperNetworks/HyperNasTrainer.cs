using NasSharp.Encodings;
using NasSharp.Graphs;
using NasSharp.Images;
using NasSharp.Training;

namespace NasSharp.HyperNetworks;

/// <summary>The HyperNAS training loop over (architecture, normalised accuracy) pairs and image batches.</summary>
public static class HyperNasTrainer
{
    /// <summary>
    /// Trains <paramref name="model"/> in place. Returns per epoch the mean predictor loss (<see cref="TrainingConfig.Loss"/>, MSE by default) and the mean cross-entropy
    /// (NaN where a task did not run). Architecture shuffling uses <paramref name="seed"/> exactly as
    /// <see cref="PredictorTrainer"/> does, so HyperNAS and HyperNAS-P see the same batches; the caller seeds torch.
    /// Computes on the device of <paramref name="graphs"/> (the model must be there too); image batches are moved there.
    /// </summary>
    public static (double PredictorLoss, double CrossEntropy)[] Fit(HyperNasModel model, IReadOnlyList<CellGraph> cells, GraphBatch graphs,
        float[] targets, ImageBatcher images, TrainingConfig training, HyperNasConfig config, int seed, Action<int>? epochDone = null)
    {
        training.Validate();
        config.Validate();
        if (cells.Count != targets.Length || graphs.Count != targets.Length)
            throw new ArgumentException($"{cells.Count} cells, {graphs.Count} graphs and {targets.Length} targets must match.");
        int n = targets.Length;
        int stepsPerEpoch = (n + training.BatchSize - 1) / training.BatchSize;
        var rng = new Random(seed);
        var device = graphs.Features.device;
        using var y = tensor(targets, device: device);
        // Adam and torch's schedules, written out so that no temporary native Scalar is made (docs/DECISIONS.md).
        using var optimizer = new ScalarSafeAdam(model.parameters(), training.LearningRate, training.WeightDecay);
        using var predictorLoss = new PredictorLoss(training.Loss);
        int cosineSteps = (training.Epochs * stepsPerEpoch + config.Accumulation - 1) / config.Accumulation, scheduleSteps = 0;
        int[] milestones = [training.Epochs / 2, training.Epochs * 3 / 4];
        if (config.Schedule != LearningRateSchedule.Cosine)
            optimizer.LearningRate = LearningRateSchedules.MultiStep(optimizer.LearningRate, 0, milestones, 0.5);
        using var accumulation = ((double)config.Accumulation).ToScalar();
        bool both = config.Tasks == HyperNasTasks.Both;
        model.train();
        var history = new (double, double)[training.Epochs];
        var order = Enumerable.Range(0, n).Select(i => (long)i).ToArray();
        int step = 0;
        optimizer.ZeroGrad();
        for (int epoch = 0; epoch < training.Epochs; epoch++)
        {
            rng.Shuffle(order);
            double scoreLossSum = 0, ceSum = 0;
            int ceCount = 0;
            for (int start = 0; start < n; start += training.BatchSize)
            {
                using var scope = NewDisposeScope();
                bool auxiliary = step % config.AuxiliaryEvery == 0;
                using var index = tensor(order[start..Math.Min(n, start + training.BatchSize)], device: device);
                using var batch = both ? graphs.Select(index) : graphs.Select(index.narrow(0, 0, 1));
                var (cellFeatures, nodes) = model.Encode(batch);
                Tensor? loss = null;
                if (both)
                {
                    var scoreLoss = predictorLoss.Compute(model.Score(cellFeatures, batch), y.index_select(0, index));
                    scoreLossSum += scoreLoss.item<float>() * index.shape[0];
                    loss = model.Objective.Term(0, scoreLoss);
                }
                if (auxiliary)
                {
                    var ce = CrossEntropy(model, nodes[0], cells[(int)order[start]], images.Next());
                    ceSum += ce.item<float>();
                    ceCount++;
                    // §3.5: the adaptive loss balances the tasks; HyperNAS-H has one task and uses plain cross-entropy.
                    var term = both ? model.Objective.Term(1, ce) : ce;
                    loss = loss is null ? term : loss.add(term, TorchConstants.One);
                }
                if (loss is not null) loss.div(accumulation).backward();
                if (++step % config.Accumulation == 0)
                {
                    optimizer.Step();
                    optimizer.ZeroGrad();
                    if (config.Schedule == LearningRateSchedule.Cosine)
                        optimizer.LearningRate = LearningRateSchedules.Cosine(optimizer.LearningRate, training.LearningRate, ++scheduleSteps, cosineSteps);
                }
            }
            if (config.Schedule != LearningRateSchedule.Cosine)
                optimizer.LearningRate = LearningRateSchedules.MultiStep(optimizer.LearningRate, epoch + 1, milestones, 0.5);
            history[epoch] = (both ? scoreLossSum / n : double.NaN, ceCount > 0 ? ceSum / ceCount : double.NaN);
            epochDone?.Invoke(epoch + 1);
        }
        model.eval();
        return history;
    }

    /// <summary>Top-1 accuracy (%) of <paramref name="cell"/>'s generated network on <paramref name="test"/>, in batches.</summary>
    public static double TargetAccuracy(HyperNasModel model, CellGraph cell, GraphBatch graph, Cifar10Dataset test, ImageBatchConfig images,
        float[] mean, float[] std)
    {
        var batcher = new ImageBatcher(test, images with { Augment = false }, mean, std, seed: 0);
        int correct = 0, seen = 0;
        using var noGrad = no_grad();
        using var weights = NewDisposeScope();
        var (_, nodes) = model.Encode(graph);
        while (seen < test.Count)
        {
            using var scope = NewDisposeScope();
            var batch = batcher.Next();
            int take = Math.Min(batch.Count, test.Count - seen);
            var x = tensor(batch.Pixels, [batch.Count, 3, batch.Side, batch.Side], device: graph.Features.device);
            var predicted = model.Logits(nodes[0], cell, x).argmax(1).cpu().data<long>().ToArray();
            for (int j = 0; j < take; j++) if (predicted[j] == batch.Labels[j]) correct++;
            seen += take;
        }
        return 100.0 * correct / seen;
    }

    private static Tensor CrossEntropy(HyperNasModel model, Tensor nodeFeatures, CellGraph cell, ImageBatch batch)
    {
        var x = tensor(batch.Pixels, [batch.Count, 3, batch.Side, batch.Side], device: nodeFeatures.device);
        var labels = tensor(batch.Labels, device: nodeFeatures.device);
        return F.cross_entropy(model.Logits(nodeFeatures, cell, x), labels);
    }
}
