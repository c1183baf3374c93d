using NasSharp.Cli;

namespace NasSharp.Tests.Proxies;

public sealed class ProxiesCommandTests
{
    [Theory]
    [InlineData("proxies --space nb201 --proxies naswot,snip --out p.csv", "Unknown proxy 'snip'; valid: naswot, synflow, jacov.")]
    [InlineData("proxies --space tb101 --out p.csv", "tb101")]
    [InlineData("proxies --space nb201 --batch 1 --out p.csv", "--batch must be at least 2")]
    [InlineData("proxies --space nb201 --limit 0 --out p.csv", "--limit must be at least 1")]
    [InlineData("proxies --space nb201 --pool all --out p.csv", "all")]
    public void Bad_options_are_parse_errors(string line, string message)
    {
        var errors = new NasCli().Root.Parse(line).Errors;
        Assert.Contains(errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_are_naswot_and_synflow_on_a_batch_of_64()
    {
        var parse = new NasCli().Root.Parse("proxies --space nb201 --out p.csv");
        Assert.Empty(parse.Errors);
        Assert.Equal(["naswot", "synflow"], parse.GetValue<string[]>("--proxies")!);
        Assert.Equal(64, parse.GetValue<int>("--batch"));
    }
}
