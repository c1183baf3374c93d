using System.Globalization;
using System.Text;
using NasSharp.Sampling;

namespace NasSharp.Tasks;

/// <summary>
/// K architectures of a task drawn with a seed, with their values as the table states them (not oriented): a real
/// support set in the form <see cref="SupportSetCsv"/> reads, to try <c>adapt</c> on measurements that exist. The
/// draw is the one <c>transfer</c> makes for run 0 of the same seed (<see cref="SeededSubset"/> over the task's rows).
/// </summary>
/// <param name="Task">The task the rows come from.</param>
/// <param name="Seed">The seed of the draw.</param>
/// <param name="Architectures">Canonical architecture strings of the task's space, in draw order.</param>
/// <param name="Values">The task's metric for each architecture, raw (lower is better for a latency).</param>
public sealed record SupportSetSample(NasTask Task, int Seed, IReadOnlyList<string> Architectures, IReadOnlyList<double> Values)
{
    /// <summary>Draws <paramref name="k"/> distinct architectures of <paramref name="task"/> with <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is negative or more than the task has architectures.</exception>
    public static SupportSetSample Draw(LoadedTask task, int k, int seed)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (k < 0 || k > task.Count)
            throw new ArgumentOutOfRangeException(nameof(k), k,
                $"K must be between 0 and {task.Count:N0}, the architectures {task.Task.Name} has values for; got {k:N0}.");
        int[] rows = k == 0 ? [] : SeededSubset.Indices(task.Count, k, seed);
        // LoadedTask orients values (higher is better); Orient is its own inverse and gives back the measurement.
        return new SupportSetSample(task.Task, seed, [.. rows.Select(r => task.Architectures[r])], [.. rows.Select(r => task.Task.Orient(task.Values[r]))]);
    }

    /// <summary>
    /// The CSV text: the header <see cref="SupportSetCsv.Header"/>, then one <c>arch,value</c> line per architecture,
    /// fields quoted per RFC 4180 where needed, values in invariant culture and round-trip precision.
    /// </summary>
    public string ToCsv()
    {
        var sb = new StringBuilder(SupportSetCsv.Header).Append('\n');
        for (int i = 0; i < Architectures.Count; i++)
            sb.Append(Field(Architectures[i])).Append(',').Append(Values[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        return sb.ToString();
    }

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
