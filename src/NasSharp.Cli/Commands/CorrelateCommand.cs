using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NasSharp.Cli.Output;
using NasSharp.Data;
using NasSharp.Evaluation;
using NasSharp.Persistence;
using NasSharp.Tasks;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp correlate</c>: Spearman ρ between catalog tasks over the architectures they share (mp-nas Appendix
/// Figure 5), optionally only over the cells of one task. It tells which tasks can teach each other before any
/// meta-training is spent, and shows when a task's cells are an unusual part of the space.
/// </summary>
public static class CorrelateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var tasks = new Option<string[]>("--tasks")
        {
            Description = "Comma-separated catalog tasks to correlate (same space). Default: the 7 NB201 tasks of mp-nas Table 4.",
            CustomParser = MetaTrainCommand.ParseTaskNames,
            DefaultValueFactory = _ => [.. TaskCatalog.Nb201Paper.Select(t => t.Name)],
        };
        var within = new Option<string[]>("--within")
        {
            Description = "Only correlate over the architectures this task has values for (e.g. nb201/cpu-latency, measured on 1,999 " +
                          "of the 15,625 NB201 cells), so every pair is compared on the same cells. Default: each pair's shared cells.",
            CustomParser = MetaTrainCommand.ParseTaskNames,
            DefaultValueFactory = _ => [],
        };
        var output = new Option<string?>("--out")
        {
            Description = "Optional folder for correlation.json, correlation.csv (one row per pair: cells and ρ) and correlation.png (heatmap); written atomically.",
        };
        var seed = SharedOptions.Seed();
        seed.Description = "Unused (correlation is deterministic); accepted so every command takes --seed.";
        var data = SharedOptions.Data();
        var command = new Command("correlate",
            "Spearman correlation between tasks over their shared architectures (mp-nas Appendix Figure 5): which tasks can transfer to which.")
        {
            tasks, within, output, seed, data,
        };
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            string[] names = pr.GetValue(tasks)!;
            string[] withinTask = pr.GetValue(within)!;
            if (withinTask.Length > 1)
                throw new ArgumentException($"--within takes one task, got {withinTask.Length}: {string.Join(", ", withinTask)}.");
            var root = DataRoot.Resolve(pr.GetValue(data));
            var loaded = TaskCatalog.Load(root, [.. names.Union(withinTask)]).ToDictionary(t => t.Task.Name);
            if (names.Select(n => loaded[n].Task.Space).Concat(withinTask.Select(n => loaded[n].Task.Space)).Distinct().ToArray() is { Length: > 1 } spaces)
                throw new ArgumentException($"Tasks of different spaces ({string.Join(", ", spaces)}) share no architecture; correlate tasks of one space.");
            if (pr.GetValue(output) is { } outFolder) OutputLocation.EnsureWritableFolder(outFolder, "--out");
            IReadOnlySet<string>? cells = withinTask.Length == 1 ? loaded[withinTask[0]].Architectures.ToHashSet(StringComparer.Ordinal) : null;
            var matrix = TaskCorrelationMatrix.Compute([.. names.Select(n => loaded[n])], cells);

            AnsiConsole.Write(Table(matrix, withinTask.FirstOrDefault()));
            if (pr.GetValue(output) is { } folder)
            {
                Directory.CreateDirectory(folder);
                AtomicFile.WriteText(Path.Combine(folder, "correlation.json"), Json(matrix, withinTask.FirstOrDefault()));
                AtomicFile.WriteText(Path.Combine(folder, "correlation.csv"), Csv(matrix));
                CorrelationPlot.Save(Path.Combine(folder, "correlation.png"), matrix,
                    withinTask.Length == 1 ? $"Spearman ρ over the cells of {withinTask[0]}" : "Spearman ρ over each pair's shared cells");
                AnsiConsole.MarkupLineInterpolated($"Wrote [green]{Path.Combine(folder, "correlation.json")}[/], correlation.csv and correlation.png.");
            }
            return 0;
        }));
        return command;
    }

    /// <summary>The console matrix: ρ per pair, and the number of shared cells per row.</summary>
    public static Table Table(TaskCorrelationMatrix matrix, string? within)
    {
        int n = matrix.Names.Count;
        var table = new Table().Border(TableBorder.Rounded)
            .Title(within is null ? "Spearman ρ over each pair's shared architectures" : $"Spearman ρ over the architectures of {within}")
            .AddColumns(["task", "cells", .. Enumerable.Range(0, n).Select(j => $"#{j + 1}")]);
        for (int i = 0; i < n; i++)
            table.AddRow([$"#{i + 1} {Markup.Escape(matrix.Names[i])}", matrix.SharedCells(i, i).ToString("N0", CultureInfo.InvariantCulture),
                .. Enumerable.Range(0, n).Select(j => Format(matrix.Spearman(i, j)))]);
        return table;
    }

    private static string Format(double rho) => double.IsNaN(rho) ? "-" : rho.ToString("F2", CultureInfo.InvariantCulture);

    private static string Csv(TaskCorrelationMatrix matrix)
    {
        var sb = new StringBuilder("task_a,task_b,shared_cells,spearman\n");
        for (int i = 0; i < matrix.Names.Count; i++)
            for (int j = 0; j < matrix.Names.Count; j++)
                sb.Append(CultureInfo.InvariantCulture, $"{matrix.Names[i]},{matrix.Names[j]},{matrix.SharedCells(i, j)},{matrix.Spearman(i, j):R}\n");
        return sb.ToString();
    }

    private static string Json(TaskCorrelationMatrix matrix, string? within)
    {
        int n = matrix.Names.Count;
        // JSON has no NaN: pairs without two shared cells are null.
        JsonArray Rows(Func<int, int, JsonNode?> cell) =>
            [.. Enumerable.Range(0, n).Select(i => (JsonNode)new JsonArray([.. Enumerable.Range(0, n).Select(j => cell(i, j))]))];
        var root = new JsonObject
        {
            ["tasks"] = new JsonArray([.. matrix.Names.Select(t => (JsonNode)t)]),
            ["within"] = within,
            ["spearman"] = Rows((i, j) => double.IsNaN(matrix.Spearman(i, j)) ? null : matrix.Spearman(i, j)),
            ["shared_cells"] = Rows((i, j) => matrix.SharedCells(i, j)),
            ["code_version"] = Predictors.CodeVersion.Current,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
