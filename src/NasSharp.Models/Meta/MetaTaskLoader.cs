using NasSharp.Data;
using NasSharp.Encodings;
using NasSharp.Tasks;
using NasSharp.Unified;

namespace NasSharp.Meta;

/// <summary>
/// Catalog task names turned into meta-learning tasks, for everything that meta-trains (<c>meta-train</c>,
/// <see cref="Evaluation.TransferExperiment"/>): each task's table rows (<see cref="LoadedTask"/>: architectures, unified graphs, oriented
/// values) and the matching <see cref="MetaTask"/> over one padded <see cref="GraphBatch"/> in the unified
/// vocabulary, so that tasks of different spaces share one node-type width. An instance owns those batches:
/// dispose it once training and evaluation are done.
/// </summary>
/// <example>
/// <code>
/// using var sources = MetaTaskLoader.Load(root, ["nb201/cifar100", "tb101/jigsaw"]);
/// using var model = MetaTrainer.Train(sources.Tasks, MetaTrainingConfig.Cpu, seed: 0);
/// </code>
/// </example>
public sealed class MetaTaskLoader : IDisposable
{
    private readonly GraphBatch[] batches;

    private MetaTaskLoader(LoadedTask[] loaded, MetaTask[] tasks, GraphBatch[] batches)
    {
        Loaded = loaded;
        Tasks = tasks;
        this.batches = batches;
    }

    /// <summary>The tasks' data, in the order of the names given.</summary>
    public IReadOnlyList<LoadedTask> Loaded { get; }

    /// <summary>
    /// The meta-learning tasks, aligned with <see cref="Loaded"/>: named as in the catalog, every architecture of the
    /// task, values z-scored per task. Their <see cref="MetaTask.Graphs"/> are valid until this instance is disposed.
    /// </summary>
    public IReadOnlyList<MetaTask> Tasks { get; }

    /// <summary>
    /// Loads <paramref name="names"/> through <see cref="TaskCatalog.Load(DataRoot, IReadOnlyList{string})"/> (each
    /// benchmark table read once) and builds one batch per task on <paramref name="device"/> (default: the CPU), where
    /// <see cref="MetaTrainer"/> and <see cref="MetaTester"/> then compute.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name (the message lists the valid ones), or a task whose values are all equal.</exception>
    /// <exception cref="FileNotFoundException">A task's table is not under <paramref name="root"/>.</exception>
    /// <exception cref="DataFormatException">A table is malformed.</exception>
    public static MetaTaskLoader Load(DataRoot root, IReadOnlyList<string> names, Device? device = null)
    {
        LoadedTask[] loaded = [.. TaskCatalog.Load(root, names)];
        var batches = new List<GraphBatch>(loaded.Length);
        try
        {
            var tasks = new MetaTask[loaded.Length];
            for (int i = 0; i < loaded.Length; i++)
            {
                batches.Add(GraphBatch.Create(loaded[i].Graphs, UnifiedVocabulary.Count, UnifiedEncoder.MaxNodes, device));
                tasks[i] = new MetaTask(loaded[i].Task.Name, batches[i], loaded[i].Values);
            }
            return new MetaTaskLoader(loaded, tasks, [.. batches]);
        }
        catch
        {
            // A task rejected half-way must not leak the native memory of the batches built before it.
            foreach (var batch in batches) batch.Dispose();
            throw;
        }
    }

    /// <summary>Disposes the tasks' graph batches.</summary>
    public void Dispose()
    {
        foreach (var batch in batches) batch.Dispose();
    }
}
