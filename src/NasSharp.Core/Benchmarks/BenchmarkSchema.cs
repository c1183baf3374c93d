using NasSharp.SearchSpaces;

namespace NasSharp.Benchmarks;

/// <summary>
/// How to read one benchmark file into a <see cref="BenchmarkTable"/>: the space, the columns that spell each
/// architecture, the metrics, and the redundant columns to check against the architecture.
/// </summary>
/// <param name="Name">Benchmark name, e.g. <c>nb201</c>.</param>
/// <param name="Space">Space that parses and canonicalises the architectures.</param>
/// <param name="Metrics">Metrics to read; each column must exist.</param>
public sealed record BenchmarkSchema(string Name, ISearchSpace Space, IReadOnlyList<MetricInfo> Metrics)
{
    /// <summary>
    /// Columns whose fields, joined by <c>':'</c>, spell the architecture (NB101: <c>adjacency</c> and <c>ops</c>).
    /// </summary>
    public IReadOnlyList<string> ArchitectureColumns { get; init; } = ["arch_str"];

    /// <summary>
    /// Optional column with the benchmark's own integer index of each row (NB201 <c>arch_index</c>); it must be unique
    /// and is exposed as <see cref="BenchmarkTable.Indices"/>.
    /// </summary>
    public string? IndexColumn { get; init; }

    /// <summary>
    /// Identity of a canonical architecture: rows with equal keys are duplicates and lookups match by key. Null means
    /// the canonical string itself; NB101 uses the module hash so isomorphic spellings meet.
    /// </summary>
    public Func<string, string>? Key { get; init; }

    /// <summary>What <see cref="Key"/> computes, for messages, e.g. <c>module hash</c>.</summary>
    public string KeyName { get; init; } = "canonical string";

    /// <summary>Optional column holding each row's <see cref="Key"/> as the file states it (NB101 <c>hash</c>).</summary>
    public string? KeyColumn { get; init; }

    /// <summary>
    /// How often the stated key is recomputed and compared: every row when 1, every k-th row (starting with the first)
    /// when k &gt; 1, never when 0. Rows not checked take the stated key as is, which keeps a large file fast to load.
    /// </summary>
    public int KeyCheckInterval { get; init; } = 1;

    /// <summary>
    /// Optional columns that restate something the architecture determines (NB201/TB101 <c>op_0to1</c>…, NB101
    /// <c>n_vertices</c>); each row is checked against <see cref="DerivedFields"/>.
    /// </summary>
    public IReadOnlyList<string> DerivedColumns { get; init; } = [];

    /// <summary>
    /// The fields <see cref="DerivedColumns"/> must hold for a canonical architecture, in the same order; required when
    /// there are derived columns.
    /// </summary>
    public Func<string, IReadOnlyList<string>>? DerivedFields { get; init; }
}
