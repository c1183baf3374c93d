using NasSharp.Encodings;

namespace NasSharp.Training;

/// <summary>Mini-batch training of a graph-level predictor (SPEC §3 training schedule) on its <see cref="TrainingConfig.Loss"/> (MSE by default).</summary>
public static class PredictorTrainer
{
    /// <summary>
    /// Trains <paramref name="model"/> in place on <paramref name="graphs"/> against already normalised
    /// <paramref name="targets"/>. Shuffling uses <paramref name="seed"/>; dropout uses torch's generator, which the
    /// caller seeds. Computes on the device of <paramref name="graphs"/> (the model must be there too). Returns the mean
    /// training loss of each epoch.
    /// </summary>
    public static double[] Fit(nn.Module<GraphBatch, Tensor> model, GraphBatch graphs, float[] targets,
        TrainingConfig config, int seed, Action<int>? epochDone = null)
    {
        config.Validate();
        if (graphs.Count != targets.Length)
            throw new ArgumentException($"{graphs.Count} graphs but {targets.Length} targets.", nameof(targets));
        int n = targets.Length;
        int stepsPerEpoch = (n + config.BatchSize - 1) / config.BatchSize;
        var rng = new Random(seed);
        var device = graphs.Features.device;
        using var y = tensor(targets, device: device);
        // Adam and torch's cosine schedule, written out so that no temporary native Scalar is made (docs/DECISIONS.md).
        using var optimizer = new ScalarSafeAdam(model.parameters(), config.LearningRate, config.WeightDecay);
        using var objective = new PredictorLoss(config.Loss);
        int totalSteps = config.Epochs * stepsPerEpoch, step = 0;
        model.train();
        var losses = new double[config.Epochs];
        var order = Enumerable.Range(0, n).Select(i => (long)i).ToArray();
        for (int epoch = 0; epoch < config.Epochs; epoch++)
        {
            rng.Shuffle(order);
            double sum = 0;
            for (int start = 0; start < n; start += config.BatchSize)
            {
                using var scope = NewDisposeScope();
                using var index = tensor(order[start..Math.Min(n, start + config.BatchSize)], device: device);
                using var batch = graphs.Select(index);
                optimizer.ZeroGrad();
                var loss = objective.Compute(model.call(batch), y.index_select(0, index));
                loss.backward();
                optimizer.Step();
                optimizer.LearningRate = LearningRateSchedules.Cosine(optimizer.LearningRate, config.LearningRate, ++step, totalSteps);
                sum += loss.item<float>() * index.shape[0];
            }
            losses[epoch] = sum / n;
            epochDone?.Invoke(epoch + 1);
        }
        model.eval();
        return losses;
    }
}
