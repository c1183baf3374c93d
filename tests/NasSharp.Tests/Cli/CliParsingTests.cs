using System.CommandLine;
using NasSharp.Cli;

namespace NasSharp.Tests.Cli;

public class CliParsingTests
{
    private static (int Code, string Out, string Err) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = new NasCli().Root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("train --space nb999 --model m")]
    [InlineData("train --space nb201 --predictor xgb --model m")]
    [InlineData("train --space nb201 --train 0 --model m")]
    [InlineData("train --space nb201 --epochs abc --model m")]
    [InlineData("train --space nb201")]
    [InlineData("train --space nb201 --epochs 0 --model m")]
    [InlineData("train --space nb201 --predictor hypernas --q 0 --model m")]
    [InlineData("train --space nb201 --predictor hypernas --aux-every 0 --model m")]
    [InlineData("train --space nb201 --predictor hypernas --profile gpu --model m")]
    [InlineData("train --space nb201 --predictor hypernas --aggregation max --model m")]
    [InlineData("rank --space nb201 --train 39,x --out d")]
    [InlineData("rank --space nb201 --train 1 --out d")]
    [InlineData("rank --space nb201 --seeds 0 --out d")]
    [InlineData("predict --space nb201")]
    [InlineData("nope")]
    public void Bad_command_lines_are_parse_errors(string line) =>
        Assert.NotEmpty(new NasCli().Root.Parse(line).Errors);

    [Fact]
    public void Unknown_space_lists_the_valid_ones()
    {
        var (code, _, err) = Invoke("train", "--space", "nb999", "--model", "m");
        Assert.NotEqual(0, code);
        Assert.Contains("nb201", err);
        Assert.Contains("nb101", err);
    }

    [Fact]
    public void Training_sizes_parse_as_a_list()
    {
        var cli = new NasCli();
        var rank = cli.Root.Subcommands.Single(c => c.Name == "rank");
        var option = (Option<int[]>)rank.Options.Single(o => o.Name == "--train");
        var parse = cli.Root.Parse("rank --space nb201 --train 39,78,156,469 --out d");
        Assert.Empty(parse.Errors);
        Assert.Equal(new[] { 39, 78, 156, 469 }, parse.GetValue(option));
        Assert.Contains("'x' is not one", string.Join(' ', cli.Root.Parse("rank --space nb201 --train 39,x --out d").Errors.Select(e => e.Message)));
    }

    [Fact]
    public void Rank_without_sizes_uses_the_papers_splits()
    {
        var cli = new NasCli();
        var option = (Option<int[]>)cli.Root.Subcommands.Single(c => c.Name == "rank").Options.Single(o => o.Name == "--train");
        int[]? parsed = cli.Root.Parse("rank --space nb101 --out d").GetValue(option);
        Assert.Equal(new[] { 50, 100, 172, 424 }, NasSharp.Cli.Commands.BenchmarkAccess.TrainSizesOrPaper(parsed, new NasSharp.SearchSpaces.Nb101.Nb101Space()));
        Assert.Equal(new[] { 39, 78, 156, 469 }, NasSharp.Cli.Commands.BenchmarkAccess.TrainSizesOrPaper(null, new NasSharp.SearchSpaces.Nb201.Nb201Space()));
    }

    [Fact]
    public void Every_option_of_every_command_has_help_text()
    {
        foreach (var command in new NasCli().Root.Subcommands)
        {
            Assert.False(string.IsNullOrWhiteSpace(command.Description), command.Name);
            foreach (var option in command.Options)
                Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{command.Name} {option.Name}");
            Assert.Contains(command.Options, o => o.Name == "--seed");
        }
    }

    [Fact]
    public void Missing_model_file_is_a_clear_error()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.model");
        var (code, _, err) = Invoke("predict", "--model", missing, "--out", Path.Combine(Path.GetTempPath(), "x.csv"));
        Assert.Equal(2, code);
        Assert.Contains(missing, err);
        Assert.Contains("does not exist", err);
    }
}
