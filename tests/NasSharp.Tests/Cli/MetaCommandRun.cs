using System.CommandLine;
using NasSharp.Cli;
using NasSharp.Tests.Meta;

namespace NasSharp.Tests.Cli;

/// <summary>Runs a long MP-NAS command (<c>transfer</c>, <c>synthetic</c>) on the test data root with plain progress lines.</summary>
public static class MetaCommandRun
{
    /// <summary>Exit code and stderr of <c>nassharp <paramref name="args"/> --data ROOT --no-progress</c>.</summary>
    public static (int Code, string Err) Run(params string[] args)
    {
        // The commands set torch's thread count for the whole process; this restores it for the tests that follow.
        using var threads = new OneTorchThread();
        var error = new StringWriter();
        string[] full = [.. args, "--data", TestData.Root.Path, "--no-progress"];
        int code = new NasCli().Root.Parse(full).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error });
        return (code, error.ToString());
    }
}
