using System.CommandLine;
using System.Globalization;
using NasSharp.Data;
using NasSharp.Evaluation.FewShot;
using NasSharp.Persistence;
using NasSharp.Tasks;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp cost-ceiling</c>: how far above FLOPs any few-shot cost fit could rank a device, measured with every
/// cell as support (<see cref="CostCeiling"/>); it tells whether beating the FLOPs proxy on a device is possible at all.
/// </summary>
public static class CostCeilingCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var heldOut = FewShotCommand.HeldOut(
            "Comma-separated NB201 device latency tasks, each measured on its own with every other device as the prior (as fewshot leaves it out).");
        var output = new Option<string?>("--out") { Description = "Optional folder for ceiling.json and ceiling.csv (one row per task); written atomically." };
        var seed = SharedOptions.Seed();
        seed.Description = "Unused (the ceilings are deterministic); accepted so every command takes --seed.";
        var data = SharedOptions.Data();
        var command = new Command("cost-ceiling",
            "In-sample ceilings of few-shot cost fits on device latencies: FLOPs, the best function of the operation counts, the least-squares fit of the default's features.")
        {
            heldOut, output, seed, data,
        };
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            if (pr.GetValue(output) is { } outFolder) OutputLocation.EnsureWritableFolder(outFolder, "--out");
            var root = DataRoot.Resolve(pr.GetValue(data));
            var costs = new CostTables(root);
            CostCeiling[] ceilings = [.. TaskCatalog.Load(root, pr.GetValue(heldOut)!).Select(t => CostCeiling.Measure(t, costs))];
            AnsiConsole.Write(Table(ceilings));
            if (pr.GetValue(output) is { } folder)
            {
                Directory.CreateDirectory(folder);
                AtomicFile.WriteText(Path.Combine(folder, "ceiling.json"), CostCeiling.ToJson(ceilings));
                AtomicFile.WriteText(Path.Combine(folder, "ceiling.csv"), CostCeiling.ToCsv(ceilings));
                AnsiConsole.MarkupLineInterpolated($"Wrote [green]{Path.Combine(folder, "ceiling.json")}[/] and ceiling.csv.");
            }
            return 0;
        }));
        return command;
    }

    private static Table Table(IEnumerable<CostCeiling> ceilings)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Spearman ρ with every cell as support (in-sample ceilings)")
            .AddColumns("task", "cells", "flops", "best function of op counts", "least squares, default's features", "features", "headroom over flops");
        foreach (var c in ceilings)
            table.AddRow(Markup.Escape(c.Task), c.Cells.ToString("N0", CultureInfo.InvariantCulture), F(c.Flops), F(c.OpCountFunction), F(c.LinearFit), c.Features.ToString(CultureInfo.InvariantCulture), F(c.Headroom));
        return table;
    }

    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
}
