namespace NasSharp.Studies.Workers;

/// <summary>
/// The command a worker runs per trial: a program and its arguments, in which <c>{arch}</c>, <c>{trial}</c> and
/// <c>{out}</c> are replaced by the architecture, the trial number and the result file's path. Other braces are left
/// alone (a literal JSON answer such as <c>{"value": 1}</c> stays intact). No shell is involved: to use one, make it the
/// program (<c>sh -c '…'</c>).
/// </summary>
public sealed class TrialCommand
{
    /// <summary>The placeholders and what they become.</summary>
    public const string PlaceholderHelp = "{arch} = the architecture string, {trial} = the trial number, {out} = the path its result JSON should be written to";

    private readonly string[] template;

    /// <summary>The command <paramref name="template"/> (program first).</summary>
    /// <exception cref="ArgumentException">An empty command.</exception>
    public TrialCommand(IReadOnlyList<string> template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.Count == 0 || string.IsNullOrWhiteSpace(template[0]))
            throw new ArgumentException($"Give the command to run per trial after '--', e.g. -- nassharp evaluate --from-table --space nb201 --arch {{arch}} --out {{out}} ({PlaceholderHelp}).");
        this.template = [.. template];
    }

    /// <summary>The command as given.</summary>
    public IReadOnlyList<string> Template => template;

    /// <summary>The program and arguments for one trial.</summary>
    public IReadOnlyList<string> For(string arch, int trial, string outPath)
    {
        ArgumentNullException.ThrowIfNull(arch);
        ArgumentNullException.ThrowIfNull(outPath);
        string number = trial.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return [.. template.Select(t => t.Replace("{arch}", arch, StringComparison.Ordinal).Replace("{trial}", number, StringComparison.Ordinal)
            .Replace("{out}", outPath, StringComparison.Ordinal))];
    }
}
