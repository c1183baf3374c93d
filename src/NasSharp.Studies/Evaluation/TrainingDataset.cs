using NasSharp.Data;
using NasSharp.Images;

namespace NasSharp.Studies.Evaluation;

/// <summary>
/// A dataset the built-in trainer (<see cref="TrainerEvaluator"/>) can train on: its name on the command line and how
/// its training split is found. Only training splits are loaded: the trainer validates on held-out training images.
/// </summary>
/// <param name="Name">Name on the command line.</param>
/// <param name="Description">What it is and where it is read from.</param>
/// <param name="LoadTrain">The training split from a folder (<c>--dataset-dir</c>), or from its default place when null; the data root is resolved only when needed.</param>
public sealed record TrainingDataset(string Name, string Description, Func<string?, Func<DataRoot>, LabelledImages> LoadTrain)
{
    /// <summary>CIFAR-10's 40,000 training images of the data root's copy (<c>images/cifar10-jpeg75/</c>).</summary>
    public static TrainingDataset Cifar10 { get; } = new("cifar10",
        "CIFAR-10, the data root's images/cifar10-jpeg75/train_{1..4}.bin.gz (40,000 training images; --dataset-dir: a folder with those files)",
        (folder, root) => (folder is null
            ? Cifar10Dataset.LoadTrain(root())
            : Cifar10Dataset.Load([.. Cifar10Dataset.TrainFiles.Select(f => Path.Combine(folder, f))])).ToLabelledImages());

    /// <summary>Fashion-MNIST's 60,000 training images (Debian's <c>dataset-fashion-mnist</c>).</summary>
    public static TrainingDataset FashionMnist { get; } = new("fashion-mnist",
        $"Fashion-MNIST, 60,000 28×28 grey training images from {FashionMnistDataset.PackageFolder} (apt-get install {FashionMnistDataset.Package}) " +
        "or --dataset-dir with the IDX files",
        (folder, _) => FashionMnistDataset.LoadTrain(folder));

    /// <summary>Every dataset, by name.</summary>
    public static IReadOnlyList<TrainingDataset> All { get; } = [Cifar10, FashionMnist];

    /// <summary>The dataset called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such dataset; the message lists them.</exception>
    public static TrainingDataset Get(string name) => All.FirstOrDefault(d => d.Name == name)
        ?? throw new ArgumentException($"Unknown dataset '{name}'; valid: {string.Join(", ", All.Select(d => d.Name))}.");
}
