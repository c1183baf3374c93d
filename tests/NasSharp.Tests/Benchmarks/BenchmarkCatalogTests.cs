using NasSharp.Benchmarks;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb101;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.SearchSpaces.Tb101;

namespace NasSharp.Tests.Benchmarks;

[Collection("benchmark data")]
public class BenchmarkCatalogTests(BenchmarkData data)
{
    private const string Best = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|";
    private const string ResNet = "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|skip_connect~2|";

    [Fact]
    public void Nb201_has_every_cell_and_the_published_optima()
    {
        var table = data["nb201"];
        Assert.Equal(Nb201Space.Size, table.Count);
        Assert.Equal(Nb201Space.Size, table.Architectures.Distinct().Count());
        var test = table.Values("cifar10-test");
        Assert.Equal(94.373, test.Max(), 3);
        Assert.Equal(94.373, test[table.IndexOf(Best)], 3);
        // README: best cifar10 valid 91.607, cifar100 valid/test 73.493/73.513, ImageNet16 valid/test 46.733/47.311.
        Assert.Equal(91.607, table.Values("cifar10-valid").Max(), 3);
        Assert.Equal(73.493, table.Values("cifar100-valid").Max(), 3);
        Assert.Equal(73.513, table.Values("cifar100-test").Max(), 3);
        Assert.Equal(46.733, table.Values("imagenet16-valid").Max(), 3);
        Assert.Equal(47.311, table.Values("imagenet16-test").Max(), 3);
    }

    [Fact]
    public void Nb201_resnet_cell_has_index_11472_and_the_readme_values()
    {
        var table = data["nb201"];
        int row = table.IndexOf(ResNet);
        Assert.Equal(11472, table.Indices![row]);
        Assert.Equal(row, table.RowOfIndex(11472));
        Assert.Equal(-1, table.RowOfIndex(15625));
        // README: 90.86 / 93.91 / 70.50 / 70.89 / 44.10 / 44.23
        string[] metrics = ["cifar10-valid", "cifar10-test", "cifar100-valid", "cifar100-test", "imagenet16-valid", "imagenet16-test"];
        double[] expected = [90.86, 93.91, 70.50, 70.89, 44.10, 44.23];
        for (int i = 0; i < metrics.Length; i++)
            Assert.Equal(expected[i], table.Value(metrics[i], row), 2);
        // exact-formula costs: 2 conv3x3, no conv1x1 → 0.073306 + 2·0.24304 M params.
        Assert.Equal(0.073306 + 2 * 0.24304, table.Value("params-cifar10", row), 6);
    }

    [Fact]
    public void Nb201_indices_follow_the_file_and_lookups_accept_any_spelling()
    {
        var table = data["nb201"];
        Assert.Equal(Enumerable.Range(0, Nb201Space.Size), table.Indices!);
        Assert.Equal(table.IndexOf(ResNet), table.IndexOf("  " + ResNet + " "));
        Assert.Throws<ArchitectureFormatException>(() => table.IndexOf("|conv~0|"));
    }

    [Fact]
    public void Nb201_metrics_have_directions_units_and_missing_values_where_documented()
    {
        var table = data["nb201"];
        Assert.Equal(341, table.Values("naswot").Count(double.IsNaN));
        Assert.True(table.Metric("naswot").AllowsMissing);
        foreach (var m in table.Metrics.Where(m => !m.AllowsMissing))
            Assert.DoesNotContain(table.Values(m.Name), double.IsNaN);
        Assert.True(table.Metric("cifar10-test").HigherIsBetter);
        Assert.True(table.Metric("darcyflow").HigherIsBetter);
        Assert.False(table.Metric("flops-cifar10").HigherIsBetter);
        Assert.False(table.Metric("train-time-imagenet16").HigherIsBetter);
        Assert.Equal("%", table.Metric("cifar100-valid-12ep").Unit);
        Assert.InRange(table.Values("darcyflow").Min(), -0.81, -0.79);
        Assert.All(table.Metrics, m => Assert.False(string.IsNullOrWhiteSpace(m.Description)));
    }

    [Fact]
    public void Unknown_metric_lists_the_valid_ones()
    {
        var table = data["nb201"];
        var e = Assert.Throws<ArgumentException>(() => table.Values("cifar10"));
        Assert.Contains("no metric 'cifar10'", e.Message);
        Assert.Contains("cifar10-valid, cifar10-test", e.Message);
        Assert.Throws<ArgumentException>(() => table.Metric("accuracy"));
        Assert.False(table.HasMetric("accuracy"));
    }

    [Fact]
    public void Values_is_a_copy()
    {
        var table = data["nb201"];
        table.Values("cifar10-test")[0] = -1;
        Assert.NotEqual(-1, table.Value("cifar10-test", 0));
    }

    [Fact]
    public void Nb101_rows_are_keyed_by_hash_so_isomorphic_spellings_meet()
    {
        var table = data["nb101"];
        Assert.Equal(10_000, table.Count);
        Assert.Equal(0, table.IndexOf(table.Architectures[0]));
        // the file's padded 7×7 spelling of row 0 finds the same row.
        var first = File.ReadLines(TestData.Root.RequireFile("nb101", "nb101_subset10k.csv")).Skip(1).First().Split(',');
        Assert.Equal(0, table.IndexOf(first[2] + ":" + first[3]));
        // a relabelling of the inner vertices is a different matrix of the same cell.
        int found = 0;
        for (int row = 0; row < 50 && found < 5; row++)
        {
            string? permuted = Nb101Isomorph(table.Architectures[row]);
            if (permuted is null) continue;
            Assert.NotEqual(table.Architectures[row], permuted);
            Assert.Equal(row, table.IndexOf(permuted));
            found++;
        }
        Assert.Equal(5, found);
    }

    [Fact]
    public void Nb101_metrics_match_the_readme()
    {
        var table = data["nb101"];
        var acc = table.Values("val-acc-108");
        Assert.Equal(94.912, acc.Max(), 3);   // README: max 94.91 over the 20k source
        Assert.InRange(acc.Average(), 90.5, 91.5);
        Assert.True(table.Metric("val-acc-4").HigherIsBetter);
        Assert.False(table.Metric("params").HigherIsBetter);
        Assert.Null(table.Indices);
        Assert.Equal(["val-acc-108", "val-acc-36", "val-acc-12", "val-acc-4", "params", "train-time"], table.Metrics.Select(m => m.Name));
    }

    [Fact]
    public void Nb101_pool_holds_the_whole_space_and_every_trained_cell()
    {
        var pool = data["nb101-space"];
        Assert.Equal(423_624, pool.Count);
        Assert.Empty(pool.Metrics);
        Assert.Contains("none", Assert.Throws<ArgumentException>(() => pool.Values("val-acc-108")).Message);
        var trained = data["nb101"];
        for (int r = 0; r < trained.Count; r += 97)
            Assert.True(pool.IndexOf(trained.Architectures[r]) >= 0, trained.Architectures[r]);
    }

    [Fact]
    public void Pools_of_enumerable_spaces_need_no_data()
    {
        Func<NasSharp.Data.DataRoot> noData = () => throw new InvalidOperationException("no data needed");
        Assert.Equal(15_625, BenchmarkCatalog.LoadPool(noData, new Nb201Space()).Count);
        var tb101 = BenchmarkCatalog.LoadPool(noData, new Tb101MicroSpace());
        Assert.Equal(4_096, tb101.Count);
        var all = tb101.ToHashSet();
        Assert.All(data["tb101"].Architectures, a => Assert.Contains(a, all));
    }

    [Fact]
    public void Tb101_has_711_cells_seven_tasks_and_their_costs()
    {
        var table = data["tb101"];
        Assert.Equal(711, table.Count);
        Assert.Equal(21, table.Metrics.Count);
        var tasks = BenchmarkCatalog.Info("tb101").RankingTargets.Select(t => t.Name);
        Assert.Equal(["class_scene", "class_object", "room_layout", "jigsaw", "segmentsemantic", "normal", "autoencoder"], tasks);
        Assert.All(table.Values("room_layout"), v => Assert.InRange(v, -1.1, 0));
        Assert.True(table.Metric("room_layout").HigherIsBetter);
        Assert.False(table.Metric("flops-jigsaw").HigherIsBetter);
        Assert.Equal(24.1988, table.Value("class_scene", table.IndexOf("64-41414-0_00_202")), 4);
        Assert.Equal(0.403264, table.Value("normal", table.IndexOf("64-41414-0_00_202")), 6);
    }

    [Theory]
    [InlineData("nb201-latency-help", 15_625, 27, "gold-6226", 0)]
    [InlineData("nb201-hwnasbench", 15_625, 30, "cifar10-edgetpu-latency", 4_699)]
    [InlineData("nb201-latency-oneproxy", 1_999, 18, "hwnas-edgetpu", 259)]
    public void Hardware_tables_load_with_costs_and_documented_blanks(string name, int rows, int metrics, string metric, int blanks)
    {
        var table = data[name];
        Assert.Equal(rows, table.Count);
        Assert.Equal(metrics, table.Metrics.Count);
        Assert.All(table.Metrics.Where(m => m.Unit is "ms" or "mJ"), m => Assert.False(m.HigherIsBetter));
        Assert.Equal(blanks, table.Values(metric).Count(double.IsNaN));
        Assert.Equal(blanks > 0, table.Metric(metric).AllowsMissing);
        foreach (var m in table.Metrics.Where(m => !m.AllowsMissing))
            Assert.DoesNotContain(table.Values(m.Name), double.IsNaN);
    }

    [Fact]
    public void Hardware_rows_join_the_accuracy_table_by_index_and_by_string()
    {
        var nb201 = data["nb201"];
        foreach (var name in new[] { "nb201-latency-help", "nb201-hwnasbench", "nb201-latency-oneproxy" })
        {
            var hw = data[name];
            for (int r = 0; r < hw.Count; r += 37)
                Assert.Equal(nb201.RowOfIndex(hw.Indices![r]), nb201.IndexOf(hw.Architectures[r]));
        }
        // README: HELP's pixel3/raspi4/eyeriss/fpga columns are HW-NAS-Bench CIFAR-10's, for every cell.
        var help = data["nb201-latency-help"];
        var hwnas = data["nb201-hwnasbench"];
        Assert.Equal(help.Architectures, hwnas.Architectures);
        var a = help.Values("fpga");
        var b = hwnas.Values("cifar10-fpga-latency");
        for (int r = 0; r < a.Length; r++) Assert.Equal(b[r], a[r], 4);
        Assert.Equal(10.5246, help.Value("gold-6226", help.RowOfIndex(0)), 4);
    }

    [Fact]
    public void Ranking_targets_pair_validation_with_test()
    {
        var t = BenchmarkCatalog.RankingTarget(new Nb201Space(), "cifar100");
        Assert.Equal(("cifar100-valid", "cifar100-test"), (t.TrainMetric, t.EvalMetric));
        var nb101 = BenchmarkCatalog.RankingTarget(new Nb101Space(), "cifar10");
        Assert.Equal(("val-acc-108", "val-acc-108"), (nb101.TrainMetric, nb101.EvalMetric));
        var e = Assert.Throws<ArgumentException>(() => BenchmarkCatalog.RankingTarget(new Nb201Space(), "mnist"));
        Assert.Contains("valid: cifar10, cifar100, imagenet16", e.Message);
        // every target of every benchmark names metrics the benchmark has.
        foreach (var b in BenchmarkCatalog.All)
            foreach (var target in b.RankingTargets)
            {
                Assert.Contains(b.Metrics, m => m.Name == target.TrainMetric);
                Assert.Contains(b.Metrics, m => m.Name == target.EvalMetric);
            }
    }

    [Fact]
    public void Catalog_lists_every_benchmark_and_rejects_unknown_names()
    {
        Assert.Equal(["nb201", "nb101", "tb101", "nb101-space", "nb201-latency-help", "nb201-hwnasbench", "nb201-latency-oneproxy"],
            BenchmarkCatalog.Names);
        string text = BenchmarkCatalog.Describe();
        foreach (var b in BenchmarkCatalog.All)
        {
            Assert.Contains(b.RelativePath, text);
            Assert.Equal(b.Metrics.Count, b.Metrics.Select(m => m.Name).Distinct().Count());
        }
        Assert.Contains("cifar10 (train on cifar10-valid, evaluate on cifar10-test)", text);
        Assert.Contains("cifar10-edgetpu-latency [ms, lower is better, may be missing]", text);
        var e = Assert.Throws<ArgumentException>(() => BenchmarkCatalog.Info("nb301"));
        Assert.Contains("nb201, nb101, tb101", e.Message);
    }

    /// <summary>
    /// An isomorphic but different spelling of an NB101 cell: inner vertices relabelled by some permutation that keeps
    /// the matrix upper triangular; null when the cell has no such relabelling.
    /// </summary>
    private static string? Nb101Isomorph(string canonical)
    {
        var parts = canonical.Split(':');
        string[] labels = parts[1].Split('|');
        int n = labels.Length;
        bool Edge(int i, int j) => parts[0][i * n + j] == '1';
        foreach (var perm in Permutations(Enumerable.Range(1, n - 2).ToArray()))
        {
            int[] to = [0, .. perm, n - 1];   // old vertex v moves to to[v]
            var bits = new char[n * n];
            Array.Fill(bits, '0');
            bool upper = true;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    if (Edge(i, j))
                    {
                        upper &= to[i] < to[j];
                        bits[to[i] * n + to[j]] = '1';
                    }
            var newLabels = new string[n];
            for (int v = 0; v < n; v++) newLabels[to[v]] = labels[v];
            string spelled = new string(bits) + ":" + string.Join('|', newLabels);
            if (upper && spelled != canonical) return spelled;
        }
        return null;
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1) { yield return items; yield break; }
        for (int i = 0; i < items.Length; i++)
            foreach (var rest in Permutations([.. items[..i], .. items[(i + 1)..]]))
                yield return [items[i], .. rest];
    }
}
