using System.CommandLine;
using NasSharp.Cli;
using NasSharp.Tests.Meta;

namespace NasSharp.Tests.Cli;

/// <summary>Runs a <c>nassharp</c> command in-process on the test data root, as the CLI tests do.</summary>
public static class MetaCommandRun
{
    /// <summary>Exit code and stderr of <c>nassharp <paramref name="args"/> --data ROOT --no-progress</c> (long commands: plain progress lines).</summary>
    public static (int Code, string Err) Run(params string[] args) => RunWithData([.. args, "--no-progress"]);

    /// <summary>Exit code and stderr of <c>nassharp <paramref name="args"/> --data ROOT</c>.</summary>
    public static (int Code, string Err) RunWithData(params string[] args)
    {
        // The commands set torch's thread count for the whole process; this restores it for the tests that follow.
        using var threads = new OneTorchThread();
        var error = new StringWriter();
        string[] full = [.. args, "--data", TestData.Root.Path];
        int code = new NasCli().Root.Parse(full).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error });
        return (code, error.ToString());
    }
}
