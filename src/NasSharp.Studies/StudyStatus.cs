using NasSharp.Search;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NasSharp.Persistence;

namespace NasSharp.Studies;

/// <summary>A study's state at one moment: trials per state, the best so far and each worker's share.</summary>
/// <param name="Definition">What it searches.</param>
/// <param name="Trials">Its trials by number.</param>
public sealed record StudyStatus(StudyDefinition Definition, IReadOnlyList<Trial> Trials)
{
    /// <summary>Trials in <paramref name="state"/>.</summary>
    public int Count(TrialState state) => Trials.Count(t => t.State == state);

    /// <summary>The complete trials in completion order.</summary>
    public IReadOnlyList<Trial> Completed => [.. Trials.Where(t => t.State == TrialState.Complete).OrderBy(t => t.Completion)];

    /// <summary>The best complete trial by the first objective (ties: the earlier completion); null before the first.</summary>
    public Trial? Best => Completed.Aggregate((Trial?)null, (best, t) =>
        best is null || Definition.Fitness(t.Values![0]) > Definition.Fitness(best.Values![0]) ? t : best);

    /// <summary>Each worker's trials, by name.</summary>
    public IReadOnlyList<WorkerCount> Workers =>
    [
        .. Trials.Where(t => t.Worker is not null).GroupBy(t => t.Worker!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new WorkerCount(g.Key, g.Count(t => t.State == TrialState.Complete), g.Count(t => t.State == TrialState.Running),
                g.Count(t => t.Error is not null && t.State is TrialState.Waiting or TrialState.Failed))),
    ];

    /// <summary>
    /// The completions as a search trajectory (query = completion number, search value = first objective, report value =
    /// the result's <c>report</c> field when every trial has one), the form <c>nassharp search</c> records and plots.
    /// </summary>
    public IReadOnlyList<TrajectoryPoint> Trajectory()
    {
        var points = new List<TrajectoryPoint>();
        bool reports = Completed.All(t => Report(t) is not null);
        Trial? incumbent = null;
        foreach (var t in Completed)
        {
            if (incumbent is null || Definition.Fitness(t.Values![0]) > Definition.Fitness(incumbent.Values![0])) incumbent = t;
            points.Add(new TrajectoryPoint(points.Count + 1, t.Arch, t.Values![0], reports ? Report(t) : null, reports ? Report(incumbent) : null, null));
        }
        return points;
    }

    /// <summary>Writes every trial as CSV (one row per trial: state, attempts, worker, values, attributes as JSON) atomically.</summary>
    public void WriteCsv(string path)
    {
        var sb = new StringBuilder("number,arch,state,attempt,failures,worker,completion,");
        sb.AppendJoin(',', Definition.ObjectiveNames).Append(",error,attributes\n");
        foreach (var t in Trials)
        {
            sb.AppendJoin(',', t.Number.ToString(CultureInfo.InvariantCulture), Csv(t.Arch), t.State.ToString().ToLowerInvariant(),
                t.Attempt.ToString(CultureInfo.InvariantCulture), t.Failures.ToString(CultureInfo.InvariantCulture), Csv(t.Worker ?? ""),
                t.Completion?.ToString(CultureInfo.InvariantCulture) ?? "");
            foreach (int i in Enumerable.Range(0, Definition.ObjectiveNames.Count))
                sb.Append(',').Append(t.Values is { } v ? v[i].ToString("R", CultureInfo.InvariantCulture) : "");
            sb.Append(',').Append(Csv(t.Error ?? "")).Append(',').Append(Csv(t.Attributes.ToJsonString())).Append('\n');
        }
        AtomicFile.WriteText(path, sb.ToString());
    }

    /// <summary>Writes the definition and every trial as JSON atomically.</summary>
    public void WriteJson(string path)
    {
        var doc = new JsonObject
        {
            ["study"] = JsonSerializer.SerializeToNode(Definition),
            ["trials"] = new JsonArray([.. Trials.Select(t => JsonSerializer.SerializeToNode(t, Json))]),
        };
        AtomicFile.WriteText(path, doc.ToJsonString(Json) + "\n");
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private static double? Report(Trial t) => t.Attributes["report"] is JsonValue v && v.TryGetValue(out double r) ? r : null;

    private static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
