using System.Text.RegularExpressions;

namespace NasSharp.Studies.Slurm;

/// <summary>Quotes arguments for a POSIX shell (bash, sh) so that each reaches the program exactly as given.</summary>
public static partial class ShellQuoting
{
    /// <summary>
    /// <paramref name="argument"/> as one shell word: left bare when it holds only characters no shell interprets
    /// (letters, digits, <c>_ . / : = @ % + , -</c>), else in single quotes, inside which nothing is special; a single
    /// quote itself is written as <c>'\''</c> (close, escaped quote, reopen).
    /// </summary>
    public static string Quote(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (argument.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("A command-line argument cannot contain a NUL character.", nameof(argument));
        return Plain().IsMatch(argument) ? argument : "'" + argument.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>The arguments as shell words separated by spaces.</summary>
    public static string Join(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));

    [GeneratedRegex(@"^[A-Za-z0-9_./:=@%+,-]+$")]
    private static partial Regex Plain();
}
