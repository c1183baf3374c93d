using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NasSharp.Meta;
using NasSharp.SearchSpaces;
using NasSharp.Tasks;

namespace NasSharp.Evaluation.FewShot;

/// <summary>
/// How far above the zero-shot FLOPs proxy any few-shot cost fit could get on a device task, measured in-sample with
/// every cell of the task as its support: the best ranking by any function of the cell's operation counts (each count
/// vector ranked by its cells' mean value) and by a least-squares fit of the cost default's own features (operation
/// counts, log FLOPs, log parameters and the other devices' log latencies, leave-device-out as in
/// <see cref="DeviceCatalog.PriorFor"/>). A few-shot fit from K cells estimates one of these from K values, so where
/// the ceilings sit barely above FLOPs no K-cell fit can be expected to beat FLOPs (docs/RESULTS.md, "few-shot cost
/// ceilings").
/// </summary>
/// <param name="Task">The catalog task.</param>
/// <param name="Cells">The cells it has values for (all of them are the support here).</param>
/// <param name="Flops">Spearman ρ of −FLOPs with the task's oriented values.</param>
/// <param name="OpCountFunction">Spearman ρ of the best function of the operation counts (in-sample group means).</param>
/// <param name="LinearFit">Spearman ρ of the in-sample least-squares fit of the log cost on the cost default's features.</param>
/// <param name="Features">How many features that fit reads (the prior lacks the held-out device's columns).</param>
public sealed record CostCeiling(string Task, int Cells, double Flops, double OpCountFunction, double LinearFit, int Features)
{
    /// <summary>
    /// The penalty of the in-sample fit, in units of the standardised cells (<see cref="FeatureRidgeConfig.Penalties"/>):
    /// negligible against 15,625 cells, it only resolves the operation counts' collinearity (they sum to 6).
    /// </summary>
    public const double LeastSquaresPenalty = 1e-3;

    /// <summary>Measures the ceilings of <paramref name="task"/>, a device latency of NB201, from <paramref name="costs"/>.</summary>
    /// <exception cref="ArgumentException">The task is no NB201 device latency.</exception>
    /// <exception cref="KeyNotFoundException">A cell of the task has no row in <paramref name="costs"/>.</exception>
    public static CostCeiling Measure(LoadedTask task, ICostColumns costs)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(costs);
        string device = DeviceCatalog.DeviceOf(task.Task.Name) is { } d && task.Task.Space == "nb201" ? d
            : throw new ArgumentException($"Task '{task.Task.Name}' is not an nb201 device latency; the cost ceilings describe those only.");
        var space = SearchSpaceCatalog.Get(task.Task.Space);
        var archs = task.Architectures;
        var values = task.Values;

        double[] minusFlops = CostFeatures.MinusFlops(space, costs, archs);

        var counts = new Nb201OperationCounts();
        string[] keys = [.. archs.Select(a => string.Join(",", counts.Compute(a)))];
        var groupMean = keys.Zip(values).GroupBy(p => p.First, p => p.Second).ToDictionary(g => g.Key, g => g.Average());
        double[] byCounts = [.. keys.Select(k => groupMean[k])];

        var features = FewShotFitter.CostPredictor(new FewShotRequest(space, archs, values, FewShotFitter.Default, 0) { Costs = costs, ExcludedDevice = device });
        double[][] rows = [.. archs.Select(features.Compute)];
        var logCosts = FeatureRidgePredictor.LogMagnitudes(values, -1);
        var fit = StandardisedRidge.Fit(features.Names, rows, logCosts, LeastSquaresPenalty);
        double[] fitted = [.. rows.Select(fit.Predict)];

        double[] y = [.. values];
        return new CostCeiling(task.Task.Name, archs.Count, RankCorrelation.Spearman(minusFlops, y), RankCorrelation.Spearman(byCounts, y),
            RankCorrelation.Spearman(fitted, y), features.Names.Count);
    }

    /// <summary>How far the best ceiling is above FLOPs: the most a few-shot fit could gain.</summary>
    public double Headroom => Math.Max(OpCountFunction, LinearFit) - Flops;

    /// <summary>The ceilings as CSV, one row per task, with a header.</summary>
    public static string ToCsv(IEnumerable<CostCeiling> ceilings)
    {
        ArgumentNullException.ThrowIfNull(ceilings);
        var sb = new StringBuilder("task,cells,flops,op_count_function,linear_fit,features,headroom\n");
        foreach (var c in ceilings)
            sb.Append(CultureInfo.InvariantCulture, $"{c.Task},{c.Cells},{c.Flops:R},{c.OpCountFunction:R},{c.LinearFit:R},{c.Features},{c.Headroom:R}\n");
        return sb.ToString();
    }

    /// <summary>The ceilings as an indented JSON document, with the code version that measured them.</summary>
    public static string ToJson(IEnumerable<CostCeiling> ceilings)
    {
        ArgumentNullException.ThrowIfNull(ceilings);
        var root = new JsonObject
        {
            ["ceilings"] = new JsonArray([.. ceilings.Select(c => (JsonNode)new JsonObject
            {
                ["task"] = c.Task, ["cells"] = c.Cells, ["flops"] = c.Flops, ["op_count_function"] = c.OpCountFunction,
                ["linear_fit"] = c.LinearFit, ["features"] = c.Features, ["headroom"] = c.Headroom,
            })]),
            ["code_version"] = Predictors.CodeVersion.Current,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
