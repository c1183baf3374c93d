using System.Diagnostics;
using NasSharp.Benchmarks;
using NasSharp.Data;
using NasSharp.SearchSpaces;

namespace NasSharp.Studies.Evaluation;

/// <summary>
/// Answers an evaluation from a benchmark table instead of training (<c>nassharp evaluate --from-table</c>): the
/// target's validation accuracy as the value, its test accuracy as the report and the network's parameters, the
/// numbers <c>nassharp search</c> queries, so a study answered this way can be checked against an in-memory search.
/// </summary>
public sealed class TableEvaluator
{
    private readonly BenchmarkTable table;
    private readonly RankingTarget target;
    private readonly string? costMetric;
    private readonly string? paramsMetric;

    private TableEvaluator(BenchmarkTable table, RankingTarget target, string? costMetric)
    {
        this.table = table;
        this.target = target;
        this.costMetric = costMetric;
        if (costMetric is not null) table.Metric(costMetric);
        string candidate = $"params-{target.Name}";
        paramsMetric = table.HasMetric(candidate) ? candidate : null;
    }

    /// <summary>The benchmark of <paramref name="space"/> for <paramref name="target"/> under <paramref name="root"/>; <paramref name="costMetric"/> (e.g. train-time-cifar10-valid) becomes the seconds.</summary>
    /// <exception cref="ArgumentException">Unknown space, target or metric.</exception>
    /// <exception cref="FileNotFoundException">The table is missing.</exception>
    public static TableEvaluator Load(DataRoot root, string space, string target, string? costMetric = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var searchSpace = SearchSpaceCatalog.Get(space);
        var rankingTarget = BenchmarkCatalog.RankingTarget(searchSpace, target);
        return new TableEvaluator(BenchmarkCatalog.Load(root, searchSpace), rankingTarget, costMetric);
    }

    /// <summary>The table's answer for <paramref name="arch"/>.</summary>
    /// <exception cref="ArchitectureFormatException">Not an architecture of the space.</exception>
    /// <exception cref="ArgumentException">The table has no row, or no value of the target, for it.</exception>
    public EvaluationResult Evaluate(string arch)
    {
        ArgumentNullException.ThrowIfNull(arch);
        var clock = Stopwatch.StartNew();
        int row = table.IndexOf(arch);
        if (row < 0) throw new ArgumentException($"{table.SourceFile} has no row for '{arch}'.");
        double value = table.Value(target.TrainMetric, row);
        if (double.IsNaN(value))
            throw new ArgumentException($"{table.SourceFile} line {table.SourceLine(row)} has no {target.TrainMetric} value for '{arch}'.");
        double? report = target.EvalMetric == target.TrainMetric ? null : table.Value(target.EvalMetric, row);
        double? parameters = paramsMetric is null ? null : table.Value(paramsMetric, row);
        double seconds = costMetric is null ? clock.Elapsed.TotalSeconds : table.Value(costMetric, row);
        return new EvaluationResult(value, report is { } r && double.IsNaN(r) ? null : report, parameters, seconds, arch,
            $"{table.SourceFile} ({target.TrainMetric}{(report is null ? "" : $", report {target.EvalMetric}")})");
    }
}
