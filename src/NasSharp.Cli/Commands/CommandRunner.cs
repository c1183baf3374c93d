using System.CommandLine;
using NasSharp.SearchSpaces;

namespace NasSharp.Cli.Commands;

/// <summary>Turns expected failures (bad input, missing files) into one clear line on stderr and exit code 2.</summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="action"/>; user errors print without a stack trace.</summary>
    public static int Run(ParseResult parse, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or InvalidDataException
                                      or ArchitectureFormatException or UnauthorizedAccessException or NotSupportedException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
