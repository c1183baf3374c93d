using System.Reflection;

namespace NasSharp.Cli.Commands;

/// <summary>
/// The command line that starts nassharp again: the running program's, or one the user names. An apphost
/// (<c>nassharp</c>) runs alone; <c>dotnet nassharp.dll</c> needs the host and the assembly both.
/// </summary>
public static class NassharpProgram
{
    /// <summary>The running nassharp's command line (absolute paths), or null when the running program is not nassharp (a test host, a program embedding the library).</summary>
    public static IReadOnlyList<string>? Running()
    {
        if (Assembly.GetEntryAssembly() is not { } entry || entry.GetName().Name != "nassharp" || Environment.ProcessPath is not { } process) return null;
        return IsDotnetHost(process) ? [process, entry.Location] : [process];
    }

    /// <summary>
    /// The command line of the nassharp at <paramref name="path"/> (<c>--nassharp</c>): the executable itself, or for a
    /// <c>.dll</c> the dotnet host (the running one when this is dotnet, else <c>dotnet</c> from PATH) and the assembly.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static IReadOnlyList<string> At(string path, string option = "--nassharp")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"{option} '{path}': no such file; expected the nassharp executable or nassharp.dll.", full);
        if (!full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) return [full];
        string host = Environment.ProcessPath is { } process && IsDotnetHost(process) ? process : "dotnet";
        return [host, full];
    }

    private static bool IsDotnetHost(string processPath) => Path.GetFileNameWithoutExtension(processPath) == "dotnet";
}
