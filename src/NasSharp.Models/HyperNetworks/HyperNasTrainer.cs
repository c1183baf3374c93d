using NasSharp.Encodings;
using NasSharp.Images;
using NasSharp.SearchSpaces.Nb201;

namespace NasSharp.HyperNetworks;

/// <summary>The HyperNAS training loop (Appendix A) over (architecture, normalised accuracy) pairs and image batches.</summary>
public static class HyperNasTrainer
{
    /// <summary>
    /// Trains <paramref name="model"/> in place. Returns per epoch the mean predictor MSE and mean cross-entropy
    /// (NaN where a task did not run). Shuffling uses <paramref name="seed"/>; the caller seeds torch.
    /// </summary>
    public static (double Mse, double CrossEntropy)[] Fit(HyperNasModel model, IReadOnlyList<Nb201Cell> cells, GraphBatch graphs,
        float[] targets, ImageBatcher images, HyperNasTrainingConfig config, int seed, Action<int>? epochDone = null)
    {
        config.Validate();
        if (cells.Count != targets.Length || graphs.Count != targets.Length)
            throw new ArgumentException($"{cells.Count} cells, {graphs.Count} graphs and {targets.Length} targets must match.");
        var rng = new Random(seed);
        using var optimizer = optim.Adam(model.parameters(), lr: config.LearningRate);
        var schedule = optim.lr_scheduler.MultiStepLR(optimizer, [config.Epochs / 2, config.Epochs * 3 / 4], 0.5);
        model.train();
        var history = new (double, double)[config.Epochs];
        var order = Enumerable.Range(0, targets.Length).ToArray();
        int step = 0;
        optimizer.zero_grad();
        for (int epoch = 0; epoch < config.Epochs; epoch++)
        {
            rng.Shuffle(order);
            double mseSum = 0, ceSum = 0;
            int ceCount = 0;
            foreach (int i in order)
            {
                using var scope = NewDisposeScope();
                using var index = tensor(new long[] { i });
                using var graph = graphs.Select(index);
                Tensor? loss = null;
                if (config.Tasks == HyperNasTasks.Both)
                {
                    var mse = (model.call(graph) - targets[i]).square().mean();
                    mseSum += mse.item<float>();
                    loss = model.Objective.Term(0, mse);
                }
                if (step % config.AuxiliaryEvery == 0)
                {
                    var batch = images.Next();
                    using var x = tensor(batch.Pixels, [batch.Count, 3, batch.Side, batch.Side]);
                    using var labels = tensor(batch.Labels);
                    var ce = F.cross_entropy(model.Logits(graph, cells[i], x), labels);
                    ceSum += ce.item<float>();
                    ceCount++;
                    var term = config.Tasks == HyperNasTasks.Both ? model.Objective.Term(1, ce) : ce;
                    loss = loss is null ? term : loss + term;
                }
                if (loss is not null) (loss / config.Accumulation).backward();
                if (++step % config.Accumulation == 0)
                {
                    optimizer.step();
                    optimizer.zero_grad();
                }
            }
            schedule.step();
            history[epoch] = (config.Tasks == HyperNasTasks.Both ? mseSum / order.Length : double.NaN,
                ceCount > 0 ? ceSum / ceCount : double.NaN);
            epochDone?.Invoke(epoch + 1);
        }
        model.eval();
        return history;
    }

    /// <summary>Top-1 accuracy (%) of <paramref name="cell"/>'s generated network on <paramref name="test"/>, in batches.</summary>
    public static double TargetAccuracy(HyperNasModel model, Nb201Cell cell, GraphBatch graph, Cifar10Dataset test, ImageBatchConfig images,
        float[] mean, float[] std)
    {
        var batcher = new ImageBatcher(test, images with { Augment = false }, mean, std, seed: 0);
        int correct = 0, seen = 0;
        using var noGrad = no_grad();
        while (seen < test.Count)
        {
            using var scope = NewDisposeScope();
            var batch = batcher.Next();
            int take = Math.Min(batch.Count, test.Count - seen);
            var x = tensor(batch.Pixels, [batch.Count, 3, batch.Side, batch.Side]);
            var predicted = model.Logits(graph, cell, x).argmax(1).data<long>().ToArray();
            for (int j = 0; j < take; j++) if (predicted[j] == batch.Labels[j]) correct++;
            seen += take;
        }
        return 100.0 * correct / seen;
    }
}
