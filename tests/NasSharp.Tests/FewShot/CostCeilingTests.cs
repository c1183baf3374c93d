using System.Globalization;
using System.Text.Json.Nodes;
using NasSharp.Benchmarks;
using NasSharp.Evaluation;
using NasSharp.Evaluation.FewShot;
using NasSharp.Tasks;
using NasSharp.Tests.Cli;

namespace NasSharp.Tests.FewShot;

public class CostCeilingTests
{
    private const string A50 = "nb201/help-samsung-a50";

    /// <summary>The real cost tables, refusing to read any column of <paramref name="guarded"/>.</summary>
    private sealed class GuardedTables(string guarded) : ICostColumns
    {
        private readonly CostTables tables = new(TestData.Root);

        public IReadOnlyList<string> Architectures => tables.Architectures;

        public double[] Read(CostColumn column) => column.Device == guarded
            ? throw new InvalidOperationException($"The held-out device's column {column.Name} was read.")
            : tables.Read(column);
    }

    [Fact]
    public void Samsung_a50_ceilings_match_a_direct_computation_and_leave_the_device_out()
    {
        var task = TaskCatalog.Load(TestData.Root, A50);
        var ceiling = CostCeiling.Measure(task, new GuardedTables("samsung-a50"));

        // FLOPs straight from nb201.csv's column, oriented like the task (fewer FLOPs rank better).
        var nb201 = BenchmarkCatalog.LoadNb201(TestData.Root);
        double[] flops = nb201.Values("flops-cifar10");
        double[] minusFlops = [.. task.Architectures.Select(a => -flops[nb201.IndexOf(a)])];
        double[] y = [.. task.Values];
        Assert.Equal(RankCorrelation.Spearman(minusFlops, y), ceiling.Flops, 12);

        // The best function of the op counts, brute force: cells grouped by their sorted operation names.
        static string Ops(string arch) => string.Join(",", arch.Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t != "+").Select(t => t.Split('~')[0]).Order(StringComparer.Ordinal));
        var means = task.Architectures.Zip(y).GroupBy(p => Ops(p.First), p => p.Second).ToDictionary(g => g.Key, g => g.Average());
        Assert.Equal(210, means.Count);
        Assert.Equal(RankCorrelation.Spearman([.. task.Architectures.Select(a => means[Ops(a)])], y), ceiling.OpCountFunction, 12);

        // Known values (an independent script over the same CSVs gave 0.9800 / 0.9830 / 0.9831).
        Assert.Equal(15_625, ceiling.Cells);
        Assert.Equal(0.9800, ceiling.Flops, 3);
        Assert.Equal(0.9830, ceiling.OpCountFunction, 3);
        Assert.Equal(0.9831, ceiling.LinearFit, 3);
        // 5 op counts, FLOPs, parameters and every complete device column but the A50's one.
        int priorColumns = DeviceCatalog.DeviceColumns.Count(c => c.Device is not ("samsung-a50" or "edgetpu"));
        Assert.Equal(5 + 2 + priorColumns, ceiling.Features);
        Assert.Equal(Math.Max(ceiling.OpCountFunction, ceiling.LinearFit) - ceiling.Flops, ceiling.Headroom, 12);
    }

    [Fact]
    public void Ceilings_refuse_a_task_that_is_no_device_latency()
    {
        var e = Assert.Throws<ArgumentException>(() => CostCeiling.Measure(TaskCatalog.Load(TestData.Root, "nb201/cifar10"), new CostTables(TestData.Root)));
        Assert.Contains("'nb201/cifar10' is not an nb201 device latency", e.Message);
    }

    [Fact]
    public void Csv_and_json_hold_every_ceiling()
    {
        CostCeiling[] ceilings = [new("nb201/a", 10, 0.5, 0.75, 0.625, 4), new("nb201/b", 3, 0.25, -0.5, 0.125, 2)];
        var csv = CostCeiling.ToCsv(ceilings).TrimEnd('\n').Split('\n');
        Assert.Equal("task,cells,flops,op_count_function,linear_fit,features,headroom", csv[0]);
        Assert.Equal("nb201/b,3,0.25,-0.5,0.125,2,-0.125", csv[2]);
        var json = JsonNode.Parse(CostCeiling.ToJson(ceilings))!["ceilings"]!.AsArray();
        Assert.Equal(2, json.Count);
        Assert.Equal(0.25, json[0]!["headroom"]!.GetValue<double>());
        Assert.Equal("nb201/b", json[1]!["task"]!.GetValue<string>());
    }

    [Fact]
    public void The_command_writes_its_files_and_names_a_bad_task()
    {
        string folder = Directory.CreateTempSubdirectory("nassharp-ceiling-").FullName;
        try
        {
            Assert.Equal(0, MetaCommandRun.RunWithData(["cost-ceiling", "--held-out", A50, "--out", folder]).Code);
            var rows = File.ReadAllLines(Path.Combine(folder, "ceiling.csv"));
            Assert.Equal(2, rows.Length);
            Assert.StartsWith(A50 + ",15625,", rows[1], StringComparison.Ordinal);
            Assert.InRange(double.Parse(rows[1].Split(',')[2], CultureInfo.InvariantCulture), 0.979, 0.981);
            Assert.NotNull(JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "ceiling.json")))!["code_version"]);

            var (code, err) = MetaCommandRun.RunWithData(["cost-ceiling", "--held-out", "nb201/cifar100"]);
            Assert.Equal(2, code);
            Assert.Contains("not an nb201 device latency", err);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
