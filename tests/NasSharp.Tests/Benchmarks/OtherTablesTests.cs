using NasSharp.Benchmarks;

namespace NasSharp.Tests.Benchmarks;

public class OtherTablesTests
{
    [Fact]
    public void Tb101_has_711_cells_and_seven_tasks()
    {
        var table = BenchmarkCatalog.LoadTb101(TestData.Root);
        Assert.Equal(711, table.Architectures.Count);
        Assert.Equal(7, table.Metrics.Count);
        Assert.All(table.Values("room_layout"), v => Assert.True(v < 0));
        Assert.Equal(24.1988, table.Values("class_scene")[table.IndexOf("64-41414-0_00_202")], 4);
    }

    [Theory]
    [InlineData("nb201_latency_help.csv", 15_625, 27, "lat_ms_gold_6226", 0)]
    [InlineData("nb201_hwnasbench.csv", 15_625, 30, "c10_edgetpu_latency_ms", 4_699)]
    [InlineData("nb201_latency_oneproxy_subset.csv", 1_999, 18, "hwnas_edgetpu_lat_ms", 259)]
    public void Hardware_tables_load_with_lower_is_better_metrics(string file, int rows, int metrics, string metric, int blanks)
    {
        var table = BenchmarkCatalog.LoadNb201Hardware(TestData.Root, file);
        Assert.Equal(rows, table.Architectures.Count);
        Assert.Equal(metrics, table.Metrics.Count);
        Assert.All(table.Metrics, m => Assert.False(m.HigherIsBetter));
        Assert.Equal(blanks, table.Values(metric).Count(double.IsNaN));
    }

    [Fact]
    public void Hardware_indices_agree_with_the_accuracy_table()
    {
        var nb201 = File.ReadLines(TestData.Root.RequireFile("nb201", "nb201.csv")).Skip(1)
            .Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[1]);
        foreach (var f in File.ReadLines(TestData.Root.RequireFile("hwnas", "nb201_latency_help.csv")).Skip(1).Select(l => l.Split(',')))
            Assert.Equal(nb201[f[0]], f[1]);
    }

    [Fact]
    public void Unknown_hardware_table_lists_the_valid_ones() =>
        Assert.Contains("nb201_latency_help.csv", Assert.Throws<ArgumentException>(() => BenchmarkCatalog.LoadNb201Hardware(TestData.Root, "x.csv")).Message);
}
