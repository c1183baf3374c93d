using System.Globalization;
using NasSharp.Encodings;
using NasSharp.Graphs;
using NasSharp.Meta;
using NasSharp.Sampling;
using NasSharp.Tasks;
using NasSharp.Unified;

namespace NasSharp.Evaluation;

/// <summary>
/// The synthetic study of mp-nas §4.1 for one seed. The seed fixes which <c>MetaArchitectures</c> cells MP-NAS is
/// meta-trained on (the paper's 256) and every noise draw; the held-out task is one more noisy copy of the baseline,
/// evaluated like <see cref="TransferProtocol"/> on the cells outside the meta-training set. Task j draws the same noise
/// for every setting with the same σ, so adding tasks only adds tasks (panels B and C compare nested sets).
/// </summary>
/// <remarks>Owns two graph batches: dispose after use.</remarks>
public sealed class SyntheticStudy : IDisposable
{
    // Keeps the seeds of one study's noise draws apart from those of the next study seed.
    private const int SeedStride = 1_000_003;
    private const int UncorrelatedOffset = 500_000;

    private readonly IReadOnlyList<double> baseline;
    private readonly int[] metaRows;
    private readonly int[] testRows;
    private readonly GraphBatch metaBatch;
    private readonly GraphBatch testBatch;

    /// <param name="graphs">Unified graphs of the baseline task's architectures.</param>
    /// <param name="baseline">The baseline task's oriented values (the paper: NB201 CIFAR-100 validation accuracy).</param>
    /// <param name="metaArchitectures">Cells MP-NAS is meta-trained on.</param>
    /// <param name="seed">Study seed.</param>
    /// <param name="device">Where the graph batches live (default: the CPU).</param>
    /// <exception cref="ArgumentException">Mismatched lengths, or too few cells left to test on.</exception>
    public SyntheticStudy(IReadOnlyList<CellGraph> graphs, IReadOnlyList<double> baseline, int metaArchitectures, int seed, Device? device = null)
    {
        if (graphs.Count != baseline.Count)
            throw new ArgumentException($"{graphs.Count} graphs but {baseline.Count} baseline values.", nameof(baseline));
        if (metaArchitectures < 2 || metaArchitectures > graphs.Count - 2)
            throw new ArgumentOutOfRangeException(nameof(metaArchitectures), metaArchitectures,
                $"The meta-training cells must number between 2 and {graphs.Count - 2}, leaving cells to test on.");
        this.baseline = baseline;
        Seed = seed;
        metaRows = SeededSubset.Indices(graphs.Count, metaArchitectures, seed);
        var inMeta = new bool[graphs.Count];
        foreach (int r in metaRows) inMeta[r] = true;
        testRows = [.. Enumerable.Range(0, graphs.Count).Where(r => !inMeta[r])];
        metaBatch = GraphBatch.Create([.. metaRows.Select(r => graphs[r])], UnifiedVocabulary.Count, UnifiedEncoder.MaxNodes, device);
        testBatch = GraphBatch.Create([.. testRows.Select(r => graphs[r])], UnifiedVocabulary.Count, UnifiedEncoder.MaxNodes, device);
    }

    /// <summary>Study seed.</summary>
    public int Seed { get; }

    /// <summary>Cells the held-out task is evaluated on (all but the meta-training cells).</summary>
    public int TestCount => testRows.Length;

    /// <summary>
    /// The meta-training tasks of <paramref name="setting"/> over the meta-training cells: its correlated tasks
    /// (Eq. 8), then its pure-noise tasks. Names carry σ, so a model cached by task names is never reused across σ.
    /// </summary>
    public IReadOnlyList<MetaTask> MetaTrainingTasks(SyntheticSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        setting.Validate();
        string sigma = setting.Sigma.ToString(CultureInfo.InvariantCulture);
        var tasks = new List<MetaTask>();
        for (int j = 0; j < setting.CorrelatedTasks; j++)
        {
            double[] values = CorrelatedNoiseTasks.Correlated(baseline, setting.Sigma, Seed * SeedStride + 1 + j);
            tasks.Add(new MetaTask($"synthetic/sigma={sigma}/correlated-{j}", metaBatch, [.. metaRows.Select(r => values[r])]));
        }
        for (int u = 0; u < setting.UncorrelatedTasks; u++)
            tasks.Add(new MetaTask($"synthetic/noise-{u}", metaBatch, CorrelatedNoiseTasks.Uncorrelated(metaRows.Length, Seed * SeedStride + UncorrelatedOffset + u)));
        return tasks;
    }

    /// <summary>The held-out task of <paramref name="setting"/>: another noisy copy (σ) on the cells outside meta-training.</summary>
    public MetaTask HeldOutTask(SyntheticSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        setting.Validate();
        double[] values = CorrelatedNoiseTasks.Correlated(baseline, setting.Sigma, Seed * SeedStride);
        return new MetaTask($"synthetic/sigma={setting.Sigma.ToString(CultureInfo.InvariantCulture)}/held-out", testBatch,
            [.. testRows.Select(r => values[r])]);
    }

    /// <summary>Disposes the graph batches.</summary>
    public void Dispose()
    {
        metaBatch.Dispose();
        testBatch.Dispose();
    }
}
