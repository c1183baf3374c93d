using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NasSharp.Data;
using NasSharp.Persistence;
using NasSharp.SearchSpaces;

namespace NasSharp.Proxies;

/// <summary>
/// A proxies file: CSV <c>arch,&lt;proxy&gt;,...</c> (canonical strings; an empty field where a score is undefined) and
/// beside it <c>PATH.settings.json</c>, the <see cref="ProxyConfig"/> that made it. Both are written atomically; the
/// CSV is rewritten whole at every checkpoint, so a killed run leaves the last checkpoint, never a half row.
/// </summary>
public static class ProxyFile
{
    /// <summary>The settings file of <paramref name="path"/>.</summary>
    public static string SettingsPath(string path) => path + ".settings.json";

    /// <summary>
    /// The rows already in <paramref name="path"/> when it was made with <paramref name="config"/>, or none when it
    /// does not exist; records <paramref name="config"/> beside it for the run that follows.
    /// </summary>
    /// <exception cref="InvalidDataException">The file was made with other settings, or has no settings file.</exception>
    /// <exception cref="DataFormatException">The file is damaged; the message names file, line and column.</exception>
    public static IReadOnlyList<ProxyRow> Resume(string path, ProxyConfig config, ISearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(config);
        string settingsPath = SettingsPath(path);
        var settings = config.ToJson();
        if (!File.Exists(path))
        {
            AtomicFile.WriteText(settingsPath, settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            return [];
        }
        if (!File.Exists(settingsPath))
            throw new InvalidDataException($"'{path}' exists but its settings file '{settingsPath}' does not, so it cannot be resumed: " +
                                           "remove it or choose another output file.");
        JsonNode? stored;
        try
        {
            stored = JsonNode.Parse(File.ReadAllText(settingsPath));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Settings file '{settingsPath}' is damaged ({e.Message}); remove it and '{path}', or choose another output file.", e);
        }
        if (!JsonNode.DeepEquals(stored, settings))
            throw new InvalidDataException($"'{path}' was made with other settings ({settingsPath}: {stored?.ToJsonString()}); this run has " +
                                           $"{settings.ToJsonString()}. Use the same settings to resume, or another output file.");
        var (proxies, rows) = Read(path, space);
        if (!proxies.SequenceEqual(config.ProxyNames))
            throw new DataFormatException(path, 1, null, $"has columns arch,{string.Join(",", proxies)}; its settings say arch,{string.Join(",", config.ProxyNames)}");
        return rows;
    }

    /// <summary>Reads a proxies file: its proxy names (the columns after <c>arch</c>) and its rows.</summary>
    /// <exception cref="DataFormatException">
    /// No <c>arch</c> first column, an unknown proxy column, an architecture not of <paramref name="space"/> or listed
    /// twice, or a field that is neither a number nor empty; the message names file, line and column.
    /// </exception>
    public static (IReadOnlyList<string> Proxies, IReadOnlyList<ProxyRow> Rows) Read(string path, ISearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        using var csv = CsvReader.Open(path);
        if (csv.Header[0] != "arch")
            throw new DataFormatException(path, 1, csv.Header[0], "expected the first column to be 'arch'");
        var proxies = csv.Header.Skip(1).ToArray();
        if (proxies.Length == 0) throw new DataFormatException(path, 1, null, "expected at least one proxy column after 'arch'");
        if (proxies.FirstOrDefault(p => !ZeroCostProxies.Names.Contains(p)) is { } unknown)
            throw new DataFormatException(path, 1, unknown, $"not a proxy; expected one of {string.Join(", ", ZeroCostProxies.Names)}");
        var rows = new List<ProxyRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            string arch;
            try
            {
                arch = space.Canonicalize(csv[0]);
            }
            catch (ArchitectureFormatException e)
            {
                throw new DataFormatException(path, csv.Line, "arch", $"not a {space.Name} architecture: {e.Message}");
            }
            if (!seen.TryAdd(arch, csv.Line))
                throw new DataFormatException(path, csv.Line, "arch", $"architecture '{arch}' is listed again (first on line {seen[arch]})");
            var scores = new double[proxies.Length];
            for (int p = 0; p < proxies.Length; p++)
            {
                string field = csv[p + 1];
                if (field.Length == 0) scores[p] = double.NaN;
                else if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out scores[p]) || !double.IsFinite(scores[p]))
                    throw new DataFormatException(path, csv.Line, proxies[p], $"expected a finite number or an empty field (undefined score), found '{field}'");
            }
            rows.Add(new ProxyRow(arch, scores));
        }
        return (proxies, rows);
    }

    /// <summary>Writes <paramref name="rows"/> atomically under the header <c>arch,&lt;proxies&gt;</c>.</summary>
    public static void Write(string path, IReadOnlyList<string> proxies, IEnumerable<ProxyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(proxies);
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder("arch");
        foreach (string p in proxies) sb.Append(',').Append(p);
        sb.Append('\n');
        foreach (var row in rows)
        {
            if (row.Scores.Count != proxies.Count)
                throw new ArgumentException($"Row '{row.Architecture}' has {row.Scores.Count} scores for {proxies.Count} proxies.");
            sb.Append(row.Architecture);
            foreach (double s in row.Scores)
                sb.Append(',').Append(double.IsFinite(s) ? s.ToString("R", CultureInfo.InvariantCulture) : "");
            sb.Append('\n');
        }
        AtomicFile.WriteText(path, sb.ToString());
    }
}
