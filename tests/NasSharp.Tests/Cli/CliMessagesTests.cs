using System.CommandLine;
using System.Diagnostics;
using System.Text.RegularExpressions;
using NasSharp.Benchmarks;
using NasSharp.Cli;
using NasSharp.Cli.Commands;
using NasSharp.SearchSpaces;

namespace NasSharp.Tests.Cli;

/// <summary>What the user reads: help text, option errors and error lines (issue 13, item 7).</summary>
public sealed partial class CliMessagesTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-messages-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static (int Code, string Out, string Err) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = new NasCli().Root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static IEnumerable<string[]> CommandPaths(Command command, string[] path)
    {
        yield return path;
        foreach (var sub in command.Subcommands)
            foreach (var p in CommandPaths(sub, [.. path, sub.Name])) yield return p;
    }

    [Fact]
    public void Help_shows_every_list_default_with_the_comma_the_parser_accepts()
    {
        var root = new NasCli().Root;
        int listDefaults = 0;
        foreach (string[] path in CommandPaths(root, []))
        {
            var (code, help, _) = Invoke([.. path, "--help"]);
            Assert.Equal(0, code);
            Assert.DoesNotMatch(PipeSeparatedDefault(), help);
            var command = path.Aggregate((Command)root, (c, name) => c.Subcommands.Single(s => s.Name == name));
            foreach (var option in command.Options.Where(o => ListDefaultsHelpAction.IsList(o) && o.HasDefaultValue))
            {
                string shown = ListDefaultsHelpAction.CommaSeparated((System.Collections.IEnumerable)option.GetDefaultValue()!);
                if (shown.Length == 0) continue;
                Assert.Contains($"[default: {shown}]", help);
                listDefaults++;
            }
        }
        Assert.True(listDefaults >= 5, $"only {listDefaults} list defaults found");
    }

    [Fact]
    public void Help_after_a_parse_error_shows_list_defaults_with_commas_too()
    {
        var (code, help, _) = Invoke("adapt", "--space", "nb201", "--threads", "0");
        Assert.Equal(1, code);
        Assert.Contains("--finetune-steps", help);
        Assert.DoesNotMatch(PipeSeparatedDefault(), help);
    }

    [Fact]
    public void Help_leaves_the_defaults_in_place()
    {
        var cli = new NasCli();
        cli.Root.Parse("transfer --help").Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() });
        var transfer = cli.Root.Subcommands.Single(c => c.Name == "transfer");
        var k = (Option<int[]>)transfer.Options.Single(o => o.Name == "--k");
        Assert.Equal([5], cli.Root.Parse("transfer --out x").GetValue(k)!);
        Assert.DoesNotContain("[default:", k.Description);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("rank")]
    [InlineData("bench")]
    public void Target_help_lists_every_target_the_catalog_accepts(string command)
    {
        string help = Invoke(command, "--help").Out;
        foreach (string space in SearchSpaceCatalog.Names)
            foreach (var target in BenchmarkCatalog.RankingTargets(SearchSpaceCatalog.Get(space)))
                Assert.Contains(target.Name, help);
        Assert.Contains("ninapro", help);
        Assert.Contains("darcyflow", help);
        Assert.Contains("jigsaw", help);
    }

    [Theory]
    [InlineData("train --space nb201 --train 1 --model m")]
    [InlineData("bench --space nb201 --train 1")]
    public void A_training_set_of_one_is_one_parse_error_naming_the_real_minimum(string line)
    {
        var errors = new NasCli().Root.Parse(line).Errors;
        var error = Assert.Single(errors);
        Assert.Contains("--train must be at least 2", error.Message);
    }

    [Fact]
    public void Argument_errors_reach_the_user_without_the_internal_parameter_name()
    {
        var parse = new NasCli().Root.Parse("sample --task nb201/cpu-latency --out x.csv");
        var error = new StringWriter();
        parse.InvocationConfiguration.Error = error;
        Assert.Equal(2, CommandRunner.Run(parse, () => throw new ArgumentException("--k is too large.", "count")));
        Assert.Equal(2, CommandRunner.Run(parse, () => throw new ArgumentOutOfRangeException("count", 7, "K must be at most 5.")));
        Assert.Equal($"error: --k is too large.{Environment.NewLine}error: K must be at most 5.{Environment.NewLine}", error.ToString());
    }

    [Fact]
    public void An_unknown_task_names_the_task_without_the_parameter()
    {
        var (code, _, err) = Invoke("sample", "--task", "nb201/nope", "--out", Path.Combine(folder, "s.csv"), "--data", TestData.Root.Path);
        Assert.Equal(2, code);
        Assert.Contains("Unknown task 'nb201/nope'", err);
        Assert.DoesNotContain("(Parameter", err);
    }

    [Fact]
    public void A_directory_given_where_a_file_is_expected_is_named_as_a_directory()
    {
        string directory = Path.Combine(folder, "measured");
        Directory.CreateDirectory(directory);
        var parse = new NasCli().Root.Parse(["adapt", "--space", "nb201", "--model", "m", "--support", directory, "--out", directory]);
        var error = new StringWriter();
        parse.InvocationConfiguration.Error = error;
        // The operating system's own failures: reading a directory ("access denied"), replacing one by a file ("is a directory").
        Assert.Equal(2, CommandRunner.Run(parse, () => { using var _ = File.OpenRead(directory); return 0; }));
        string temp = Path.Combine(folder, "t.tmp");
        File.WriteAllText(temp, "x");
        Assert.Equal(2, CommandRunner.Run(parse, () => { File.Move(temp, directory, overwrite: true); return 0; }));
        string expected = $"error: '{directory}' is a directory; expected a file.{Environment.NewLine}";
        Assert.Equal(expected + expected, error.ToString());
    }

    [Fact]
    public void Access_denied_on_a_path_the_user_did_not_give_keeps_its_message()
    {
        var parse = new NasCli().Root.Parse("sample --task nb201/cpu-latency --out x.csv");
        var error = new StringWriter();
        parse.InvocationConfiguration.Error = error;
        CommandRunner.Run(parse, () => throw new UnauthorizedAccessException($"Access to the path '{folder}' is denied."));
        Assert.Contains("is denied", error.ToString());
    }

    [Fact]
    public async Task Redirected_output_keeps_long_architecture_strings_on_one_line()
    {
        // NB101 strings are over 100 characters, more than Spectre's 80-column default for redirected output.
        string csv = Path.Combine(folder, "nb101.csv");
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "nassharp"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string a in new[] { "sample", "--task", "nb101/cifar10", "--k", "3", "--out", csv, "--data", TestData.Root.Path }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stderr);
        var archs = File.ReadAllLines(csv).Skip(1).Select(l => l[..l.LastIndexOf(',')]).ToArray();
        Assert.Equal(3, archs.Length);
        Assert.All(archs, a => Assert.True(a.Length > 80 && stdout.Contains(a, StringComparison.Ordinal), $"'{a}' is not on one line of:\n{stdout}"));
    }

    [GeneratedRegex(@"\[default: [^\]]*\|")]
    private static partial Regex PipeSeparatedDefault();
}
