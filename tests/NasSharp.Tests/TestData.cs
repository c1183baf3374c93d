using System.Runtime.CompilerServices;
using NasSharp.Data;

namespace NasSharp.Tests;

/// <summary>The data root as a test run sees it: resolved from this source folder, so any output folder works.</summary>
public static class TestData
{
    /// <summary>The resolved data root (NASSHARP_DATA first, then ../shared/data above the repository).</summary>
    public static DataRoot Root => DataRoot.Resolve(workingDirectory: SourceFolder());

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
