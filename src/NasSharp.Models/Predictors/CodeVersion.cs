using System.Reflection;

namespace NasSharp.Predictors;

/// <summary>The running NasSharp version, recorded in every model and result file.</summary>
public static class CodeVersion
{
    /// <summary>Informational version of the Models assembly (the SDK appends the git commit when available).</summary>
    public static string Current { get; } =
        typeof(CodeVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
