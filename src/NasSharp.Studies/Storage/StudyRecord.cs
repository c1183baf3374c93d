namespace NasSharp.Studies.Storage;

/// <summary>A study as its store holds it.</summary>
/// <param name="Id">Store id.</param>
/// <param name="Definition">What it searches.</param>
/// <param name="Created">When it was created.</param>
public sealed record StudyRecord(long Id, StudyDefinition Definition, DateTimeOffset Created);
