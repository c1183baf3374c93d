using NasSharp.Benchmarks;
using NasSharp.Tasks;

namespace NasSharp.Tests.Tasks;

/// <summary>The catalog itself: no data files are read.</summary>
public class TaskCatalogTests
{
    [Fact]
    public void Paper_nb201_tasks_in_the_papers_order_with_validation_accuracy_and_the_latbench_devices()
    {
        Assert.Equal(
            ["nb201/cifar10", "nb201/cifar100", "nb201/imagenet16", "nb201/ninapro", "nb201/darcyflow", "nb201/cpu-latency", "nb201/gpu-latency"],
            TaskCatalog.Nb201Paper.Select(t => t.Name));
        Assert.Equal(
            ["cifar10-valid", "cifar100-valid", "imagenet16-valid", "ninapro", "darcyflow", "brpnas-desktop-cpu-i7", "brpnas-jetson-nano-fp16"],
            TaskCatalog.Nb201Paper.Select(t => t.Metric));
        Assert.Equal([true, true, true, true, true, false, false], TaskCatalog.Nb201Paper.Select(t => t.HigherIsBetter));
        Assert.All(TaskCatalog.Nb201Paper, t => Assert.Equal("nb201", t.Space));
        Assert.Equal("nb201-latency-oneproxy", TaskCatalog.Get("nb201/cpu-latency").Benchmark);
    }

    [Fact]
    public void Tb101_and_nb101_tasks()
    {
        Assert.Equal(
            ["tb101/class_scene", "tb101/class_object", "tb101/room_layout", "tb101/jigsaw", "tb101/segmentsemantic", "tb101/normal", "tb101/autoencoder"],
            TaskCatalog.Tb101.Select(t => t.Name));
        Assert.All(TaskCatalog.Tb101, t => Assert.True(t.HigherIsBetter));
        var nb101 = Assert.Single(TaskCatalog.Nb101);
        Assert.Equal(new NasTask("nb101/cifar10", "nb101", "nb101", "val-acc-108", true, nb101.Description), nb101);
    }

    [Fact]
    public void Hardware_tasks_are_every_distinct_nb201_latency_and_only_latencies()
    {
        var names = TaskCatalog.Nb201Hardware.Select(t => t.Name).ToHashSet();
        Assert.Equal(23 + 18 + 10, names.Count);   // HELP 27 − 4 copies, HW-NAS-Bench 3 × 6, LatBench/OneProxy 12 − 2 paper
        Assert.Contains("nb201/help-1080ti-bs1", names);
        Assert.Contains("nb201/help-gold-6226", names);
        Assert.Contains("nb201/help-pixel2", names);
        Assert.Contains("nb201/hwnasbench-imagenet16-edgetpu-latency", names);
        Assert.Contains("nb201/brpnas-desktop-gpu-gtx1080ti", names);
        Assert.Contains("nb201/oneproxy-myriad-vpu", names);
        // Exact copies of HW-NAS-Bench CIFAR-10, and the paper's two devices, are not repeated.
        Assert.DoesNotContain("nb201/help-pixel3", names);
        Assert.DoesNotContain("nb201/help-fpga", names);
        Assert.DoesNotContain(names, n => n.Contains("hwnas-", StringComparison.Ordinal) || n.Contains("energy", StringComparison.Ordinal));
        Assert.DoesNotContain("nb201/brpnas-desktop-cpu-i7", names);
        Assert.All(TaskCatalog.Nb201Hardware, t => Assert.False(t.HigherIsBetter));
        Assert.All(TaskCatalog.Nb201Hardware, t => Assert.Equal("ms", BenchmarkCatalog.Info(t.Benchmark).Metrics.Single(m => m.Name == t.Metric).Unit));
    }

    [Fact]
    public void Every_task_agrees_with_its_benchmark_schema()
    {
        Assert.Equal(TaskCatalog.All.Count, TaskCatalog.Names.Distinct().Count());
        Assert.Equal(7 + 51 + 7 + 1, TaskCatalog.All.Count);
        foreach (var task in TaskCatalog.All)
        {
            var info = BenchmarkCatalog.Info(task.Benchmark);
            var metric = info.Metrics.Single(m => m.Name == task.Metric);
            Assert.Equal(metric.HigherIsBetter, task.HigherIsBetter);
            Assert.Equal(info.Schema.Space.Name, task.Space);
            Assert.StartsWith(task.Space + "/", task.Name);
            Assert.Contains(metric.Description, task.Description);
        }
    }

    [Fact]
    public void Orientation_negates_lower_is_better_metrics_and_is_its_own_inverse()
    {
        var latency = TaskCatalog.Get("nb201/cpu-latency");
        Assert.Equal(-7.5, latency.Orient(7.5));
        Assert.Equal(7.5, latency.Orient(latency.Orient(7.5)));
        Assert.Equal(93.1, TaskCatalog.Get("nb201/cifar10").Orient(93.1));
        Assert.Equal(-0.65, TaskCatalog.Get("tb101/room_layout").Orient(-0.65));   // stored as negative loss already
    }

    [Fact]
    public void Names_are_case_insensitive()
    {
        Assert.Same(TaskCatalog.Get("tb101/jigsaw"), TaskCatalog.Get("TB101/Jigsaw"));
    }

    [Theory]
    [InlineData("cifar10")]
    [InlineData("nb201/cifar10-test")]
    [InlineData("nb201/help-pixel3")]
    [InlineData("")]
    public void Unknown_names_list_the_valid_ones(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => TaskCatalog.Get(name));
        Assert.Contains($"Unknown task '{name}'", e.Message);
        Assert.Contains("nb201/cifar10, nb201/cifar100", e.Message);
        Assert.Contains("tb101/jigsaw", e.Message);
        Assert.Contains("nb101/cifar10", e.Message);
    }

    [Fact]
    public void Loading_checks_every_name_before_reading_any_file()
    {
        var missingRoot = NasSharp.Data.DataRoot.Resolve(Path.GetTempPath());
        Assert.Throws<ArgumentException>(() => TaskCatalog.Load(missingRoot, ["nb201/cifar10", "nb201/nope"]));
        Assert.Throws<FileNotFoundException>(() => TaskCatalog.Load(missingRoot, "nb201/cifar10"));
    }
}
