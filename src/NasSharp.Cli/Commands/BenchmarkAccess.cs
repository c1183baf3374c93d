using NasSharp.Benchmarks;
using NasSharp.Data;
using NasSharp.Evaluation;
using NasSharp.Images;
using NasSharp.Predictors;
using NasSharp.SearchSpaces;

namespace NasSharp.Cli.Commands;

/// <summary>Turns a (space, target) on the command line into the data the commands need.</summary>
public static class BenchmarkAccess
{
    /// <summary>The paper's training sizes (HyperNAS Table 1): NB201 0.25/0.5/1/3 %, NB101 50/100/172/424.</summary>
    public static int[] PaperTrainSizes(ISearchSpace space) => space.Name switch
    {
        "nb101" => [50, 100, 172, 424],
        _ => [39, 78, 156, 469],
    };

    /// <summary>The sizes given on the command line, or the paper's when none were (the parser yields an empty list).</summary>
    public static int[] TrainSizesOrPaper(int[]? given, ISearchSpace space) =>
        given is { Length: > 0 } ? given : PaperTrainSizes(space);

    /// <summary>
    /// Every <c>--target</c> each space accepts, from <see cref="BenchmarkCatalog.RankingTargets"/>, so the help cannot
    /// drift from what the commands accept: <c>nb201: cifar10 (train on cifar10-valid, evaluate on cifar10-test), …; nb101: …</c>.
    /// A target trained and evaluated on the metric of its own name is listed bare.
    /// </summary>
    public static string TargetsHelp() => string.Join("; ", SearchSpaceCatalog.Names
        .Select(name => (Name: name, Targets: BenchmarkCatalog.RankingTargets(SearchSpaceCatalog.Get(name))))
        .Where(s => s.Targets.Count > 0)
        .Select(s => $"{s.Name}: {string.Join(", ", s.Targets.Select(t => t.TrainMetric == t.Name && t.EvalMetric == t.Name ? t.Name : t.ToString()))}"));

    /// <summary>Loads the benchmark of <paramref name="space"/> and aligns the target's training and evaluation metrics.</summary>
    public static RankingTask LoadRankingTask(DataRoot root, ISearchSpace space, string target)
    {
        var rankingTarget = BenchmarkCatalog.RankingTarget(space, target);
        var table = BenchmarkCatalog.Load(root, space);
        return new RankingTask(space, rankingTarget.Name, rankingTarget.TrainMetric, rankingTarget.EvalMetric,
            table.Architectures, table.Values(rankingTarget.TrainMetric), table.Values(rankingTarget.EvalMetric));
    }

    /// <summary>CIFAR-10 training images when <paramref name="kind"/> trains on them, otherwise null (nothing is read).</summary>
    public static Cifar10Dataset? ImagesFor(DataRoot root, PredictorKind kind) => kind.UsesImages ? Cifar10Dataset.LoadTrain(root) : null;

    /// <summary>Every architecture of the space (the data root is only resolved when the pool lives in a file).</summary>
    public static IReadOnlyList<string> LoadPool(Func<DataRoot> root, ISearchSpace space) => BenchmarkCatalog.LoadPool(root, space);
}
