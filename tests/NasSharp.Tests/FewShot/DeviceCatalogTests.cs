using NasSharp.Evaluation.FewShot;

namespace NasSharp.Tests.FewShot;

public class DeviceCatalogTests
{
    [Fact]
    public void PriorLeavesOutEveryColumnOfTheHeldOutDevice()
    {
        // raspi4: HW-NAS-Bench measures it on three networks, and HELP's raspi4 column is a copy of the CIFAR-10 one.
        Assert.Equal(3, DeviceCatalog.DeviceColumns.Count(c => c.Device == "raspi4"));
        Assert.DoesNotContain(DeviceCatalog.DeviceColumns, c => c.Benchmark == "nb201-latency-help" && c.Metric == "raspi4");
        Assert.DoesNotContain(DeviceCatalog.PriorFor("raspi4"), c => c.Metric.Contains("raspi4", StringComparison.Ordinal));
        // A GPU is left out at every batch size.
        Assert.Equal(3, DeviceCatalog.DeviceColumns.Count(c => c.Device == "titan-rtx"));
        Assert.DoesNotContain(DeviceCatalog.PriorFor("titan-rtx"), c => c.Metric.StartsWith("titan-rtx", StringComparison.Ordinal));
        Assert.Contains(DeviceCatalog.PriorFor("titan-rtx"), c => c.Metric == "titanx-bs256");
        // Edge TPU has missing cells, so it never is a prior column.
        Assert.DoesNotContain(DeviceCatalog.PriorFor(null), c => c.Device == "edgetpu");
        Assert.Equal(DeviceCatalog.DeviceColumns.Count - 3, DeviceCatalog.PriorFor(null).Count);
        // HELP's 23 settings that are not HW-NAS-Bench's, and HW-NAS-Bench's 15 complete latencies (5 devices, 3 networks).
        Assert.Equal(38, DeviceCatalog.PriorFor(null).Count);
    }

    [Theory]
    [InlineData("nb201/hwnasbench-cifar10-raspi4-latency", "raspi4")]
    [InlineData("nb201/hwnasbench-imagenet16-fpga-latency", "fpga")]
    [InlineData("nb201/help-titan-rtx-bs256", "titan-rtx")]
    [InlineData("nb201/help-gold-6226", "gold-6226")]
    [InlineData("nb201/cpu-latency", "1080ti")]
    [InlineData("nb201/brpnas-desktop-gpu-gtx1080ti", "1080ti")]
    [InlineData("nb201/cifar10", null)]
    public void TasksNameTheirDevice(string task, string? device) => Assert.Equal(device, DeviceCatalog.DeviceOf(task));

    [Fact]
    public void LatBenchDesktopCopiesLeaveOutHelpsGtx1080Ti()
    {
        // MP-NAS's CPU latency task is LatBench's desktop CPU; LatBench's desktop GPU and CPU agree at r = 0.9995 and its GPU is a GTX 1080 Ti: holding either out drops HELP's 1080ti.
        string device = DeviceCatalog.DeviceOf("nb201/cpu-latency")!;
        Assert.DoesNotContain(DeviceCatalog.PriorFor(device), c => c.Metric.StartsWith("1080ti", StringComparison.Ordinal));
    }

    [Fact]
    public void HelpDevicesAreCatalogDeviceTasks()
    {
        Assert.Equal(6, DeviceCatalog.DevicesOf(DeviceCatalog.HelpTestTasks).Count);
        var training = DeviceCatalog.DevicesOf(DeviceCatalog.HelpTrainingTasks);
        Assert.Empty(training.Intersect(DeviceCatalog.DevicesOf(DeviceCatalog.HelpTestTasks)));
        var e = Assert.Throws<ArgumentException>(() => DeviceCatalog.DevicesOf(["nb201/cifar10"]));
        Assert.Contains("nb201/cifar10", e.Message);
    }
}
