using System.Text.Json.Nodes;
using NasSharp.Cli.Output;
using NasSharp.Evaluation;
using NasSharp.Meta;

namespace NasSharp.Tests.Cli;

/// <summary>transfer.json, transfer.csv and the summary of runs, including diverged ones.</summary>
public sealed class TransferReportTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-transfer-report-").FullName;
    private readonly JsonNode config = new JsonObject { ["experiment"] = "test" };

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static TransferRun Run(string task, int run, double rho) =>
        new(task, "mp-nas", 5, run, rho, 10, 1.5, new Dictionary<int, double> { [5] = 0.5, [10] = double.NaN }, FineTuningStart.MetaLearned);

    private static TransferRun Diverged(string task, int run) => new(task, "mp-nas", 5, run, double.NaN, 20, 1.5, Diverged: true);

    [Fact]
    public void Diverged_runs_are_kept_counted_and_left_out_of_the_mean()
    {
        var results = new TransferResults(folder, config);
        var report = new TransferReport(results);
        foreach (var run in new[] { Run("a", 0, 0.2), Run("a", 1, 0.6), Diverged("a", 2), Diverged("b", 0) })
            results.Run(run.HeldOut, run.Method, run.K, run.Run, () => run);
        report.WriteCsvAndPlot();
        Assert.Equal(3, report.SummaryTable().Rows.Count); // "[1 diverged]" must not be read as console markup

        var a = Assert.Single(report.Summaries(), s => s.HeldOut == "a");
        Assert.Equal((2, 1), (a.Runs, a.Diverged));
        Assert.Equal(0.4, a.Spearman.Mean, 12);
        var b = Assert.Single(report.Summaries(), s => s.HeldOut == "b");
        Assert.Equal((0, 1), (b.Runs, b.Diverged));
        Assert.True(double.IsNaN(b.Spearman.Mean));

        var csv = File.ReadAllLines(Path.Combine(folder, "transfer.csv"));
        Assert.Equal("held_out,method,k,run,spearman,steps,seconds,diverged", csv[0]);
        Assert.Contains("a,mp-nas,5,2,NaN,20,1.5,true", csv);
        Assert.Contains("a,mp-nas,5,0,0.2,10,1.5,false", csv);

        // Reopening resumes: every run (diverged or not) is done, with its NaN values and start intact.
        var reopenedResults = new TransferResults(folder, config);
        var reopened = new TransferReport(reopenedResults);
        Assert.True(reopenedResults.Has("a", "mp-nas", 5, 2) && reopenedResults.Has("b", "mp-nas", 5, 0));
        Assert.False(reopenedResults.Has("a", "mp-nas", 5, 3));
        Assert.Equal(report.Summaries().Select(s => (s.HeldOut, s.Runs, s.Diverged)), reopened.Summaries().Select(s => (s.HeldOut, s.Runs, s.Diverged)));
        var first = JsonNode.Parse(File.ReadAllText(report.JsonPath))!["results"]![0]!;
        Assert.Equal("MetaLearned", first["start"]!.GetValue<string>());
        Assert.False(first["diverged"]!.GetValue<bool>());
    }

    [Fact]
    public void Another_experiment_or_a_damaged_file_is_refused()
    {
        new TransferResults(folder, config).Run("a", "mp-nas", 5, 0, () => Run("a", 0, 0.2));
        var other = Assert.Throws<InvalidDataException>(() => new TransferResults(folder, new JsonObject { ["experiment"] = "other" }));
        Assert.Contains("different experiment", other.Message);
        File.WriteAllText(Path.Combine(folder, "transfer.json"), "{ not json");
        Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(() => new TransferResults(folder, config)).Message);
    }

    [Fact]
    public void The_fine_tuned_parameter_set_is_recorded_only_when_it_is_not_the_default()
    {
        // Folders written before the option existed hold configs without it; the default must still match them.
        Assert.Null(TransferResults.Describe(new MetaTestConfig())!["Parameters"]);
        Assert.Equal("All", TransferResults.Describe(new MetaTestConfig { Parameters = FineTunedParameters.All })!["Parameters"]!.GetValue<string>());
    }
}
