using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;

namespace NasSharp.Persistence;

/// <summary>
/// Who holds a run key of a <see cref="ResultLedger{TRun}"/>: a process on a host, identified by its id and start
/// time so that a reused process id is not mistaken for the holder.
/// </summary>
/// <param name="Key">The claimed run key.</param>
/// <param name="Host">Machine name of the holder.</param>
/// <param name="ProcessId">Process id of the holder.</param>
/// <param name="ProcessStartUtc">Start time of the holder's process (round-trip format).</param>
/// <param name="ClaimedUtc">When the key was claimed (round-trip format).</param>
public sealed record RunClaim(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("pid")] int ProcessId,
    [property: JsonPropertyName("process_start_utc")] string ProcessStartUtc,
    [property: JsonPropertyName("claimed_utc")] string ClaimedUtc)
{
    /// <summary>A claim of <paramref name="key"/> by the current process, now.</summary>
    public static RunClaim ByThisProcess(string key) => new(key, Environment.MachineName, Environment.ProcessId,
        ThisProcessStart, DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>Whether the current process holds this claim.</summary>
    public bool IsMine => Host == Environment.MachineName && ProcessId == Environment.ProcessId && ProcessStartUtc == ThisProcessStart;

    /// <summary>
    /// Whether the holder may still be running: always true for another host (its processes cannot be seen from
    /// here), otherwise whether a process with that id and start time exists.
    /// </summary>
    public bool HolderMayBeAlive => Host != Environment.MachineName || SameInstant(ProcessStartOf(ProcessId), ProcessStartUtc);

    /// <summary>The holder as a user would look for it, e.g. <c>process 4242 on node7 (since 2026-12-01T20:00:00Z)</c>.</summary>
    public string Holder => $"process {ProcessId} on {Host} (claimed {ClaimedUtc})";

    private static readonly string ThisProcessStart = ProcessStartOf(Environment.ProcessId) ?? "unknown";

    /// <summary>
    /// Whether two start times of one process agree. .NET derives a process's start time on Linux from the boot time,
    /// which each process computes slightly differently, so the same process reads a few milliseconds apart from two
    /// processes; a reused process id starting within the same second is the one case this cannot tell apart.
    /// </summary>
    private static bool SameInstant(string? a, string b) =>
        a is not null && DateTime.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var x) &&
        DateTime.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var y) && Math.Abs((x - y).TotalSeconds) < 1;

    /// <summary>Start time of a live process, or null when there is no such process.</summary>
    public static string? ProcessStartOf(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited ? null : process.StartTime.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
