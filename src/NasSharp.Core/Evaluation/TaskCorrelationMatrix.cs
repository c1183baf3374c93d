using NasSharp.Tasks;

namespace NasSharp.Evaluation;

/// <summary>
/// Spearman ρ between every pair of tasks over the architectures both have values for (mp-nas Appendix Figure 5:
/// how alike the meta-training tasks are). Tasks of different spaces share no architecture, so their ρ is NaN
/// with zero shared cells.
/// </summary>
public sealed class TaskCorrelationMatrix
{
    private readonly double[,] spearman;
    private readonly int[,] shared;

    private TaskCorrelationMatrix(string[] names, double[,] spearman, int[,] shared)
    {
        Names = names;
        this.spearman = spearman;
        this.shared = shared;
    }

    /// <summary>Task names, in the order given.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Spearman ρ of tasks <paramref name="i"/> and <paramref name="j"/> over their shared cells (NaN below 2 shared cells).</summary>
    public double Spearman(int i, int j) => spearman[i, j];

    /// <summary>How many architectures tasks <paramref name="i"/> and <paramref name="j"/> both have values for.</summary>
    public int SharedCells(int i, int j) => shared[i, j];

    /// <summary>
    /// Correlates every pair of <paramref name="tasks"/>; with <paramref name="within"/>, only over architectures in
    /// that set (for instance the cells of a task measured on a subset only), so every pair is compared on the same
    /// kind of cells.
    /// </summary>
    /// <exception cref="ArgumentException">No tasks, or two tasks with the same name.</exception>
    public static TaskCorrelationMatrix Compute(IReadOnlyList<LoadedTask> tasks, IReadOnlySet<string>? within = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0) throw new ArgumentException("Correlating tasks needs at least one task.", nameof(tasks));
        if (tasks.GroupBy(t => t.Task.Name).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            throw new ArgumentException($"Task '{duplicate.Key}' is given twice.", nameof(tasks));
        var lookups = tasks.Select(t => Enumerable.Range(0, t.Count)
            .Where(r => within is null || within.Contains(t.Architectures[r]))
            .ToDictionary(r => t.Architectures[r], r => t.Values[r], StringComparer.Ordinal)).ToArray();
        int n = tasks.Count;
        var rho = new double[n, n];
        var counts = new int[n, n];
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++)
            {
                var (a, b) = Paired(lookups[i], lookups[j]);
                counts[i, j] = counts[j, i] = a.Length;
                rho[i, j] = rho[j, i] = a.Length < 2 ? double.NaN : RankCorrelation.Spearman(a, b);
            }
        return new TaskCorrelationMatrix([.. tasks.Select(t => t.Task.Name)], rho, counts);
    }

    /// <summary>The two tasks' values on the architectures both have, in the first task's order.</summary>
    private static (double[] First, double[] Second) Paired(Dictionary<string, double> first, Dictionary<string, double> second)
    {
        var a = new List<double>();
        var b = new List<double>();
        foreach (var (arch, value) in first)
            if (second.TryGetValue(arch, out double other))
            {
                a.Add(value);
                b.Add(other);
            }
        return ([.. a], [.. b]);
    }
}
