using System.Globalization;
using System.Text.RegularExpressions;

namespace NasSharp.Studies.Slurm;

/// <summary>Slurm's time-limit formats (<c>sbatch --time</c>), parsed and written.</summary>
public static partial class SlurmTime
{
    /// <summary>The accepted forms, for errors and help texts.</summary>
    public const string Forms = "MINUTES, MINUTES:SECONDS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS (e.g. 90, 02:00:00, 1-12:00:00)";

    /// <summary>
    /// The time limit <paramref name="text"/> in one of Slurm's forms: without days, one number is minutes, two are
    /// minutes:seconds and three hours:minutes:seconds; with <c>D-</c>, the rest is hours[:minutes[:seconds]].
    /// </summary>
    /// <exception cref="ArgumentException">Another form, a field out of range (minutes and seconds below 60, hours below 24 after days) or zero.</exception>
    public static TimeSpan Parse(string text, string option = "--time")
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Form().Match(text.Trim());
        if (!match.Success) throw Invalid(text, option, "");
        bool days = match.Groups["d"].Success;
        long[] fields = [.. match.Groups["f"].Captures.Select(c => long.Parse(c.Value, CultureInfo.InvariantCulture))];
        // Fields from the right: seconds, minutes, hours; which exist depends on the count and on the days.
        (long h, long m, long s) = (days, fields.Length) switch
        {
            (false, 1) => (0, fields[0], 0),
            (false, 2) => (0, fields[0], fields[1]),
            (false, _) => (fields[0], fields[1], fields[2]),
            (true, 1) => (fields[0], 0, 0),
            (true, 2) => (fields[0], fields[1], 0),
            (true, _) => (fields[0], fields[1], fields[2]),
        };
        bool leadingMinutes = !days && fields.Length <= 2;
        if (s >= 60 || (!leadingMinutes && m >= 60) || (days && h >= 24))
            throw Invalid(text, option, " (minutes and seconds after the first field are below 60, hours after days below 24)");
        long d = days ? long.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture) : 0;
        double total = (((d * 24.0 + h) * 60.0) + m) * 60.0 + s;
        if (total <= 0 || total > TimeSpan.FromDays(3650).TotalSeconds) throw Invalid(text, option, " (a positive limit of at most 3650 days)");
        return TimeSpan.FromSeconds(total);
    }

    /// <summary><paramref name="limit"/> as Slurm's <c>D-HH:MM:SS</c>, rounded up to whole seconds.</summary>
    public static string Format(TimeSpan limit)
    {
        long seconds = (long)Math.Ceiling(limit.TotalSeconds);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400}-{seconds / 3600 % 24:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
    }

    private static ArgumentException Invalid(string text, string option, string detail) =>
        new($"{option} expects a Slurm time limit: {Forms}{detail}; got '{text}'.");

    [GeneratedRegex(@"^(?:(?<d>[0-9]{1,4})-)?(?<f>[0-9]{1,6})(?::(?<f>[0-9]{1,2})){0,2}$")]
    private static partial Regex Form();
}
