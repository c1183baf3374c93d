using System.Text.Json.Nodes;
using NasSharp.Encodings;
using NasSharp.Evaluation;
using NasSharp.Meta;
using NasSharp.Tests.Cli;

namespace NasSharp.Tests.Meta;

/// <summary>
/// The library entry points of <c>transfer</c> and <c>synthetic</c> called directly: the experiment records exactly
/// what the protocol computes run by run, resumes without recomputing, and gives the CLI's numbers.
/// </summary>
public sealed class TransferExperimentTests : IDisposable
{
    private static readonly MetaTrainingConfig Training = new("test", MetaTesterFixture.Network, MetaAlgorithm.Maml, Epochs: 2, StepsPerEpoch: 3,
        TasksPerStep: 2, SupportSize: 8, QuerySize: 8, InnerSteps: 1, InnerLearningRate: 0.035, OuterLearningRate: 1e-2, WeightDecay: 0, CheckpointEvery: 10);

    private static readonly MetaTestConfig FineTuning = new() { StepChoices = [0, 5] };

    private static readonly TransferProtocol Protocol = new(FineTuning, FineTuning, MetaTesterFixture.Network,
        new NasSharp.Training.TrainingConfig(Epochs: 2, BatchSize: 16, LearningRate: 1e-3));

    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-transfer-experiment-").FullName;
    private readonly GraphBatch batch;
    private readonly MetaTask[] tasks;

    public TransferExperimentTests()
    {
        var graphs = SyntheticTasks.Graphs(40, 11);
        batch = SyntheticTasks.Batch(graphs);
        tasks = SyntheticTasks.SourceTasks(batch, graphs);
    }

    public void Dispose()
    {
        batch.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Every_method_records_what_the_protocol_computes_and_a_rerun_computes_nothing()
    {
        using var threads = new OneTorchThread();
        var config = new TransferConfig(["conv3", "conv", "no-none"], ["conv3"], [5], 2, TransferMethods.All, Training, Protocol, Seed: 4);
        var reported = new List<int>();
        using (var experiment = TransferExperiment.Open(folder, config, tasks))
        {
            experiment.Run(reported.Add);
            Assert.Equal(1 * (2 + 1 * 2 * 5), experiment.TotalWork);
            Assert.Equal(experiment.TotalWork, reported.Max());
            Assert.Equal(reported.Order(), reported);
        }

        // The same runs by hand: MP-NAS meta-trained on the two other tasks, naive transfer from each of them.
        using var model = MetaTrainer.Train([tasks[1], tasks[2]], Training, seed: 4);
        var pretrained = tasks[1..].Select(t => MetaTester.Pretrain(t, Protocol.Network, Protocol.Pretraining, seed: 4)).ToArray();
        var recorded = new TransferResults(folder, config.ToJson()).Runs;
        Assert.Equal(10, recorded.Count);
        try
        {
            foreach (var method in TransferMethods.All)
                for (int run = 0; run < 2; run++)
                {
                    var expected = Protocol.Run(method, new TransferSources(model, pretrained), tasks[0], 5, seed: 4, run);
                    var actual = Assert.Single(recorded, r => r.Method == method.Name && r.Run == run);
                    Assert.Equal(expected.Spearman, actual.Spearman);
                    Assert.Equal(expected.Steps, actual.Steps);
                    Assert.InRange(actual.Spearman, -1, 1);
                }
        }
        finally
        {
            foreach (var network in pretrained) network.Dispose();
        }

        string json = File.ReadAllText(Path.Combine(folder, "transfer.json"));
        using (var again = TransferExperiment.Open(folder, config, tasks)) again.Run();
        Assert.Equal(json, File.ReadAllText(Path.Combine(folder, "transfer.json")));
        Assert.Single(Directory.GetFiles(Path.Combine(folder, "models"), "*.model"));
    }

    [Fact]
    public void Bad_configurations_are_refused_with_messages_that_name_the_option()
    {
        var config = new TransferConfig(["conv3", "conv"], ["conv3"], [1, 5], 1, [TransferMethods.OpCountRidge], Training, Protocol, Seed: 0);
        Assert.Contains("op-count-ridge needs every --k to be at least 2 (a fit to 1 point(s) ranks nothing); got --k 1,5",
            Assert.Throws<ArgumentException>(() => TransferExperiment.Open(folder, config, tasks)).Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        Assert.Contains("Task 'nb201/mnist' of the configuration is not among the tasks given",
            Assert.Throws<ArgumentException>(() => TransferExperiment.Open(folder, config with { Ks = [5], HeldOut = ["nb201/mnist"] }, tasks)).Message);
        Assert.Contains("--k 40 does not fit task 'conv3' of 40 architectures",
            Assert.Throws<ArgumentException>(() => TransferExperiment.Open(folder, config with { Ks = [40] }, tasks)).Message);
    }

    [Fact]
    public void The_library_gives_the_numbers_of_the_transfer_command()
    {
        string cli = Path.Combine(folder, "cli"), library = Path.Combine(folder, "library");
        var (code, error) = MetaCommandRun.Run("transfer", "--tasks", "tb101/jigsaw,tb101/class_scene", "--held-out", "tb101/jigsaw",
            "--k", "5", "--runs", "2", "--methods", "op-count-ridge,random-init", "--baseline-steps", "5", "--out", cli);
        Assert.True(code == 0, error);

        using var threads = new OneTorchThread();
        var cpu = MetaTrainingConfig.Get("cpu");
        var protocol = new TransferProtocol(new MetaTestConfig(), new MetaTestConfig { StepChoices = [5] }, cpu.Network, TransferProtocol.DefaultPretraining);
        var config = new TransferConfig(["tb101/jigsaw", "tb101/class_scene"], ["tb101/jigsaw"], [5], 2,
            [TransferMethods.OpCountRidge, TransferMethods.RandomInit], cpu, protocol, Seed: 0);
        using (var experiment = TransferExperiment.Open(library, config, TestData.Root)) experiment.Run();

        var fromCli = Read(cli);
        Assert.Equal(4, fromCli.Count);
        Assert.Equal(fromCli, Read(library));
        // The same settings are the same experiment: the library resumes the command's folder and vice versa.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Path.Combine(cli, "transfer.json")))!["config"],
            JsonNode.Parse(File.ReadAllText(Path.Combine(library, "transfer.json")))!["config"]));
    }

    /// <summary>(method, run, ρ, steps) of the transfer.json in <paramref name="dir"/>, whatever its config.</summary>
    private static List<(string, int, double, double)> Read(string dir)
    {
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "transfer.json")))!["results"]!.AsArray();
        return [.. results.Select(r => (r!["method"]!.GetValue<string>(), r["run"]!.GetValue<int>(), r["spearman"]!.GetValue<double>(), r["steps"]!.GetValue<double>()))
            .Order()];
    }
}
