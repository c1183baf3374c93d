using System.CommandLine;
using System.Globalization;
using NasSharp.Data;
using NasSharp.Persistence;
using NasSharp.Tasks;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp sample</c>: write K measured architectures of a catalog task as a support file (<c>arch,value</c>), so
/// that <c>adapt</c> can be tried on real measurements.
/// </summary>
public static class SampleCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var task = new Option<string>("--task")
        {
            Description = "Catalog task to draw from, e.g. nb201/cpu-latency or tb101/jigsaw (the names are listed when one is unknown).",
            Required = true,
        };
        var k = SharedOptions.AtLeast(new Option<int>("--k") { Description = "Architectures to draw (0 writes the header only).", DefaultValueFactory = _ => 5 }, 0);
        var seed = SharedOptions.Seed();
        seed.Description = "Seed of the draw: the same K cells transfer's run 0 draws with this seed.";
        var output = new Option<string>("--out")
        {
            Description = $"CSV to write ('{SupportSetCsv.Header}', the values as the table states them), atomically; an existing file is kept unless --force.",
            Required = true,
        };
        var force = new Option<bool>("--force") { Description = "Overwrite --out if it exists." };
        var data = SharedOptions.Data();
        var command = new Command("sample", "Write K measured architectures of a benchmark task as a support file for 'adapt'.")
        {
            task, k, seed, output, force, data,
        };
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            var chosen = TaskCatalog.Get(pr.GetValue(task)!);
            string path = pr.GetValue(output)!;
            if (Directory.Exists(path)) throw new IOException($"'{path}' is a directory; expected a file.");
            if (File.Exists(path) && !pr.GetValue(force))
                throw new IOException($"'{path}' exists; pass --force to overwrite it.");
            var loaded = TaskCatalog.Load(DataRoot.Resolve(pr.GetValue(data)), chosen.Name);
            var sample = SupportSetSample.Draw(loaded, pr.GetValue(k), pr.GetValue(seed));
            AtomicFile.WriteText(path, sample.ToCsv());

            var table = new Table().Border(TableBorder.Rounded).AddColumns("arch", "value");
            for (int i = 0; i < sample.Architectures.Count; i++)
                table.AddRow(Markup.Escape(sample.Architectures[i]), sample.Values[i].ToString("G6", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated(
                $"Wrote {sample.Architectures.Count} of the {loaded.Count:N0} {chosen.Name} architectures (seed {sample.Seed}; {chosen.Benchmark}/{chosen.Metric}, {(chosen.HigherIsBetter ? "higher" : "lower")} is better) → [green]{path}[/].");
            AnsiConsole.MarkupLineInterpolated(
                $"Adapt to it with: nassharp adapt --space {chosen.Space} --support {path}{(chosen.HigherIsBetter ? "" : " --lower-is-better")} --model MODEL --out scores.csv");
            return 0;
        }));
        return command;
    }
}
