using NasSharp.Benchmarks;
using NasSharp.Graphs;
using NasSharp.Unified;

namespace NasSharp.Tasks;

/// <summary>
/// A task with its data: the architectures that have a value for the task's metric, their unified graphs and their
/// oriented values (higher is better, <see cref="NasTask.Orient"/>), all aligned and in table order.
/// </summary>
public sealed class LoadedTask
{
    private readonly string[] architectures;
    private readonly CellGraph[] graphs;
    private readonly double[] values;

    private LoadedTask(NasTask task, string[] architectures, CellGraph[] graphs, double[] values, int missing)
    {
        Task = task;
        this.architectures = architectures;
        this.graphs = graphs;
        this.values = values;
        MissingCount = missing;
    }

    /// <summary>The task.</summary>
    public NasTask Task { get; }

    /// <summary>Canonical architecture strings of the task's space.</summary>
    public IReadOnlyList<string> Architectures => architectures;

    /// <summary>Unified graphs (<see cref="UnifiedEncoder"/>), aligned with <see cref="Architectures"/>.</summary>
    public IReadOnlyList<CellGraph> Graphs => graphs;

    /// <summary>Oriented metric values (higher is better), aligned with <see cref="Architectures"/>.</summary>
    public IReadOnlyList<double> Values => values;

    /// <summary>Number of architectures.</summary>
    public int Count => architectures.Length;

    /// <summary>Rows of the table that were dropped because they have no value for the metric.</summary>
    public int MissingCount { get; }

    /// <summary>
    /// The rows of <paramref name="table"/> that have a value for <paramref name="task"/>'s metric (rows where it is
    /// missing are dropped), encoded and oriented. Lets callers load one table once for several of its tasks.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="table"/> is not the task's benchmark.</exception>
    public static LoadedTask FromTable(NasTask task, BenchmarkTable table)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(table);
        if (table.Name != task.Benchmark)
            throw new ArgumentException($"Task '{task.Name}' reads benchmark '{task.Benchmark}', not '{table.Name}'.", nameof(table));
        double[] raw = table.Values(task.Metric);
        int[] rows = [.. Enumerable.Range(0, table.Count).Where(r => !double.IsNaN(raw[r]))];
        var encoder = new UnifiedEncoder(table.Space);
        return new LoadedTask(task,
            [.. rows.Select(r => table.Architectures[r])],
            [.. rows.Select(r => encoder.Encode(table.Architectures[r]))],
            [.. rows.Select(r => task.Orient(raw[r]))],
            table.Count - rows.Length);
    }
}
