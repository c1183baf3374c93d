using System.Globalization;
using NasSharp.SearchSpaces.Nb101;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.SearchSpaces.Tb101;

namespace NasSharp.Benchmarks;

/// <summary>
/// The benchmark files under the data root and how each is read (names, columns, units, directions). The facts come
/// from the READMEs next to the data; <see cref="BenchmarkCatalog"/> is the public face.
/// </summary>
internal static class BenchmarkDefinitions
{
    private static readonly Nb201Space SpaceNb201 = new();
    private static readonly Nb101Space SpaceNb101 = new();
    private static readonly Tb101MicroSpace SpaceTb101 = new();

    private static readonly (string Name, string Column, string Title, string Valid, string Test)[] Nb201Datasets =
    [
        ("cifar10", "cifar10", "CIFAR-10",
            "dataset cifar10-valid: trained on the 25k train split, x-valid", "dataset cifar10: trained on all 50k, ori-test (the usual CIFAR-10 test)"),
        ("cifar100", "cifar100", "CIFAR-100", "x-valid, one 5k half of the test set", "x-test, the other 5k half"),
        ("imagenet16", "imagenet16", "ImageNet16-120", "x-valid, one 3k half of the test set", "x-test, the other 3k half"),
    ];

    private static readonly string[] EdgeColumns = ["op_0to1", "op_0to2", "op_1to2", "op_0to3", "op_1to3", "op_2to3"];

    /// <summary>NAS-Bench-201 accuracies and costs, all 15,625 cells.</summary>
    public static BenchmarkInfo Nb201 { get; } = new(
        new BenchmarkSchema("nb201", SpaceNb201, Nb201Metrics()) { IndexColumn = "arch_index" },
        "nb201/nb201.csv",
        "NAS-Bench-201 / NATS-tss, all 15,625 cells: 200- and 12-epoch accuracies, NAS-Bench-360 tasks, exact params/FLOPs, NASWOT",
        [
            .. Nb201Datasets.Select(d => new RankingTarget(d.Name, $"{d.Name}-valid", $"{d.Name}-test")),
            new RankingTarget("ninapro", "ninapro", "ninapro"),
            new RankingTarget("darcyflow", "darcyflow", "darcyflow"),
        ]);

    /// <summary>NAS-Bench-101's 10,000 trained cells (validation accuracy only).</summary>
    public static BenchmarkInfo Nb101 { get; } = new(
        new BenchmarkSchema("nb101", SpaceNb101,
        [
            new("val-acc-108", "val_acc_108", "%", true, "CIFAR-10 validation accuracy after 108 epochs (one run, not the 3-seed mean)"),
            new("val-acc-36", "val_acc_36", "%", true, "CIFAR-10 validation accuracy after 36 epochs (a separate training run)"),
            new("val-acc-12", "val_acc_12", "%", true, "CIFAR-10 validation accuracy after 12 epochs (a separate training run)"),
            new("val-acc-4", "val_acc_4", "%", true, "CIFAR-10 validation accuracy after 4 epochs (a separate training run)"),
            new("params", "params", "count", false, "trainable parameters of the whole network"),
            new("train-time", "train_time_s", "s", false, "training time of the 108-epoch run on TPU (final_training_time)"),
        ])
        {
            ArchitectureColumns = ["adjacency", "ops"],
            Key = Nb101Space.Hash,
            KeyName = "module hash",
            KeyColumn = "hash",
            DerivedColumns = ["n_vertices"],
            DerivedFields = Nb101VertexCount,
        },
        "nb101/nb101_subset10k.csv",
        "NAS-Bench-101, 10,000 real cells (a uniform sample), validation accuracy at 108/36/12/4 epochs; no test accuracy",
        // The table has no test accuracy, so the ranking is judged on val_acc_108 too (SPEC §4).
        [new RankingTarget("cifar10", "val-acc-108", "val-acc-108")]);

    /// <summary>Every NB101 cell, no metrics.</summary>
    public static BenchmarkInfo Nb101Pool { get; } = new(
        new BenchmarkSchema("nb101-space", SpaceNb101, [])
        {
            ArchitectureColumns = ["adjacency", "ops"],
            Key = Nb101Space.Hash,
            KeyName = "module hash",
            KeyColumn = "hash",
            // Re-hashing 423,624 cells takes ~10 s; a spot check every 1,000th row still catches a wrong or shifted column.
            KeyCheckInterval = 1000,
            DerivedColumns = ["n_vertices"],
            DerivedFields = Nb101VertexCount,
        },
        "nb101/nb101_space.csv.gz",
        "the whole NAS-Bench-101 cell space, 423,624 cells without metrics (candidate pool for search)",
        []);

    /// <summary>TransNAS-Bench-101 micro, 711 cells × 7 tasks.</summary>
    public static BenchmarkInfo Tb101 { get; } = new(
        new BenchmarkSchema("tb101", SpaceTb101, Tb101Metrics())
        {
            DerivedColumns = EdgeColumns,
            DerivedFields = arch => Tb101MicroSpace.Parse(arch).Select(o => o.ToString(CultureInfo.InvariantCulture)).ToArray(),
        },
        "tb101/tb101_micro_best_subset.csv",
        "TransNAS-Bench-101 micro, 711 of 4,096 cells, 7 tasks (validation metric at the best epoch; no test metrics)",
        [.. Tb101Tasks.Select(t => new RankingTarget(t.Name, t.Name, t.Name))]);

    /// <summary>HELP's NB201 latencies on 27 device settings.</summary>
    public static BenchmarkInfo Nb201LatencyHelp { get; } = Nb201Hardware(
        "nb201-latency-help", "nb201_latency_help.csv",
        "HELP latencies of all 15,625 NB201 cells on 27 device settings (GPUs per batch size, CPUs, phones, HW-NAS-Bench devices)",
        HelpMetrics());

    /// <summary>HW-NAS-Bench v1.0 latency/energy of the NB201 cells, 3 datasets.</summary>
    public static BenchmarkInfo Nb201HwNasBench { get; } = Nb201Hardware(
        "nb201-hwnasbench", "nb201_hwnasbench.csv",
        "HW-NAS-Bench v1.0, all 15,625 NB201 cells × CIFAR-10/100/ImageNet16-120: latency and energy on 6 devices",
        HwNasBenchMetrics());

    /// <summary>OneProxy's 1,999-cell NB201 latency subset.</summary>
    public static BenchmarkInfo Nb201LatencyOneProxy { get; } = Nb201Hardware(
        "nb201-latency-oneproxy", "nb201_latency_oneproxy_subset.csv",
        "1,999 NB201 cells with 18 latencies: HW-NAS-Bench CIFAR-10, BRP-NAS/LatBench and OneProxy's own devices",
        OneProxyMetrics());

    /// <summary>Every benchmark, main tables first.</summary>
    public static IReadOnlyList<BenchmarkInfo> All { get; } =
        [Nb201, Nb101, Tb101, Nb101Pool, Nb201LatencyHelp, Nb201HwNasBench, Nb201LatencyOneProxy];

    /// <summary>The NB201 hardware tables, which are checked against <c>nb201.csv</c>'s index↔string mapping.</summary>
    public static IReadOnlyList<BenchmarkInfo> Nb201HardwareTables { get; } = [Nb201LatencyHelp, Nb201HwNasBench, Nb201LatencyOneProxy];

    private static (string Name, string Column, string Unit, string Description)[] Tb101Tasks =>
    [
        ("class_scene", "class_scene_valid_best_top1_pct", "%", "scene classification (Taskonomy), top-1 validation accuracy"),
        ("class_object", "class_object_valid_best_top1_pct", "%", "object classification (Taskonomy), top-1 validation accuracy"),
        ("room_layout", "room_layout_valid_best_neg_l2_loss", "neg. L2 loss",
            "room layout regression, negative L2 loss (stored negated, so higher is better; values are below 0)"),
        ("jigsaw", "jigsaw_valid_best_top1_pct", "%", "jigsaw puzzle (self-supervised), top-1 validation accuracy"),
        ("segmentsemantic", "segmentsemantic_valid_best_pixel_acc_pct", "% pixels", "semantic segmentation, pixel accuracy"),
        ("normal", "normal_valid_best_ssim", "SSIM", "surface normal estimation, SSIM (0-1)"),
        ("autoencoder", "autoencoder_valid_best_ssim", "SSIM", "autoencoding, SSIM (0-1)"),
    ];

    private static MetricInfo[] Tb101Metrics() =>
    [
        .. Tb101Tasks.Select(t => new MetricInfo(t.Name, t.Column, t.Unit, true, t.Description + ", at the best validation epoch")),
        .. Tb101Tasks.Select(t => new MetricInfo($"flops-{t.Name}", $"{t.Name}_flops_M", "MFLOPs", false,
            $"FLOPs of the whole {t.Name} network as NASLib reported them (most likely millions)")),
        .. Tb101Tasks.Select(t => new MetricInfo($"params-{t.Name}", $"{t.Name}_params_M", "M", false,
            $"parameters of the whole {t.Name} network as NASLib reported them (most likely millions)")),
    ];

    private static MetricInfo[] Nb201Metrics()
    {
        var metrics = new List<MetricInfo>();
        foreach (var d in Nb201Datasets)
        {
            metrics.Add(new($"{d.Name}-valid", $"{d.Column}_valid_acc", "%", true, $"{d.Title} validation accuracy, 200 epochs, mean over seeds ({d.Valid})"));
            metrics.Add(new($"{d.Name}-test", $"{d.Column}_test_acc", "%", true, $"{d.Title} test accuracy, 200 epochs, mean over seeds ({d.Test})"));
        }
        foreach (var d in Nb201Datasets)
        {
            metrics.Add(new($"{d.Name}-valid-12ep", $"{d.Column}_valid_acc_12ep", "%", true, $"{d.Title} validation accuracy after the 12-epoch schedule (NB201 v1.1, low fidelity)"));
            metrics.Add(new($"{d.Name}-test-12ep", $"{d.Column}_test_acc_12ep", "%", true, $"{d.Title} test accuracy after the 12-epoch schedule (NB201 v1.1, low fidelity)"));
        }
        metrics.Add(new("ninapro", "ninapro_acc_nb360", "%", true, "NAS-Bench-360 NinaPro DB5 test accuracy (seed 777)"));
        metrics.Add(new("darcyflow", "darcyflow_score_nb360", "score", true,
            "NAS-Bench-360 Darcy-Flow score (seed 777; presumably 1 - relative L2 error, range -0.80..0.985; not a percentage)"));
        metrics.Add(new("naswot", "naswot_v1_score_cifar10", "score", true,
            "NASWOT v1 (Jacobian covariance) training-free score on CIFAR-10; missing for 341 cells where it was NaN/-inf", AllowsMissing: true));
        foreach (var d in Nb201Datasets)
            metrics.Add(new($"params-{d.Name}", $"params_m_{d.Column}", "M", false, $"parameters of the {d.Title} network, millions (exact count from the cell)"));
        foreach (var d in Nb201Datasets)
            metrics.Add(new($"flops-{d.Name}", $"flops_m_{d.Column}", "MFLOPs", false, $"FLOPs of the {d.Title} network, millions (exact formula)"));
        metrics.Add(new("params-recorded-nats", "params_m_recorded_nats", "M", false,
            "parameters as recorded by NATS-tss (differs from the exact count for 150 cells; prefer params-cifar10)"));
        metrics.Add(new("train-time-cifar10-valid", "train_time_s_cifar10valid", "s", false, "NATS-recorded training time, 200 epochs, cifar10-valid"));
        metrics.Add(new("train-time-cifar100", "train_time_s_cifar100", "s", false, "NATS-recorded training time, 200 epochs, CIFAR-100"));
        metrics.Add(new("train-time-imagenet16", "train_time_s_imagenet16", "s", false, "NATS-recorded training time, 200 epochs, ImageNet16-120"));
        return [.. metrics];
    }

    private static MetricInfo[] HelpMetrics()
    {
        var metrics = new List<MetricInfo>();
        (string Column, string Name, string Title)[] gpus =
            [("1080ti", "1080ti", "GTX 1080 Ti"), ("2080ti", "2080ti", "RTX 2080 Ti"), ("titanx", "titanx", "Titan X"),
             ("titanxp", "titanxp", "Titan Xp"), ("titan_rtx", "titan-rtx", "Titan RTX")];
        foreach (var g in gpus)
            foreach (int batch in new[] { 1, 32, 256 })
                metrics.Add(Latency($"{g.Name}-bs{batch}", $"lat_ms_{g.Column}_{batch}", $"NVIDIA {g.Title} GPU, batch size {batch} (latency per batch)"));
        (string Column, string Name, string Title)[] devices =
        [
            ("gold_6226", "gold-6226", "Intel Xeon Gold 6226 CPU"), ("gold_6240", "gold-6240", "Intel Xeon Gold 6240 CPU"),
            ("silver_4114", "silver-4114", "Intel Xeon Silver 4114 CPU"), ("silver_4210r", "silver-4210r", "Intel Xeon Silver 4210R CPU"),
            ("pixel2", "pixel2", "Google Pixel 2 (BRP-NAS/LatBench, integer ms)"),
            ("pixel3", "pixel3", "Google Pixel 3 (identical to HW-NAS-Bench CIFAR-10)"),
            ("samsung_a50", "samsung-a50", "Samsung Galaxy A50 (BRP-NAS/LatBench, integer ms)"),
            ("samsung_s7", "samsung-s7", "Samsung Galaxy S7 (BRP-NAS/LatBench, integer ms)"),
            ("essential_ph_1", "essential-ph1", "Essential PH-1 phone (BRP-NAS/LatBench, integer ms)"),
            ("raspi4", "raspi4", "Raspberry Pi 4 (identical to HW-NAS-Bench CIFAR-10)"),
            ("eyeriss", "eyeriss", "Eyeriss ASIC, estimated (identical to HW-NAS-Bench CIFAR-10)"),
            ("fpga", "fpga", "FPGA, estimated (identical to HW-NAS-Bench CIFAR-10)"),
        ];
        foreach (var d in devices)
            metrics.Add(Latency(d.Name, $"lat_ms_{d.Column}", d.Title));
        return [.. metrics];

        static MetricInfo Latency(string name, string column, string device) => new(name, column, "ms", false, $"HELP latency on {device}");
    }

    private static MetricInfo[] HwNasBenchMetrics()
    {
        (string Prefix, string Name, string Title)[] datasets =
            [("c10", "cifar10", "CIFAR-10"), ("c100", "cifar100", "CIFAR-100"), ("in16", "imagenet16", "ImageNet16-120")];
        (string Column, string Name, string Unit, bool HigherIsBetter, string Title, bool Missing)[] kinds =
        [
            ("edgegpu_latency_ms", "edgegpu-latency", "ms", false, "latency on NVIDIA Jetson TX2 (Edge GPU), measured", false),
            ("edgegpu_energy_mJ", "edgegpu-energy", "mJ", false, "energy on NVIDIA Jetson TX2 (Edge GPU), measured", false),
            ("raspi4_latency_ms", "raspi4-latency", "ms", false, "latency on Raspberry Pi 4, measured", false),
            ("edgetpu_latency_ms", "edgetpu-latency", "ms", false, "latency on Google Edge TPU, measured; missing for 4,699 cells", true),
            ("pixel3_latency_ms", "pixel3-latency", "ms", false, "latency on Google Pixel 3, measured", false),
            ("eyeriss_latency_ms", "eyeriss-latency", "ms", false, "latency on the Eyeriss ASIC, estimated", false),
            ("eyeriss_energy_mJ", "eyeriss-energy", "mJ", false, "energy on the Eyeriss ASIC, estimated", false),
            // Arithmetic intensity is operations per byte moved: more reuse, so higher counts as better.
            ("eyeriss_arithmetic_intensity_raw", "eyeriss-arithmetic-intensity", "raw", true,
                "arithmetic intensity on the Eyeriss ASIC, estimated (raw HW-NAS-Bench value; higher means more data reuse)", false),
            ("fpga_latency_ms", "fpga-latency", "ms", false, "latency on the FPGA, estimated", false),
            ("fpga_energy_mJ", "fpga-energy", "mJ", false, "energy on the FPGA, estimated", false),
        ];
        return
        [
            .. from d in datasets
               from k in kinds
               select new MetricInfo($"{d.Name}-{k.Name}", $"{d.Prefix}_{k.Column}", k.Unit, k.HigherIsBetter,
                   $"HW-NAS-Bench {d.Title} network: {k.Title}", AllowsMissing: k.Missing),
        ];
    }

    private static MetricInfo[] OneProxyMetrics()
    {
        (string Column, string Title, bool Missing)[] devices =
        [
            ("hwnas_edgegpu", "NVIDIA Jetson TX2 (HW-NAS-Bench CIFAR-10)", false),
            ("hwnas_edgetpu", "Google Edge TPU (HW-NAS-Bench CIFAR-10); missing for 259 cells", true),
            ("hwnas_raspi4", "Raspberry Pi 4 (HW-NAS-Bench CIFAR-10)", false),
            ("hwnas_pixel3", "Google Pixel 3 (HW-NAS-Bench CIFAR-10)", false),
            ("hwnas_eyeriss", "Eyeriss ASIC, estimated (HW-NAS-Bench CIFAR-10)", false),
            ("hwnas_fpga", "FPGA, estimated (HW-NAS-Bench CIFAR-10)", false),
            ("brpnas_desktop_gpu_gtx1080ti", "desktop GTX 1080 Ti GPU (BRP-NAS/LatBench; correlates 0.9995 with desktop-cpu-i7, use with care)", false),
            ("brpnas_desktop_cpu_i7", "desktop Intel i7 CPU (BRP-NAS/LatBench; correlates 0.9995 with desktop-gpu-gtx1080ti, use with care)", false),
            ("brpnas_jetson_nano_fp32", "NVIDIA Jetson Nano, fp32 (BRP-NAS/LatBench)", false),
            ("brpnas_jetson_nano_fp16", "NVIDIA Jetson Nano, fp16 (BRP-NAS/LatBench)", false),
            ("brpnas_edge_tpu", "Google Edge TPU (BRP-NAS/LatBench)", false),
            ("brpnas_sd855_cpu", "Snapdragon 855 CPU (BRP-NAS/LatBench)", false),
            ("brpnas_sd855_gpu", "Snapdragon 855 GPU (BRP-NAS/LatBench)", false),
            ("brpnas_sd855_dsp", "Snapdragon 855 DSP (BRP-NAS/LatBench)", false),
            ("oneproxy_adreno630_gpu", "Adreno 630 GPU (OneProxy's own measurement)", false),
            ("oneproxy_adreno640_gpu", "Adreno 640 GPU (OneProxy's own measurement)", false),
            ("oneproxy_cortexa76_cpu", "Cortex-A76 CPU (OneProxy's own measurement)", false),
            ("oneproxy_myriad_vpu", "Intel Myriad VPU (OneProxy's own measurement)", false),
        ];
        return
        [
            .. devices.Select(d => new MetricInfo(d.Column.Replace('_', '-'), $"{d.Column}_lat_ms", "ms", false,
                $"latency on {d.Title}", AllowsMissing: d.Missing)),
        ];
    }

    private static BenchmarkInfo Nb201Hardware(string name, string fileName, string description, MetricInfo[] metrics) => new(
        new BenchmarkSchema(name, SpaceNb201, metrics)
        {
            IndexColumn = "nb201_index",
            DerivedColumns = EdgeColumns,
            DerivedFields = arch => Nb201Cell.Parse(arch).OperationIndices.Select(o => Nb201Cell.Operations[o]).ToArray(),
        },
        $"hwnas/{fileName}", description,
        // No split to train on: each cost is learned and judged on itself (MP-NAS latency tasks).
        [.. metrics.Select(m => new RankingTarget(m.Name, m.Name, m.Name))]);

    private static IReadOnlyList<string> Nb101VertexCount(string canonical)
    {
        int vertices = 1;
        for (int i = canonical.IndexOf(':') + 1; i < canonical.Length; i++)
            if (canonical[i] == '|') vertices++;
        return [vertices.ToString(CultureInfo.InvariantCulture)];
    }
}
