using System.Text.RegularExpressions;

namespace NasSharp.Persistence;

/// <summary>
/// Writes files so that a crash or error never leaves a half-written file at the destination: through a temporary
/// file <c>.NAME.PID.GUID.tmp[.ext]</c> in the destination folder, then a rename. Temporary files that a killed
/// process left for the same destination are removed by the next write (their process id is no longer running).
/// </summary>
public static partial class AtomicFile
{
    /// <summary>Writes through a temporary file in the destination folder, then renames it over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write) => WriteVia(path, tmp =>
    {
        using var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write);
        write(stream);
        stream.Flush(flushToDisk: true);
    });

    /// <summary>
    /// Lets <paramref name="writeFile"/> write a temporary path that keeps the destination's extension (for writers
    /// such as a plotting library that only take a file name), then renames it over <paramref name="path"/>.
    /// </summary>
    public static void WriteVia(string path, Action<string> writeFile)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        RemoveStaleTemporaries(full);
        string tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp{Path.GetExtension(full)}");
        try
        {
            writeFile(tmp);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>Atomically writes UTF-8 text.</summary>
    public static void WriteText(string path, string text) =>
        Write(path, s => { using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true); w.Write(text); });

    /// <summary>Deletes the temporary files of <paramref name="fullPath"/> whose writing process is gone.</summary>
    public static void RemoveStaleTemporaries(string fullPath)
    {
        string dir = Path.GetDirectoryName(fullPath) ?? ".", name = Path.GetFileName(fullPath);
        if (!Directory.Exists(dir)) return;
        foreach (string candidate in Directory.EnumerateFiles(dir, $".{name}.*.tmp*"))
        {
            var match = TemporaryName().Match(Path.GetFileName(candidate));
            if (!match.Success || match.Groups["name"].Value != name) continue;
            if (RunClaim.ProcessStartOf(int.Parse(match.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture)) is not null) continue;
            try
            {
                File.Delete(candidate);
            }
            catch (IOException)
            {
                // Another process cleaning the same folder got there first.
            }
        }
    }

    [GeneratedRegex(@"^\.(?<name>.+)\.(?<pid>\d{1,9})\.[0-9a-f]{32}\.tmp(\.[^.]*)?$")]
    private static partial Regex TemporaryName();
}
