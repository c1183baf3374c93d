using System.CommandLine;
using System.Diagnostics;
using System.Text;
using NasSharp.Data;
using NasSharp.Features;
using NasSharp.Persistence;
using NasSharp.Sampling;
using NasSharp.SearchSpaces;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp features</c>: the graph features (docs/FEATURES.md) of a whole space or a seeded sample as CSV, timed.
/// </summary>
public static class FeaturesCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var space = SharedOptions.Space();
        var unified = new Option<bool>("--unified")
        {
            Description = "Use the unified-encoding features (the same names for every space, with the macro skeleton) instead of the space's own.",
        };
        var sample = SharedOptions.AtLeast(new Option<int>("--sample")
        {
            Description = "Featurize this many seeded random architectures of the space instead of all of them (0: all).",
            DefaultValueFactory = _ => 0,
        }, 0);
        var seed = SharedOptions.Seed();
        seed.Description = "Seed of the --sample draw (the features themselves are deterministic).";
        var output = new Option<string>("--out")
        {
            Description = "CSV to write ('arch,' then one column per feature), atomically, replacing an existing file (it is cheap to recompute).",
            Required = true,
        };
        var data = SharedOptions.Data();
        var command = new Command("features", "Write the graph features of a space's architectures as CSV and report the time taken.")
        {
            space, unified, sample, seed, output, data,
        };
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            string path = pr.GetValue(output)!;
            if (Directory.Exists(path)) throw new IOException($"'{path}' is a directory; expected a file.");
            var searchSpace = SearchSpaceCatalog.Get(pr.GetValue(space)!);
            var pool = SearchSpaceCatalog.Entry(searchSpace.Name).LoadPool(() => DataRoot.Resolve(pr.GetValue(data)), searchSpace);
            int n = pr.GetValue(sample);
            IReadOnlyList<string> archs = n == 0 ? pool : [.. SeededSubset.Indices(pool.Count, n, pr.GetValue(seed)).Select(i => pool[i])];

            var clock = Stopwatch.StartNew();
            var featurizer = pr.GetValue(unified) ? GraphFeatures.Unified(searchSpace) : GraphFeatures.For(searchSpace);
            var rows = featurizer.ComputeAll(archs);
            double seconds = clock.Elapsed.TotalSeconds;
            AtomicFile.Write(path, stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                FeatureCsv.Write(writer, featurizer.Names, archs, rows);
            });
            AnsiConsole.MarkupLineInterpolated(
                $"{archs.Count:N0} {searchSpace.Name} architectures × {featurizer.Names.Count} features in {seconds:F2} s (featurizer built on first use, no file writing) → [green]{path}[/].");
            return 0;
        }));
        return command;
    }
}
