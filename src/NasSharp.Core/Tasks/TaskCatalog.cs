using NasSharp.Benchmarks;
using NasSharp.Data;

namespace NasSharp.Tasks;

/// <summary>
/// The NAS tasks over the benchmark tables (mp-nas.txt Table 1, §4.3), by name: the paper's 7 NB201 tasks, every
/// other NB201 device latency, the 7 TransNAS-Bench-101 micro tasks and NB101. Describing tasks reads no files;
/// <see cref="Load(DataRoot, string)"/> reads their tables through <see cref="BenchmarkCatalog"/>.
/// </summary>
public static class TaskCatalog
{
    private const string Nb201LatencyHelp = "nb201-latency-help";
    private const string Nb201HwNasBench = "nb201-hwnasbench";
    private const string Nb201LatencyOneProxy = "nb201-latency-oneproxy";
    private const string PaperCpuLatency = "brpnas-desktop-cpu-i7";
    private const string PaperGpuLatency = "brpnas-jetson-nano-fp16";

    /// <summary>
    /// The 7 NB201 tasks of MP-NAS's cross-task experiment (mp-nas.txt §4.3, Table 2), in the paper's order: CIFAR-10,
    /// CIFAR-100 and ImageNet16-120 validation accuracy, NinaPro, Darcy Flow, and the two LatBench latencies the paper
    /// names, desktop CPU (core-i7-7820x, fp32) and embedded GPU (Jetson Nano, fp16). Our copy of LatBench covers
    /// those two devices for 1,999 cells only (the OneProxy subset, <c>hwnas/README.md</c>); the other tasks cover all
    /// 15,625.
    /// </summary>
    public static IReadOnlyList<NasTask> Nb201Paper { get; } =
    [
        Make("nb201/cifar10", "nb201", "cifar10-valid"),
        Make("nb201/cifar100", "nb201", "cifar100-valid"),
        Make("nb201/imagenet16", "nb201", "imagenet16-valid"),
        Make("nb201/ninapro", "nb201", "ninapro"),
        Make("nb201/darcyflow", "nb201", "darcyflow"),
        Make("nb201/cpu-latency", Nb201LatencyOneProxy, PaperCpuLatency,
            "MP-NAS's desktop-CPU latency task (LatBench core-i7-7820x, fp32; 1,999 cells)"),
        Make("nb201/gpu-latency", Nb201LatencyOneProxy, PaperGpuLatency,
            "MP-NAS's GPU latency task (LatBench Jetson Nano, fp16; 1,999 cells)"),
    ];

    /// <summary>
    /// Every other NB201 device latency, one task per distinct measurement: HELP's devices as
    /// <c>nb201/help-&lt;metric&gt;</c>, HW-NAS-Bench's latencies as <c>nb201/hwnasbench-&lt;metric&gt;</c>, and the
    /// remaining LatBench and OneProxy devices as <c>nb201/&lt;metric&gt;</c>. Exact copies are left out, because a
    /// copy of a held-out task among the training tasks would leak its labels: HELP's pixel3, raspi4, eyeriss and fpga
    /// equal HW-NAS-Bench CIFAR-10 for every cell, and the OneProxy table's <c>hwnas-*</c> columns are HW-NAS-Bench
    /// CIFAR-10 again on a subset. Energies and arithmetic intensity are not latencies and are not tasks.
    /// </summary>
    public static IReadOnlyList<NasTask> Nb201Hardware { get; } =
    [
        .. MetricNames(Nb201LatencyHelp).Except(["pixel3", "raspi4", "eyeriss", "fpga"])
            .Select(m => Make($"nb201/help-{m}", Nb201LatencyHelp, m)),
        .. MetricNames(Nb201HwNasBench).Where(m => m.EndsWith("-latency", StringComparison.Ordinal))
            .Select(m => Make($"nb201/hwnasbench-{m}", Nb201HwNasBench, m)),
        .. MetricNames(Nb201LatencyOneProxy).Where(m => !m.StartsWith("hwnas-", StringComparison.Ordinal)).Except([PaperCpuLatency, PaperGpuLatency])
            .Select(m => Make($"nb201/{m}", Nb201LatencyOneProxy, m)),
    ];

    /// <summary>The 7 TransNAS-Bench-101 micro tasks (validation metric at the best epoch), named <c>tb101/&lt;task&gt;</c>.</summary>
    public static IReadOnlyList<NasTask> Tb101 { get; } =
        [.. BenchmarkCatalog.Info("tb101").RankingTargets.Select(t => Make($"tb101/{t.Name}", "tb101", t.TrainMetric))];

    /// <summary>NAS-Bench-101 CIFAR-10, <c>val-acc-108</c> of the 10,000 trained cells (our table has no test accuracy).</summary>
    public static IReadOnlyList<NasTask> Nb101 { get; } = [Make("nb101/cifar10", "nb101", "val-acc-108")];

    /// <summary>Every task: <see cref="Nb201Paper"/>, <see cref="Nb201Hardware"/>, <see cref="Tb101"/>, <see cref="Nb101"/>.</summary>
    public static IReadOnlyList<NasTask> All { get; } = [.. Nb201Paper, .. Nb201Hardware, .. Tb101, .. Nb101];

    /// <summary>Names of <see cref="All"/>, what <see cref="Get"/> and <see cref="Load(DataRoot, string)"/> take.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(t => t.Name)];

    /// <summary>The task called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static NasTask Get(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown task '{name}'; valid: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>
    /// The task called <paramref name="name"/> with its architectures, unified graphs and oriented values
    /// (<see cref="LoadedTask"/>); rows without a value for the metric are dropped.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    /// <exception cref="FileNotFoundException">The task's table is not under <paramref name="root"/>.</exception>
    /// <exception cref="DataFormatException">The table is malformed.</exception>
    public static LoadedTask Load(DataRoot root, string name) => Load(root, [name])[0];

    /// <summary>
    /// Several tasks, in the order given, reading each benchmark table once however many of its tasks are asked for
    /// (the 5 <c>nb201.csv</c> tasks of <see cref="Nb201Paper"/> share one read). Every name is checked before any
    /// file is read.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the valid ones.</exception>
    /// <exception cref="FileNotFoundException">A table is not under <paramref name="root"/>.</exception>
    /// <exception cref="DataFormatException">A table is malformed.</exception>
    public static IReadOnlyList<LoadedTask> Load(DataRoot root, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(names);
        NasTask[] tasks = [.. names.Select(Get)];
        var tables = new Dictionary<string, BenchmarkTable>();
        BenchmarkTable Table(string benchmark) =>
            tables.TryGetValue(benchmark, out var table) ? table : tables[benchmark] = BenchmarkCatalog.Load(root, benchmark);
        return [.. tasks.Select(t => LoadedTask.FromTable(t, Table(t.Benchmark)))];
    }

    private static IEnumerable<string> MetricNames(string benchmark) => BenchmarkCatalog.Info(benchmark).Metrics.Select(m => m.Name);

    /// <summary>A task whose space and direction come from the benchmark's schema, so they cannot disagree with it.</summary>
    private static NasTask Make(string name, string benchmark, string metric, string? note = null)
    {
        var info = BenchmarkCatalog.Info(benchmark);
        var m = info.Metrics.Single(x => x.Name == metric);
        return new NasTask(name, info.Schema.Space.Name, benchmark, metric, m.HigherIsBetter,
            note is null ? m.Description : $"{note}: {m.Description}");
    }
}
