using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NasSharp.Cli.Output;
using NasSharp.Evaluation;
using NasSharp.Persistence;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp compare</c>: Kendall τ of several <c>rank</c> folders side by side per training size, over the seeds
/// they share, with paired wins against the first folder (same seed = same training cells).
/// </summary>
public static class CompareCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var folders = new Argument<string[]>("folders") { Description = "rank output folders (each holds rank.json); the first is the baseline.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "Optional Markdown file for the table (written atomically)." };
        var seed = SharedOptions.Seed();
        seed.Description = "Unused (comparison is deterministic); accepted so every command takes --seed.";
        var command = new Command("compare", "Compare the Kendall τ of rank folders per training size over their shared seeds.")
        {
            folders, output, seed,
        };
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            if (pr.GetValue(output) is { } outPath) OutputLocation.EnsureWritableFile(outPath, "--out");
            var runs = pr.GetValue(folders)!.Select(f => (Folder: f, Runs: Load(f))).ToArray();
            string markdown = Table(runs);
            pr.InvocationConfiguration.Output.Write(markdown);
            if (pr.GetValue(output) is { } path) AtomicFile.WriteText(path, markdown);
            return 0;
        }));
        return command;
    }

    /// <summary>The Markdown table: one row per training size present in every folder.</summary>
    public static string Table(IReadOnlyList<(string Folder, RankingRun[] Runs)> folders)
    {
        var sizes = folders.Select(f => f.Runs.Select(r => r.TrainSize).ToHashSet())
            .Aggregate((a, b) => { a.IntersectWith(b); return a; }).Order().ToArray();
        var sb = new StringBuilder("| n | seeds | ");
        sb.AppendJoin(" | ", folders.Select(f => $"{Name(f)} τ"));
        if (folders.Count > 1) sb.Append(" | ").AppendJoin(" | ", folders.Skip(1).Select(f => $"{Name(f)} wins"));
        sb.Append(" |\n|").Append(string.Concat(Enumerable.Repeat("---|", 2 + folders.Count + Math.Max(0, folders.Count - 1)))).Append('\n');
        foreach (int size in sizes)
        {
            var seeds = folders.Select(f => f.Runs.Where(r => r.TrainSize == size).Select(r => r.Seed).ToHashSet())
                .Aggregate((a, b) => { a.IntersectWith(b); return a; }).Order().ToArray();
            if (seeds.Length == 0) continue;
            double Tau((string Folder, RankingRun[] Runs) f, int s) => f.Runs.First(r => r.TrainSize == size && r.Seed == s).KendallTauAll;
            sb.Append(CultureInfo.InvariantCulture, $"| {size} | {string.Join(",", seeds)} | ");
            sb.AppendJoin(" | ", folders.Select(f => Stat.Of(seeds.Select(s => Tau(f, s))).ToString()));
            if (folders.Count > 1)
                sb.Append(" | ").AppendJoin(" | ", folders.Skip(1).Select(f => $"{seeds.Count(s => Tau(f, s) > Tau(folders[0], s))}/{seeds.Length}"));
            sb.Append(" |\n");
        }
        return sb.ToString();
    }

    private static string Name((string Folder, RankingRun[] Runs) f) =>
        f.Runs.Select(r => r.Predictor).FirstOrDefault() is { } p ? $"{p} ({Path.GetFileName(f.Folder.TrimEnd('/'))})" : f.Folder;

    private static RankingRun[] Load(string folder)
    {
        string path = Path.Combine(folder, "rank.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"'{path}' does not exist; pass folders written by 'nassharp rank'.", path);
        return [.. RankingExperiment.ReadRuns(path).Where(r => !r.Diverged)];
    }
}
