using NasSharp.Benchmarks;
using NasSharp.Graphs;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb101;
using NasSharp.Tasks;
using NasSharp.Unified;

namespace NasSharp.Tests.Tasks;

/// <summary>The tasks these tests read, loaded once (one read per table) for the whole class.</summary>
public sealed class LoadedTasks
{
    private readonly Dictionary<string, LoadedTask> tasks;

    public LoadedTasks()
    {
        string[] names =
        [
            "nb201/cifar10", "nb201/cifar100", "nb201/imagenet16", "nb201/ninapro", "nb201/darcyflow",
            "nb201/cpu-latency", "nb201/gpu-latency", "nb201/hwnasbench-cifar10-edgetpu-latency",
            "tb101/jigsaw", "tb101/room_layout", "nb101/cifar10",
        ];
        var loaded = TaskCatalog.Load(TestData.Root, names);
        Assert.Equal(names, loaded.Select(t => t.Task.Name));
        tasks = loaded.ToDictionary(t => t.Task.Name);
    }

    public LoadedTask this[string name] => tasks[name];

    public IEnumerable<LoadedTask> All => tasks.Values;
}

public class TaskLoadingTests(LoadedTasks tasks) : IClassFixture<LoadedTasks>
{
    private const string ResNetCell = "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|skip_connect~2|";

    private static double ValueOf(LoadedTask task, string arch) =>
        task.Values[task.Architectures.ToList().IndexOf(arch)];

    [Theory]
    [InlineData("nb201/cifar10", 90.86)]      // cifar10-valid, as nb201/README.md quotes for the ResNet cell (index 11472)
    [InlineData("nb201/cifar100", 70.5)]
    [InlineData("nb201/imagenet16", 44.1)]
    [InlineData("nb201/ninapro", 92.412746)]
    [InlineData("nb201/darcyflow", 0.96896711)]
    public void Nb201_accuracy_tasks_hold_every_cell_with_its_validation_value(string name, double resnet)
    {
        var task = tasks[name];
        Assert.Equal(15_625, task.Count);
        Assert.Equal(0, task.MissingCount);
        Assert.Equal(resnet, ValueOf(task, ResNetCell), 6);
    }

    [Fact]
    public void Latency_tasks_are_negated_so_that_faster_is_higher()
    {
        const string index1 = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
        var cpu = tasks["nb201/cpu-latency"];
        Assert.Equal(1_999, cpu.Count);
        Assert.Equal(-7.06171, ValueOf(cpu, index1), 6);   // brpnas_desktop_cpu_i7_lat_ms = 7.06171 for NB201 index 1
        Assert.Equal(-5.98622, ValueOf(tasks["nb201/gpu-latency"], index1), 6);
        Assert.All(cpu.Values, v => Assert.True(v < 0));
        Assert.Equal(7.06171, cpu.Task.Orient(ValueOf(cpu, index1)), 6);
    }

    [Fact]
    public void Rows_without_a_value_are_dropped()
    {
        var edgeTpu = tasks["nb201/hwnasbench-cifar10-edgetpu-latency"];
        Assert.Equal(4_699, edgeTpu.MissingCount);
        Assert.Equal(15_625 - 4_699, edgeTpu.Count);
        Assert.DoesNotContain(edgeTpu.Values, double.IsNaN);
    }

    [Fact]
    public void Tb101_tasks_keep_their_values_and_room_layout_stays_a_negative_loss()
    {
        Assert.Equal(711, tasks["tb101/jigsaw"].Count);
        Assert.Equal(91.6302, ValueOf(tasks["tb101/jigsaw"], "64-41414-0_00_310"), 6);
        Assert.Equal(-0.647074, ValueOf(tasks["tb101/room_layout"], "64-41414-0_00_310"), 6);
    }

    [Fact]
    public void Nb101_task_holds_the_10000_trained_cells()
    {
        var task = tasks["nb101/cifar10"];
        Assert.Equal(10_000, task.Count);
        // First row of nb101_subset10k.csv (hash 000170f8…): val_acc_108 = 88.38141.
        string arch = new Nb101Space().Canonicalize(
            "0101011001000000010000000100000001000000010000000:input|conv1x1-bn-relu|maxpool3x3|maxpool3x3|maxpool3x3|maxpool3x3|output");
        Assert.Equal(88.38141, ValueOf(task, arch), 6);
    }

    [Fact]
    public void Graphs_are_the_unified_encoding_of_the_architectures()
    {
        foreach (var task in tasks.All)
        {
            Assert.Equal(task.Count, task.Graphs.Count);
            Assert.Equal(task.Count, task.Values.Count);
            var encoder = new UnifiedEncoder(SearchSpaceCatalog.Get(task.Task.Space));
            for (int r = 0; r < task.Count; r += 97)
                Assert.Equal(encoder.Encode(task.Architectures[r]), task.Graphs[r]);
            Assert.All(task.Graphs, g => AssertGlobalNodeFedByAll(g));
        }
    }

    [Fact]
    public void A_task_refuses_another_benchmarks_table()
    {
        var table = BenchmarkCatalog.LoadTb101(TestData.Root);
        var e = Assert.Throws<ArgumentException>(() => LoadedTask.FromTable(TaskCatalog.Get("nb201/cifar10"), table));
        Assert.Contains("reads benchmark 'nb201', not 'tb101'", e.Message);
    }

    private static void AssertGlobalNodeFedByAll(CellGraph g)
    {
        int global = g.NodeCount - 1;
        Assert.Equal((int)UnifiedOperation.Global, g.NodeTypes[global]);
        for (int i = 0; i < global; i++) Assert.True(g.HasEdge(i, global));
    }
}
