using System.CommandLine;
using NasSharp.Cli;

namespace NasSharp.Tests.Cli;

/// <summary>The network predictors' --loss and --with-features options: parse errors and refused combinations.</summary>
public class LossAndFeatureOptionsTests
{
    private static (int Code, string Err) Invoke(string line)
    {
        var error = new StringWriter();
        int code = new NasCli().Root.Parse($"{line} --data {TestData.Root.Path}").Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error });
        return (code, error.ToString());
    }

    [Theory]
    [InlineData("train --space nb201 --loss rank --model m")]
    [InlineData("rank --space nb201 --loss hinge --margin -1 --out d")]
    [InlineData("search --space nb201 --loss pairwise --mse-weight x --out d")]
    [InlineData("rank --space nb201 --with-features --features all --out d")]
    public void Bad_values_are_parse_errors(string line) => Assert.NotEmpty(new NasCli().Root.Parse(line).Errors);

    [Theory]
    [InlineData("--margin 0.2", "--margin is the margin of --loss hinge; the chosen loss is mse")]
    [InlineData("--loss mse --mse-weight 1", "--mse-weight weighs the MSE added to a ranking loss")]
    [InlineData("--feature-file f.csv --feature-columns a", "add --with-features (np, hypernas-p)")]
    [InlineData("--with-features --feature-columns a", "--feature-columns needs --feature-file")]
    [InlineData("--with-features --features none", "--features none leaves no features")]
    [InlineData("--with-features --predictor hypernas-h", "readout features (--with-features) are for np and hypernas-p")]
    public void Combinations_that_would_be_ignored_are_refused_before_training(string options, string message)
    {
        string model = Path.Combine(Path.GetTempPath(), $"nassharp-loss-cli-{Guid.NewGuid():N}.model");
        var (code, err) = Invoke($"train --space nb201 --train 10 --epochs 1 --model {model} {options}");
        Assert.Equal(2, code);
        Assert.Contains(message, err);
        Assert.False(File.Exists(model));
    }
}
