namespace NasSharp.Persistence;

/// <summary>
/// Checks, before any work starts, that an output can be written where the user asked and would not overwrite one of
/// the command's inputs, so that a long run never fails at its end nor destroys what it read.
/// </summary>
public static class OutputLocation
{
    /// <summary>
    /// Ensures a file can be written at <paramref name="path"/> (its folder exists or can be created, and a file can
    /// be created in it); <paramref name="option"/> names the option in the message.
    /// </summary>
    /// <exception cref="ArgumentException">The path is a folder, or its folder cannot be created or written.</exception>
    public static void EnsureWritableFile(string path, string option)
    {
        string real = RealPath(path);
        if (Directory.Exists(real)) throw new ArgumentException($"{option} '{path}' is a folder; expected a file path.");
        Probe(Path.GetDirectoryName(real) ?? ".", path, option);
    }

    /// <summary>Ensures <paramref name="path"/> is (or can be created as) a folder in which files can be written.</summary>
    /// <exception cref="ArgumentException">The path is a file, or the folder cannot be created or written.</exception>
    public static void EnsureWritableFolder(string path, string option)
    {
        string real = RealPath(path);
        if (File.Exists(real)) throw new ArgumentException($"{option} '{path}' is a file; expected a folder for the results.");
        Probe(real, path, option);
    }

    /// <summary>
    /// Ensures the output <paramref name="output"/> is none of <paramref name="inputs"/> once links are resolved:
    /// writing it would destroy that input.
    /// </summary>
    /// <exception cref="ArgumentException">The output is one of the inputs.</exception>
    public static void EnsureNotAnInput(string output, string outputOption, params (string? Path, string Option)[] inputs)
    {
        string real = RealPath(output);
        foreach (var (input, inputOption) in inputs)
            if (input is not null && RealPath(input) == real)
                throw new ArgumentException($"{outputOption} '{output}' is the same file as {inputOption} '{input}'; writing it would destroy that input. " +
                                            $"Choose another {outputOption}.");
    }

    /// <summary>
    /// The absolute path with every symbolic link along it resolved, for paths that exist in part or not at all
    /// (links in the existing prefix are resolved, the rest is kept).
    /// </summary>
    public static string RealPath(string path)
    {
        string full = Path.GetFullPath(path);
        string? parent = Path.GetDirectoryName(full);
        if (parent is null) return full;
        string candidate = Path.Combine(RealPath(parent), Path.GetFileName(full));
        var info = new FileInfo(candidate);
        if (info.LinkTarget is null) return candidate;
        try
        {
            return info.ResolveLinkTarget(returnFinalTarget: true) is { } target ? RealPath(target.FullName) : candidate;
        }
        catch (IOException)
        {
            return candidate; // A link cycle: the path cannot be written anyway, and the probe says so.
        }
    }

    private static void Probe(string folder, string path, string option)
    {
        string probe = Path.Combine(folder, $".nassharp-write-probe.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write)) { }
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ArgumentException($"{option} '{path}': cannot write in '{folder}' ({e.Message.Replace(probe, folder, StringComparison.Ordinal)}).", e);
        }
    }
}
