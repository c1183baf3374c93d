using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NasSharp.Predictors;

namespace NasSharp.Persistence;

/// <summary>
/// The results file of a result folder (<c>rank.json</c>, <c>transfer.json</c>, ...), shared safely by any number of
/// processes: a run key is claimed before its work starts and recorded at most once (docs/DECISIONS.md, "Result
/// folders"). The file holds <c>{"results": [...], "config": {...}, "environment": {...}}</c> and is rewritten
/// atomically under an exclusive lock, so it doubles as the resume checkpoint; claims live beside it in
/// <c>.NAME.claims.json</c> and die with their process.
/// </summary>
/// <typeparam name="TRun">One finished run, serialised as an entry of <c>results</c>.</typeparam>
public sealed class ResultLedger<TRun> where TRun : class
{
    /// <summary>
    /// The number format of results files: indented, and NaN allowed as a literal (a diverged run's correlations).
    /// </summary>
    public static readonly JsonSerializerOptions ResultsJson = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(2);
    private static readonly JsonSerializerOptions ClaimJson = new() { WriteIndented = true, RespectRequiredConstructorParameters = true };
    private readonly JsonNode config;
    private readonly Func<TRun, string> keyOf;
    private readonly Comparison<TRun>? order;
    private readonly JsonSerializerOptions json;
    private readonly string lockPath;
    private readonly string claimsPath;
    private readonly string entries;
    private List<TRun> runs = [];

    /// <summary>
    /// Opens (or prepares) the results file <paramref name="path"/> of the experiment <paramref name="config"/>.
    /// </summary>
    /// <param name="path">The results file, e.g. <c>runs/x/rank.json</c>; its folder is created.</param>
    /// <param name="config">The experiment's settings, written into the file.</param>
    /// <param name="keyOf">The run key of an entry; no two entries may share one.</param>
    /// <param name="order">The order of entries in the file; null keeps the order they were recorded in.</param>
    /// <param name="json">Serializer options of <typeparamref name="TRun"/>; reading is strict on top of them.</param>
    /// <param name="sameExperiment">Whether a file's stored config describes this experiment (default: equal JSON).</param>
    /// <param name="entries">Name of the array of entries (<c>results</c>; <c>search.json</c> calls them <c>runs</c>).</param>
    /// <exception cref="InvalidDataException">The file holds another experiment's results, or is damaged.</exception>
    public ResultLedger(string path, JsonNode config, Func<TRun, string> keyOf, Comparison<TRun>? order, JsonSerializerOptions json,
        Func<JsonNode?, bool>? sameExperiment = null, string entries = "results")
    {
        this.entries = entries;
        Path = System.IO.Path.GetFullPath(path);
        string folder = System.IO.Path.GetDirectoryName(Path)!, name = System.IO.Path.GetFileName(Path);
        Directory.CreateDirectory(folder);
        lockPath = System.IO.Path.Combine(folder, $".{name}.lock");
        claimsPath = System.IO.Path.Combine(folder, $".{name}.claims.json");
        this.config = config.DeepClone();
        this.keyOf = keyOf;
        this.order = order;
        this.json = new JsonSerializerOptions(json)
        {
            RespectRequiredConstructorParameters = true,
            RespectNullableAnnotations = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        if (!File.Exists(Path)) return;
        var stored = Read(out runs);
        if (!(sameExperiment ?? (c => JsonNode.DeepEquals(c, config)))(stored))
            throw new InvalidDataException($"'{Path}' holds results of a different experiment (its \"config\" differs from this command's); " +
                                           "choose another --out folder or delete the file.");
    }

    /// <summary>Full path of the results file.</summary>
    public string Path { get; }

    /// <summary>Every recorded run as of the last read, in file order.</summary>
    public IReadOnlyList<TRun> Runs => runs;

    /// <summary>Whether <paramref name="key"/> was recorded as of the last read.</summary>
    public bool IsRecorded(string key) => runs.Any(r => keyOf(r) == key);

    /// <summary>Re-reads the file for runs other processes have recorded since.</summary>
    public void Refresh()
    {
        if (File.Exists(Path)) Read(out runs);
    }

    /// <summary>
    /// Claims <paramref name="key"/> for this process. Returns null when the key is recorded or held by another
    /// process that may still be running; a claim whose process has died is taken over.
    /// </summary>
    public RunClaim? TryClaim(string key) => Locked(() =>
    {
        Refresh();
        if (IsRecorded(key)) return null;
        var claims = ReadClaims();
        if (claims.FirstOrDefault(c => c.Key == key) is { } held)
        {
            if (held.IsMine) return held;
            if (held.HolderMayBeAlive) return null;
            claims.Remove(held);
        }
        var claim = RunClaim.ByThisProcess(key);
        claims.Add(claim);
        WriteClaims(claims);
        return claim;
    });

    /// <summary>
    /// Records <paramref name="run"/> under <paramref name="claim"/> (which it releases) and rewrites the file with
    /// every run any process has recorded. Returns false, recording nothing, when the key was recorded meanwhile.
    /// </summary>
    /// <exception cref="ArgumentException">The run's key is not the claimed one.</exception>
    public bool Record(RunClaim claim, TRun run)
    {
        if (keyOf(run) != claim.Key) throw new ArgumentException($"Run key '{keyOf(run)}' was not the claimed '{claim.Key}'.", nameof(run));
        return Locked(() =>
        {
            Refresh();
            bool fresh = !IsRecorded(claim.Key);
            if (fresh)
            {
                runs.Add(run);
                if (order is not null) runs.Sort(order);
                Write();
            }
            RemoveClaim(claim);
            return fresh;
        });
    }

    /// <summary>Gives <paramref name="claim"/> up without a result (the run failed), so another process may take it.</summary>
    public void Release(RunClaim claim) => Locked(() => { RemoveClaim(claim); return 0; });

    /// <summary>Rewrites the file with the runs recorded so far and this experiment's config (e.g. new sizes or seeds).</summary>
    public void Rewrite() => Locked(() => { Refresh(); Write(); return 0; });

    /// <summary>Claims held by other processes that may still be running, for keys not yet recorded.</summary>
    public IReadOnlyList<RunClaim> ForeignClaims()
    {
        Refresh();
        return [.. ReadClaims().Where(c => !c.IsMine && c.HolderMayBeAlive && !IsRecorded(c.Key))];
    }

    private JsonNode? Read(out List<TRun> read)
    {
        JsonNode? doc;
        try
        {
            doc = JsonNode.Parse(File.ReadAllText(Path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{Path}' is not valid JSON ({e.Message}); move it away to start afresh.", e);
        }
        if (doc is not JsonObject obj || obj[entries] is not JsonArray results)
            throw new InvalidDataException($"'{Path}' has no \"{entries}\" array; expected a NasSharp results file. Move it away to start afresh.");
        read = new List<TRun>(results.Count);
        var seen = new Dictionary<string, int>();
        for (int i = 0; i < results.Count; i++)
        {
            TRun run;
            try
            {
                run = results[i].Deserialize<TRun>(json) ?? throw new JsonException("the entry is null");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"'{Path}', {entries}[{i}]: not a complete entry ({e.Message}); repair or remove that entry.", e);
            }
            string key = keyOf(run);
            if (seen.TryGetValue(key, out int first))
                throw new InvalidDataException($"'{Path}', {entries}[{i}]: run '{key}' is recorded twice (also {entries}[{first}]); remove one of them.");
            seen[key] = i;
            read.Add(run);
        }
        return obj["config"];
    }

    private void Write()
    {
        var doc = new JsonObject
        {
            ["config"] = config.DeepClone(),
            ["environment"] = Environment(),
            [entries] = JsonSerializer.SerializeToNode(runs, json),
        };
        AtomicFile.WriteText(Path, doc.ToJsonString(json));
    }

    /// <summary>The <c>environment</c> block of every results file: code version, time, machine and torch threads.</summary>
    public static JsonObject Environment() => new()
    {
        ["code_version"] = CodeVersion.Current,
        ["written_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["machine"] = $"{System.Environment.OSVersion}, {System.Environment.ProcessorCount} cores, torch threads {get_num_threads()}",
    };

    private List<RunClaim> ReadClaims()
    {
        if (!File.Exists(claimsPath)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<RunClaim>>(File.ReadAllText(claimsPath), ClaimJson) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{claimsPath}' (which process holds which run) is damaged ({e.Message}); " +
                                           "delete it once no other process writes into this folder.", e);
        }
    }

    private void WriteClaims(List<RunClaim> claims) => AtomicFile.WriteText(claimsPath, JsonSerializer.Serialize(claims, ClaimJson));

    private void RemoveClaim(RunClaim claim)
    {
        var claims = ReadClaims();
        if (claims.RemoveAll(c => c == claim) > 0) WriteClaims(claims);
    }

    /// <summary>
    /// Runs <paramref name="action"/> holding an exclusive lock on the folder's lock file. .NET takes an advisory
    /// <c>flock</c> for <see cref="FileShare.None"/> on Unix; the kernel drops it when the process dies.
    /// </summary>
    private T Locked<T>(Func<T> action)
    {
        var clock = Stopwatch.StartNew();
        var jitter = new Random(System.Environment.ProcessId);
        FileStream? handle = null;
        while (handle is null)
        {
            try
            {
                handle = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (IsHeldElsewhere(e) && clock.Elapsed < LockTimeout)
            {
                Thread.Sleep(jitter.Next(5, 50));
            }
            catch (IOException e) when (IsHeldElsewhere(e))
            {
                throw new IOException($"Could not lock '{lockPath}' within {LockTimeout.TotalMinutes} min: another process holds it ({e.Message}).", e);
            }
        }
        using (handle) return action();
    }

    /// <summary>The lock is held by another open handle: EWOULDBLOCK from flock on Unix, a sharing violation on Windows.</summary>
    private static bool IsHeldElsewhere(IOException e) => (e.HResult & 0xFFFF) is 11 or 32;
}
