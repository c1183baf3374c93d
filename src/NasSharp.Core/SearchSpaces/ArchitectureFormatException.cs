namespace NasSharp.SearchSpaces;

/// <summary>An architecture string or graph that is not a valid member of its search space.</summary>
public sealed class ArchitectureFormatException(string message) : FormatException(message);
