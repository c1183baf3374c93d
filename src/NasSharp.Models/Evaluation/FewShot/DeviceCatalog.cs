using NasSharp.Benchmarks;
using NasSharp.Tasks;

namespace NasSharp.Evaluation.FewShot;

/// <summary>
/// The NB201 device columns of <c>hwnas/</c> and which physical device each measures, for leave-device-out
/// few-shot fitting: the prior a held-out device may use is every complete column of another device.
/// </summary>
/// <remarks>
/// Device identity is deliberately coarse, so that nothing of a held-out device leaks through a near-copy
/// (<c>hwnas/README.md</c>): HELP's <c>pixel3</c>, <c>raspi4</c>, <c>eyeriss</c> and <c>fpga</c> are HW-NAS-Bench
/// CIFAR-10 to the last digit; HW-NAS-Bench measures each device on the CIFAR-10, CIFAR-100 and ImageNet16-120
/// networks; HELP's GPUs come at batch sizes 1, 32 and 256; LatBench's desktop GPU and desktop CPU agree at r = 0.9995
/// and its desktop GPU is a GTX 1080 Ti like HELP's, so all of these share one device name.
/// </remarks>
public static class DeviceCatalog
{
    private const string Help = "nb201-latency-help";
    private const string HwNas = "nb201-hwnasbench";
    private const string OneProxy = "nb201-latency-oneproxy";
    private const string Nb201 = "nb201";

    /// <summary>HELP's GPUs (each at batch sizes 1, 32, 256) by metric prefix.</summary>
    private static readonly string[] HelpGpus = ["1080ti", "2080ti", "titanx", "titanxp", "titan-rtx"];

    /// <summary>HW-NAS-Bench's devices with a latency column, as named in its metrics.</summary>
    private static readonly string[] HwNasDevices = ["edgegpu", "raspi4", "edgetpu", "pixel3", "eyeriss", "fpga"];

    /// <summary>The architecture costs every fit may read: FLOPs and parameters of the CIFAR-10 network (exact formulas).</summary>
    public static IReadOnlyList<CostColumn> ArchitectureCosts { get; } =
        [new(Nb201, "flops-cifar10", null), new(Nb201, "params-cifar10", null)];

    /// <summary>The FLOPs column, the zero-shot proxy every few-shot cost predictor must beat.</summary>
    public static CostColumn Flops => ArchitectureCosts[0];

    /// <summary>
    /// Every full-space NB201 device latency column (HELP's 23 settings that are not HW-NAS-Bench's, HW-NAS-Bench's 18 latencies), with its
    /// device. The OneProxy/LatBench subset covers 1,999 cells only and is no prior column.
    /// </summary>
    public static IReadOnlyList<CostColumn> DeviceColumns { get; } =
    [
        // HELP's pixel3, raspi4, eyeriss and fpga are HW-NAS-Bench CIFAR-10's columns again: listed once, from there.
        .. BenchmarkCatalog.Info(Help).Metrics.Where(m => !HwNasDevices.Contains(m.Name)).Select(m => new CostColumn(Help, m.Name, HelpDevice(m.Name))),
        .. BenchmarkCatalog.Info(HwNas).Metrics.Where(m => m.Name.EndsWith("-latency", StringComparison.Ordinal))
            .Select(m => new CostColumn(HwNas, m.Name, HwNasDevices.Single(d => m.Name.Contains($"-{d}-", StringComparison.Ordinal)))),
    ];

    /// <summary>HELP's six meta-test devices (HELP <c>run_nas_metad2a.sh</c>: titan_rtx_256, gold_6226, fpga, pixel2, raspi4, eyeriss), as catalog tasks.</summary>
    public static IReadOnlyList<string> HelpTestTasks { get; } =
    [
        "nb201/help-titan-rtx-bs256", "nb201/help-gold-6226", "nb201/hwnasbench-cifar10-fpga-latency", "nb201/help-pixel2",
        "nb201/hwnasbench-cifar10-raspi4-latency", "nb201/hwnasbench-cifar10-eyeriss-latency",
    ];

    /// <summary>
    /// HELP's nine meta-training devices (1080ti_1/32/256, silver_4114, silver_4210r, samsung_a50, pixel3,
    /// essential_ph_1, samsung_s7) and four meta-validation devices (titanx_1/32/256, gold_6240), as catalog tasks:
    /// the validation devices on which this repository's few-shot settings were chosen.
    /// </summary>
    public static IReadOnlyList<string> HelpTrainingTasks { get; } =
    [
        "nb201/help-1080ti-bs1", "nb201/help-1080ti-bs32", "nb201/help-1080ti-bs256", "nb201/help-silver-4114", "nb201/help-silver-4210r",
        "nb201/help-samsung-a50", "nb201/hwnasbench-cifar10-pixel3-latency", "nb201/help-essential-ph1", "nb201/help-samsung-s7",
        "nb201/help-titanx-bs1", "nb201/help-titanx-bs32", "nb201/help-titanx-bs256", "nb201/help-gold-6240",
    ];

    /// <summary>The device a catalog task measures, or null for a task that is no device latency (an accuracy).</summary>
    public static string? DeviceOf(string task)
    {
        var t = TaskCatalog.Get(task);
        return t.Benchmark switch
        {
            Help => HelpDevice(t.Metric),
            HwNas => HwNasDevices.FirstOrDefault(d => t.Metric.Contains($"-{d}-", StringComparison.Ordinal)),
            OneProxy => OneProxyDevice(t.Metric),
            _ => null,
        };
    }

    /// <summary>
    /// The prior of a fit to <paramref name="heldOutDevice"/>: every complete device column of another device
    /// (Edge TPU lacks 4,699 cells and is left out), optionally only those of <paramref name="onlyDevices"/>.
    /// </summary>
    public static IReadOnlyList<CostColumn> PriorFor(string? heldOutDevice, IReadOnlyCollection<string>? onlyDevices = null) =>
    [
        .. DeviceColumns.Where(c => c.Device != heldOutDevice && c.Device != "edgetpu"
                                    && (onlyDevices is null || onlyDevices.Contains(c.Device!))),
    ];

    /// <summary>The devices of <paramref name="tasks"/> (catalog device tasks), for <see cref="PriorFor"/>'s filter.</summary>
    /// <exception cref="ArgumentException">A task that is no device latency.</exception>
    public static IReadOnlyList<string> DevicesOf(IEnumerable<string> tasks) =>
        [.. tasks.Select(t => DeviceOf(t) ?? throw new ArgumentException($"Task '{t}' is not a device latency.")).Distinct()];

    private static string HelpDevice(string metric)
    {
        foreach (string gpu in HelpGpus)
            if (metric.StartsWith($"{gpu}-bs", StringComparison.Ordinal)) return gpu;
        return metric;
    }

    private static string OneProxyDevice(string metric) => metric switch
    {
        _ when metric.StartsWith("hwnas-", StringComparison.Ordinal) => metric["hwnas-".Length..],
        "brpnas-desktop-gpu-gtx1080ti" or "brpnas-desktop-cpu-i7" => "1080ti",
        "brpnas-edge-tpu" => "edgetpu",
        _ => metric,
    };
}
