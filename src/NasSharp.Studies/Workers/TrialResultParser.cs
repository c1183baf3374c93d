using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NasSharp.Studies.Workers;

/// <summary>
/// Reads a trial's answer: the JSON object written at <c>{out}</c>, else the last non-empty line of its standard output,
/// e.g. <c>{"value": 93.4, "params": 1.2, "seconds": 61}</c>. The study's objectives are read as its values (each a finite
/// number); every other field is kept as a user attribute. A bad answer becomes a failed attempt whose reason says what
/// was wrong and where.
/// </summary>
public static class TrialResultParser
{
    /// <summary>The result, or the reason it is unusable.</summary>
    /// <param name="outPath">The result file the command was given (<c>{out}</c>).</param>
    /// <param name="lastStdoutLine">The command's last non-empty line of standard output, null when it printed none.</param>
    /// <param name="objectives">The fields recorded as values, in order.</param>
    public static (TrialResult? Result, string? Error) Parse(string outPath, string? lastStdoutLine, IReadOnlyList<string> objectives)
    {
        ArgumentNullException.ThrowIfNull(outPath);
        ArgumentNullException.ThrowIfNull(objectives);
        string where, text;
        if (File.Exists(outPath))
        {
            (where, text) = ($"result file {outPath}", File.ReadAllText(outPath));
        }
        else if (lastStdoutLine is not null)
        {
            (where, text) = ("the last line of standard output", lastStdoutLine);
        }
        else
        {
            return (null, $"no result: the command wrote no {outPath} and printed nothing on standard output");
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return (null, $"{where} is not JSON ({e.Message}): '{Shorten(text)}'");
        }
        if (node is not JsonObject fields)
            return (null, $"{where} is not a JSON object with a field {string.Join(", ", objectives.Select(o => $"'{o}'"))}: '{Shorten(text)}'");
        var values = new List<double>(objectives.Count);
        foreach (string objective in objectives)
        {
            if (!fields.TryGetPropertyValue(objective, out var field) || field is null)
                return (null, $"{where} has no field '{objective}' (it has {(fields.Count == 0 ? "none" : string.Join(", ", fields.Select(f => f.Key)))})");
            if (Number(field) is not { } value)
                return (null, $"{where}: field '{objective}' is {field.ToJsonString()}, expected a number");
            if (!double.IsFinite(value))
                return (null, $"{where}: field '{objective}' is {value.ToString(CultureInfo.InvariantCulture)}; a trial needs a finite value");
            values.Add(value);
        }
        var attributes = new JsonObject();
        foreach (var (name, value) in fields)
            if (!objectives.Contains(name)) attributes[name] = value?.DeepClone();
        return (new TrialResult(values, attributes), null);
    }

    // Numbers, and the spellings of non-finite values that Python's json and .NET write ("NaN", NaN, "Infinity").
    private static double? Number(JsonNode field)
    {
        if (field is not JsonValue value) return null;
        if (value.TryGetValue(out double d)) return d;
        if (value.TryGetValue(out string? s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed)
            && !double.IsFinite(parsed)) return parsed;
        return null;
    }

    private static string Shorten(string text) => text.Length <= 200 ? text.Trim() : text[..200].Trim() + "…";
}
