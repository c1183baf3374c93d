using System.CommandLine;
using System.Globalization;
using NasSharp.Benchmarks;
using NasSharp.Cli;
using NasSharp.Cli.Commands;
using NasSharp.Meta;
using NasSharp.Predictors;
using NasSharp.Tasks;
using NasSharp.Tests.Meta;
using NasSharp.Unified;
using TorchSharp;

namespace NasSharp.Tests.Cli;

/// <summary><c>meta-train</c> and <c>adapt</c> through the real command line, on the real NB201 table.</summary>
public sealed class MetaCliTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-metacli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static RootCommand Root() => new NasCli().Root;

    private static (int Code, string Err) Run(params string[] args)
    {
        // The commands set torch's thread count for the whole process; this restores it for the tests that follow.
        using var threads = new OneTorchThread();
        var error = new StringWriter();
        string[] full = [.. args, "--data", TestData.Root.Path];
        int code = Root().Parse(full).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error });
        return (code, error.ToString());
    }

    /// <summary>An untrained one-layer model saved as meta-train would save it: adapt cannot tell the difference.</summary>
    private string TinyModel(int nodeTypes = UnifiedVocabulary.Count)
    {
        torch.manual_seed(5);
        var config = MetaTrainingConfig.Cpu with { Network = new MetaGcnConfig(Layers: 1, Hidden: 8) };
        var metadata = new MetaModelMetadata(nodeTypes, config, 5, ["nb201/cifar100"], config.Epochs, CodeVersion.Current, DateTime.UtcNow);
        using var model = new MetaModel(new MetaGcn(nodeTypes, config.Network), metadata);
        string path = Path.Combine(folder, $"tiny-{nodeTypes}.meta");
        model.Save(path);
        return path;
    }

    /// <summary>A support CSV of real NB201 cells with their CIFAR-10 validation accuracy.</summary>
    private string Support(params int[] rows)
    {
        var table = BenchmarkCatalog.LoadNb201(TestData.Root);
        double[] accuracy = table.Values("cifar10-valid");
        string path = Path.Combine(folder, $"support-{rows.Length}.csv");
        File.WriteAllLines(path, ["arch,value", .. rows.Select(r => $"{table.Architectures[r]},{accuracy[r].ToString("R", CultureInfo.InvariantCulture)}")]);
        return path;
    }

    private static double[] Scores(string path)
    {
        var lines = File.ReadAllLines(path);
        Assert.Equal("arch,score", lines[0]);
        return [.. lines.Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture))];
    }

    [Fact]
    public void Adapt_with_op_counts_averages_in_the_ridge_and_needs_two_values()
    {
        string model = TinyModel(), support = Support(0, 1000, 4000, 9000, 15000);
        string plain = Path.Combine(folder, "plain.csv"), mixed = Path.Combine(folder, "mixed.csv");
        string[] common = ["adapt", "--model", model, "--space", "nb201", "--seed", "3", "--no-progress", "--support", support];
        Assert.Equal(0, Run([.. common, "--out", plain]).Code);
        Assert.Equal(0, Run([.. common, "--with-op-counts", "--out", mixed]).Code);
        double[] a = Scores(plain), b = Scores(mixed);
        Assert.Equal(a.Length, b.Length);
        Assert.All(b, s => Assert.True(double.IsFinite(s)));
        Assert.NotEqual(a, b);

        var (code, err) = Run("adapt", "--model", model, "--space", "nb201", "--support", Support(7), "--with-op-counts",
            "--out", Path.Combine(folder, "one.csv"), "--no-progress");
        Assert.Equal(2, code);
        Assert.Contains("--with-op-counts needs at least 2 support architectures", err);
        Assert.False(File.Exists(Path.Combine(folder, "one.csv")));
    }

    [Fact]
    public void Adapt_scores_the_whole_space_from_five_measured_cells_and_is_reproducible()
    {
        string model = TinyModel(), support = Support(0, 1000, 4000, 9000, 15000);
        string a = Path.Combine(folder, "a.csv"), b = Path.Combine(folder, "b.csv"), zero = Path.Combine(folder, "zero.csv");
        string[] common = ["adapt", "--model", model, "--space", "nb201", "--seed", "3", "--no-progress"];

        Assert.Equal(0, Run([.. common, "--support", support, "--out", a]).Code);
        double[] scores = Scores(a);
        Assert.Equal(15_625, scores.Length);
        Assert.All(scores, s => Assert.True(double.IsFinite(s)));
        Assert.Equal(15_625, File.ReadLines(a).Skip(1).Select(l => l.Split(',')[0]).Distinct().Count());

        Assert.Equal(0, Run([.. common, "--support", support, "--out", b]).Code);
        Assert.Equal(File.ReadAllText(a), File.ReadAllText(b));

        // K = 0: the meta-trained weights unchanged, so other scores than after fine-tuning on five cells.
        string headerOnly = Path.Combine(folder, "empty-support.csv");
        File.WriteAllText(headerOnly, "arch,value\n");
        Assert.Equal(0, Run([.. common, "--support", headerOnly, "--out", zero]).Code);
        Assert.NotEqual(scores, Scores(zero));
    }

    [Fact]
    public void Adapt_reports_a_bad_support_file_with_its_line_and_exit_code_2()
    {
        string support = Path.Combine(folder, "bad.csv");
        File.WriteAllText(support, "arch,value\n|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|skip_connect~2|,93.1\nresnet,91\n");
        string output = Path.Combine(folder, "never.csv");
        var (code, err) = Run("adapt", "--model", Path.Combine(folder, "unused.meta"), "--space", "nb201", "--support", support, "--out", output);
        Assert.Equal(2, code);
        Assert.Contains($"error: {support} line 3, column 'arch'", err);
        Assert.Contains("'resnet'", err);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Adapt_rejects_a_model_that_does_not_read_the_unified_encoding()
    {
        var (code, err) = Run("adapt", "--model", TinyModel(nodeTypes: 7), "--space", "nb201", "--support", Support(0, 1),
            "--out", Path.Combine(folder, "never.csv"));
        Assert.Equal(2, code);
        Assert.Contains("reads 7 node types, not the 14", err);
    }

    [Fact]
    public void Adapt_without_a_model_file_is_exit_code_2()
    {
        var (code, err) = Run("adapt", "--model", Path.Combine(folder, "missing.meta"), "--space", "nb201", "--support", Support(0, 1),
            "--out", Path.Combine(folder, "never.csv"));
        Assert.Equal(2, code);
        Assert.Contains("missing.meta", err);
    }

    [Theory]
    [InlineData("meta-train --model m --algo sgd")]
    [InlineData("meta-train --model m --profile gpu")]
    [InlineData("meta-train --model m --tasks nb201/cifar10,nb201/mnist")]
    [InlineData("meta-train --model m --tasks nb201/cifar10,NB201/CIFAR10")]
    [InlineData("meta-train --model m --exclude nb201/mnist")]
    [InlineData("meta-train --tasks nb201/cifar10")]
    [InlineData("meta-train --model m --threads 0")]
    [InlineData("adapt --model m --space nb999 --support s --out o")]
    [InlineData("adapt --model m --space nb201 --out o")]
    [InlineData("adapt --model m --space nb201 --support s --out o --finetune-lr 0")]
    [InlineData("adapt --model m --space nb201 --support s --out o --finetune-lr -0.01")]
    [InlineData("adapt --model m --space nb201 --support s --out o --finetune-steps 5,-1")]
    [InlineData("transfer --out o --finetune-steps 5,ten")]
    [InlineData("transfer --out o --finetune-optimizer rmsprop")]
    [InlineData("transfer --out o --finetune-start always")]
    [InlineData("transfer --out o --baseline-start RandomFallback")]
    [InlineData("transfer --out o --baseline-lr 0")]
    [InlineData("transfer --out o --baseline-steps 5,x")]
    [InlineData("transfer --out o --support-size 0")]
    [InlineData("meta-train --model m --meta-epochs 0")]
    public void Bad_command_lines_are_parse_errors(string line) => Assert.NotEmpty(Root().Parse(line).Errors);

    [Fact]
    public void Fine_tuning_options_name_the_bad_value()
    {
        var errors = Root().Parse("transfer --out o --finetune-steps 5,ten").Errors;
        Assert.Contains(errors, e => e.Message.Contains("'ten'") && e.Message.Contains("--finetune-steps"));
        errors = Root().Parse("adapt --model m --space nb201 --support s --out o --finetune-lr 0").Errors;
        Assert.Contains(errors, e => e.Message.Contains("--finetune-lr must be a positive number, got 0"));
        Assert.Empty(Root().Parse("transfer --out o --finetune-steps 0,5 --finetune-lr 0.02 --finetune-start CrossValidated --baseline-optimizer Sgd --baseline-steps 10").Errors);
        errors = Root().Parse("transfer --out o --baseline-lr -1").Errors;
        Assert.Contains(errors, e => e.Message.Contains("--baseline-lr must be a positive number, got -1"));
    }

    [Fact]
    public void Unknown_task_lists_the_valid_ones()
    {
        var errors = string.Join(' ', Root().Parse("meta-train --model m --tasks nb201/cifar10,nb201/mnist").Errors.Select(e => e.Message));
        Assert.Contains("Unknown task 'nb201/mnist'", errors);
        Assert.Contains("valid: nb201/cifar10, nb201/cifar100", errors);
        Assert.Contains("tb101/jigsaw", errors);
    }

    [Fact]
    public void Unknown_algorithm_lists_the_valid_ones()
    {
        var errors = string.Join(' ', Root().Parse("meta-train --model m --algo sgd").Errors.Select(e => e.Message));
        Assert.All(new[] { "boil", "maml", "fomaml", "anil" }, a => Assert.Contains(a, errors));
    }

    [Fact]
    public void Task_lists_default_to_the_papers_seven_and_are_spelled_as_in_the_catalog()
    {
        var command = MetaTrainCommand.Create();
        var tasks = (Option<string[]>)command.Options.Single(o => o.Name == "--tasks");
        var exclude = (Option<string[]>)command.Options.Single(o => o.Name == "--exclude");
        var parse = command.Parse("--model m");
        Assert.Empty(parse.Errors);
        Assert.Equal(TaskCatalog.Nb201Paper.Select(t => t.Name), parse.GetValue(tasks));
        Assert.Empty(parse.GetValue(exclude)!);

        parse = command.Parse("--model m --tasks TB101/Jigsaw,nb201/cifar10 --exclude nb201/CIFAR10");
        Assert.Empty(parse.Errors);
        Assert.Equal(["tb101/jigsaw", "nb201/cifar10"], parse.GetValue(tasks)!);
        Assert.Equal(["tb101/jigsaw"], MetaTrainCommand.Remaining(parse.GetValue(tasks)!, parse.GetValue(exclude)!));
    }

    [Theory]
    [InlineData("nb201/cifar10", "nb201/cifar10", "removes every task")]
    [InlineData("nb201/cifar10,nb201/cifar100", "tb101/jigsaw", "--exclude tb101/jigsaw: not among the meta-training tasks")]
    public void Exclusions_that_leave_nothing_or_miss_are_exit_code_2(string tasks, string excluded, string message)
    {
        var (code, err) = Run("meta-train", "--tasks", tasks, "--exclude", excluded, "--model", Path.Combine(folder, "never.meta"));
        Assert.Equal(2, code);
        Assert.Contains(message, err);
        Assert.False(File.Exists(Path.Combine(folder, "never.meta")));
    }

    [Fact]
    public void Loader_builds_unified_meta_tasks_across_spaces()
    {
        using var sources = MetaTaskLoader.Load(TestData.Root, ["tb101/jigsaw", "nb201/cpu-latency"]);
        Assert.Equal(["tb101/jigsaw", "nb201/cpu-latency"], sources.Tasks.Select(t => t.Name));
        for (int i = 0; i < sources.Tasks.Count; i++)
        {
            var task = sources.Tasks[i];
            Assert.Equal(sources.Loaded[i].Count, task.Count);
            Assert.Equal(new long[] { task.Count, UnifiedEncoder.MaxNodes, UnifiedVocabulary.Count }, task.Graphs.Features.shape);
            Assert.Equal(0.0, (double)task.Targets.Average(), 3);
        }
        Assert.Equal(1_999, sources.Tasks[1].Count);
        // Latency is lower-is-better: after orientation the fastest cell has the highest target.
        var latency = sources.Loaded[1];
        Assert.Equal(sources.Tasks[1].Targets.Max(), sources.Tasks[1].Targets[latency.Values.ToList().IndexOf(latency.Values.Max())]);
    }
}
