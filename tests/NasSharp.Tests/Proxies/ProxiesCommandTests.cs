using System.CommandLine;
using NasSharp.Cli;
using NasSharp.Proxies;

namespace NasSharp.Tests.Proxies;

public sealed class ProxiesCommandTests
{
    [Theory]
    [InlineData("proxies --space nb201 --proxies naswot,snip --out p.csv", "Unknown proxy 'snip'; valid: naswot, synflow, jacov.")]
    [InlineData("proxies --space tb101 --out p.csv", "tb101")]
    [InlineData("proxies --space nb201 --batch 1 --out p.csv", "--batch must be at least 2")]
    [InlineData("proxies --space nb201 --limit 0 --out p.csv", "--limit must be at least 1")]
    [InlineData("proxies --space nb201 --pool all --out p.csv", "all")]
    [InlineData("proxies --space nb201 --jobs 0 --out p.csv", "--jobs must be at least 1")]
    public void Bad_options_are_parse_errors(string line, string message)
    {
        var errors = new NasCli().Root.Parse(line).Errors;
        Assert.Contains(errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Report_reads_an_existing_file_and_a_damaged_one_is_one_error_line()
    {
        string folder = Directory.CreateTempSubdirectory("nassharp-proxiescli-").FullName;
        try
        {
            string path = Path.Combine(folder, "p.csv");
            ProxyFile.Write(path, ["naswot"], [new ProxyRow(ProxyTestNetworks.Mixed, [2]), new ProxyRow(ProxyTestNetworks.AllNone, [double.NaN])]);
            var error = new StringWriter();
            string[] args = ["proxies", "--space", "nb201", "--out", path, "--report", "--data", TestData.Root.Path];
            Assert.Equal(0, new NasCli().Root.Parse(args).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error }));
            Assert.Equal("", error.ToString());

            File.AppendAllText(path, "|nor_conv_3x3~0|,1\n");
            Assert.Equal(2, new NasCli().Root.Parse(args).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error }));
            Assert.StartsWith($"error: {path} line 4, column 'arch': not a nb201 architecture", error.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Defaults_are_naswot_and_synflow_on_a_batch_of_64()
    {
        var parse = new NasCli().Root.Parse("proxies --space nb201 --out p.csv");
        Assert.Empty(parse.Errors);
        Assert.Equal(["naswot", "synflow"], parse.GetValue<string[]>("--proxies")!);
        Assert.Equal(64, parse.GetValue<int>("--batch"));
        Assert.Equal(Environment.ProcessorCount, parse.GetValue<int>("--jobs"));
    }
}
