using System.CommandLine;
using System.Globalization;
using NasSharp.Data;
using NasSharp.Studies.Evaluation;
using NasSharp.Training.Architectures;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp evaluate</c>: one architecture's result, written as a study worker reads it: trained for real by the
/// built-in trainer (<c>--dataset</c>, <see cref="TrainerEvaluator"/>) or answered from a benchmark table
/// (<c>--from-table</c>, for dry runs of a study and for tests).
/// </summary>
public static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var defaults = new ArchitectureTrainingConfig();
        var fromTable = new Option<bool>("--from-table")
        {
            Description = "Answer from the space's benchmark table (validation accuracy of --target as value, test accuracy as report, parameters) " +
                          "instead of training. Exactly one of --from-table and --dataset.",
        };
        var dataset = new Option<string?>("--dataset")
        {
            Description = "Train the architecture's network with the built-in trainer on this dataset's training split and report the accuracy on " +
                          "held-out training images: " + string.Join("; ", TrainingDataset.All.Select(d => $"{d.Name} = {d.Description}")) + ".",
        };
        dataset.AcceptOnlyFromAmong([.. TrainingDataset.All.Select(d => d.Name)]);
        var space = SharedOptions.Space();
        var arch = new Option<string>("--arch") { Description = "The architecture (canonical string), e.g. the worker's {arch}.", Required = true };
        var target = SharedOptions.Target();
        target.Description = $"--from-table: benchmark target whose validation metric is the value ({BenchmarkAccess.TargetsHelp()}).";
        var cost = new Option<string?>("--cost-metric") { Description = "--from-table: a table metric reported as the seconds (e.g. train-time-cifar10-valid); default: the seconds the lookup took." };
        var datasetDir = new Option<string?>("--dataset-dir")
        {
            Description = "--dataset: folder holding the dataset's files (default: fashion-mnist from Debian's folder, cifar10 from the data root).",
        };
        var epochs = Int("--epochs", "--dataset: passes over the training subset, cosine-annealed from --lr to 0", defaults.Epochs);
        var channels = Int("--channels", "--dataset: channels of the first stage, doubled by each reduction (NB201 16)", defaults.Channels);
        var cells = Int("--cells-per-stage", "--dataset: cells per stage, 1 to 5 (NB201 5)", defaults.CellsPerStage);
        var imageSize = Int("--image-size", "--dataset: image side after bilinear (antialiased) resizing, at least 4 (CIFAR-10 is 32, Fashion-MNIST 28)",
            defaults.ImageSize, 4);
        var subset = Int("--subset", "--dataset: training images, drawn with --seed from the training split", defaults.TrainImages);
        var validation = Int("--validation", "--dataset: other training-split images the accuracy is measured on (the test split is never used)", defaults.ValidationImages);
        var batch = Int("--batch", "--dataset: images per SGD step, at least 2 for BatchNorm; the last incomplete batch of an epoch is dropped",
            defaults.BatchSize, 2);
        var lr = new Option<double>("--lr")
        {
            Description = $"--dataset: initial SGD learning rate (NB201's; Nesterov momentum " +
                          $"{defaults.Momentum.ToString(CultureInfo.InvariantCulture)}, weight decay {defaults.WeightDecay.ToString(CultureInfo.InvariantCulture)}).",
            DefaultValueFactory = _ => defaults.LearningRate,
        };
        var threads = MetaCommands.Threads();
        var output = new Option<string?>("--out") { Description = "Write the result JSON here (atomically), e.g. the worker's {out}; it is printed on stdout either way." };
        var seed = SharedOptions.Seed();
        seed.Description = "--dataset: seed of the split, the batches and the initial weights (same seed and --threads, same accuracy); a table answer ignores it.";
        var data = SharedOptions.Data();
        var command = new Command("evaluate",
            "Evaluate one architecture, by training it (--dataset) or from a benchmark table (--from-table), and write " +
            "{\"value\", \"params\", \"seconds\", ...} JSON as a study worker reads it; progress goes to stderr.")
        {
            fromTable, dataset, space, arch, target, cost, datasetDir, epochs, channels, cells, imageSize, subset, validation, batch, lr, threads,
            output, seed, data,
        };
        command.Validators.Add(r =>
        {
            bool table = r.GetValue(fromTable), trained = r.GetResult(dataset) is not null;
            if (table == trained)
                r.AddError(table
                    ? "--from-table and --dataset exclude each other: answer from the table or train on a dataset, not both."
                    : "Say how to evaluate: --dataset cifar10|fashion-mnist trains the network, --from-table answers from the benchmark table.");
        });
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            Func<DataRoot> root = () => DataRoot.Resolve(pr.GetValue(data));
            EvaluationResult result;
            if (pr.GetValue(dataset) is { } name)
            {
                var config = new ArchitectureTrainingConfig(pr.GetValue(epochs), pr.GetValue(channels), pr.GetValue(cells), pr.GetValue(imageSize),
                    pr.GetValue(subset), pr.GetValue(validation), pr.GetValue(batch), pr.GetValue(lr), Seed: pr.GetValue(seed), Threads: pr.GetValue(threads));
                var error = pr.InvocationConfiguration.Error;
                result = TrainerEvaluator.Evaluate(pr.GetValue(space)!, pr.GetValue(arch)!, TrainingDataset.Get(name), pr.GetValue(datasetDir), root, config,
                    p => error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"epoch {p.Epoch}/{p.Epochs}: train loss {p.TrainLoss:F4}, next lr {p.LearningRate:G3}, {p.Seconds:F1}s")));
            }
            else
            {
                result = TableEvaluator.Load(root(), pr.GetValue(space)!, pr.GetValue(target)!, pr.GetValue(cost)).Evaluate(pr.GetValue(arch)!);
            }
            if (pr.GetValue(output) is { } path) result.Write(path);
            pr.InvocationConfiguration.Output.WriteLine(result.ToJson());
            return 0;
        }));
        return command;
    }

    private static Option<int> Int(string name, string description, int value, int minimum = 1) => SharedOptions.AtLeast(new Option<int>(name)
    {
        Description = description + ".",
        DefaultValueFactory = _ => value,
    }, minimum);
}
