using System.Diagnostics;
using System.Globalization;
using NasSharp.Data;
using NasSharp.SearchSpaces;
using NasSharp.Training.Architectures;

namespace NasSharp.Studies.Evaluation;

/// <summary>
/// Answers an evaluation by training (<c>nassharp evaluate --dataset</c>): the architecture's network trained by
/// <see cref="ArchitectureTrainer"/> on a dataset's training split, with the validation accuracy as the value, written
/// as the same <see cref="EvaluationResult"/> a table answer is.
/// </summary>
public static class TrainerEvaluator
{
    /// <summary>Trains <paramref name="arch"/> of <paramref name="space"/> on <paramref name="dataset"/>.</summary>
    /// <param name="space">Search space name (nb201; nb101 has a target network too).</param>
    /// <param name="arch">The architecture.</param>
    /// <param name="dataset">The dataset.</param>
    /// <param name="datasetFolder">Where its files are (<c>--dataset-dir</c>); null: its default place.</param>
    /// <param name="root">The data root, resolved only for a dataset that lives there (CIFAR-10).</param>
    /// <param name="config">The training settings.</param>
    /// <param name="progress">Called after every epoch.</param>
    /// <returns>Validation accuracy in % as the value, parameters in millions, the seconds loading and training took.</returns>
    public static EvaluationResult Evaluate(string space, string arch, TrainingDataset dataset, string? datasetFolder, Func<DataRoot> root,
        ArchitectureTrainingConfig config, Action<ArchitectureTrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(config);
        long start = Stopwatch.GetTimestamp();
        var searchSpace = SearchSpaceCatalog.Get(space);
        config.Validate();
        var images = dataset.LoadTrain(datasetFolder, root);
        var run = ArchitectureTrainer.Train(searchSpace, arch, images, config, progress);
        var c = config;
        string source = string.Create(CultureInfo.InvariantCulture,
            $"built-in trainer: {dataset.Name} training split, {run.TrainImages} train / {run.ValidationImages} held-out validation images, " +
            $"{c.Epochs} epochs, channels {c.Channels}, {c.CellsPerStage} cell(s)/stage, {c.ImageSize}px, batch {c.BatchSize}, " +
            $"SGD lr {c.LearningRate} momentum {c.Momentum}{(c.Nesterov ? " nesterov" : "")} wd {c.WeightDecay}, cosine, seed {c.Seed}, threads {c.Threads}");
        return new EvaluationResult(run.ValidationAccuracy, null, run.Parameters / 1e6, Stopwatch.GetElapsedTime(start).TotalSeconds, run.Arch, source,
            dataset.Name, run.Epochs, run.TrainLoss);
    }
}
