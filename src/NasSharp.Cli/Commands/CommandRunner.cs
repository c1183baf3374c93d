using System.CommandLine;
using System.Text.RegularExpressions;
using NasSharp.SearchSpaces;

namespace NasSharp.Cli.Commands;

/// <summary>Turns expected failures (bad input, missing files) into one clear line on stderr and exit code 2.</summary>
public static partial class CommandRunner
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
            parse.InvocationConfiguration.Error.WriteLine($"error: {UserMessage(e, parse)}");
            return 2;
        }
    }

    /// <summary>
    /// What the user reads for <paramref name="e"/>: the message without .NET's " (Parameter 'x')" suffix, which names
    /// a C# parameter the user never saw (nor the "Actual value was" line after it), and a directory given where a file is expected said as such rather than as
    /// the operating system's "access denied" or "is a directory".
    /// </summary>
    public static string UserMessage(Exception e, ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(parse);
        if (e is UnauthorizedAccessException or IOException && GivenDirectoryIn(e.Message, parse) is { } directory)
            return $"'{directory}' is a directory; expected a file.";
        // ArgumentOutOfRangeException adds "Actual value was …" after the suffix; the message proper ends before it.
        int suffix = e is ArgumentException { ParamName: { } name } ? e.Message.IndexOf($" (Parameter '{name}')", StringComparison.Ordinal) : -1;
        return suffix >= 0 ? e.Message[..suffix] : e.Message;
    }

    /// <summary>
    /// The command-line value, as the user spelled it, of a directory that <paramref name="message"/> quotes (.NET names
    /// the full path it failed to open), or null. Only values the user gave count, so a failure on an internal path
    /// keeps its own message.
    /// </summary>
    private static string? GivenDirectoryIn(string message, ParseResult parse)
    {
        var quoted = QuotedText().Matches(message).Select(m => Path.TrimEndingDirectorySeparator(m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        foreach (var token in parse.Tokens.Select(t => t.Value))
        {
            string full;
            try
            {
                full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(token));
            }
            catch (ArgumentException)
            {
                continue;
            }
            if ((quoted.Contains(full) || quoted.Contains(Path.TrimEndingDirectorySeparator(token))) && Directory.Exists(full)) return token;
        }
        return null;
    }

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedText();
}
