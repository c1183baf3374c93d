namespace NasSharp.Data;

/// <summary>
/// The folder that holds the benchmark tables (SPEC §1). Resolution order: an explicit <c>--data</c> folder, the
/// <c>NASSHARP_DATA</c> environment variable, <c>./data</c>, then <c>../shared/data</c> (searched upwards from the
/// working directory so that tests and tools run from sub-folders still find it).
/// </summary>
public sealed class DataRoot
{
    /// <summary>Name of the environment variable that points at the data root.</summary>
    public const string EnvironmentVariable = "NASSHARP_DATA";

    private DataRoot(string path, string source) => (Path, Source) = (path, source);

    /// <summary>Absolute path of the data folder.</summary>
    public string Path { get; }

    /// <summary>How the folder was found (for messages), e.g. <c>--data</c> or <c>NASSHARP_DATA</c>.</summary>
    public string Source { get; }

    /// <summary>Absolute path of a file below the root, e.g. <c>File("nb201", "nb201.csv")</c>.</summary>
    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Like <see cref="File"/>, but fails with a message naming the data root when the file is absent.</summary>
    public string RequireFile(params string[] parts)
    {
        string file = File(parts);
        if (!System.IO.File.Exists(file))
            throw new FileNotFoundException(
                $"Data file '{file}' not found under the data root '{Path}' (found via {Source}). " +
                $"Point --data or {EnvironmentVariable} at the folder that holds {string.Join('/', parts)}.", file);
        return file;
    }

    /// <summary>Resolves the data root; <paramref name="explicitPath"/> is the <c>--data</c> option when given.</summary>
    /// <exception cref="DirectoryNotFoundException">No candidate exists; the message lists every place tried.</exception>
    public static DataRoot Resolve(string? explicitPath = null, string? workingDirectory = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
            return Existing(explicitPath, "--data");
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
            return Existing(env, EnvironmentVariable);

        string cwd = System.IO.Path.GetFullPath(workingDirectory ?? Directory.GetCurrentDirectory());
        var tried = new List<string>();
        string local = System.IO.Path.Combine(cwd, "data");
        tried.Add(local);
        if (Directory.Exists(local)) return new DataRoot(local, "./data");
        for (var dir = new DirectoryInfo(cwd); dir is not null; dir = dir.Parent)
        {
            string shared = System.IO.Path.Combine(dir.FullName, "..", "shared", "data");
            string full = System.IO.Path.GetFullPath(shared);
            tried.Add(full);
            if (Directory.Exists(full)) return new DataRoot(full, "../shared/data");
        }
        throw new DirectoryNotFoundException(
            $"No data root found. Pass --data DIR or set {EnvironmentVariable}. Tried: {string.Join(", ", tried.Distinct())}.");
    }

    private static DataRoot Existing(string path, string source)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
            throw new DirectoryNotFoundException($"Data root '{full}' given by {source} does not exist.");
        return new DataRoot(full, source);
    }
}
