using NasSharp.Cli.Commands;
using NasSharp.Evaluation;

namespace NasSharp.Tests.Cli;

public class CompareTableTests
{
    private static RankingRun Run(string predictor, int size, int seed, double tau) =>
        new(predictor, "nb201", "cifar10", size, seed, tau, tau, tau, 0.5, 1);

    [Fact]
    public void Table_uses_only_shared_sizes_and_seeds_and_counts_paired_wins()
    {
        var baseline = new[] { Run("np", 39, 0, 0.5), Run("np", 39, 1, 0.6), Run("np", 39, 2, 0.7), Run("np", 78, 0, 0.6) };
        var other = new[] { Run("hypernas", 39, 0, 0.55), Run("hypernas", 39, 1, 0.5), Run("hypernas", 469, 0, 0.8) };
        string table = CompareCommand.Table([("runs/np", baseline), ("runs/hnas", other)]);
        var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
        Assert.StartsWith("| n | seeds | np (np) τ | hypernas (hnas) τ | hypernas (hnas) wins |", rows[0]);
        // seeds 0 and 1 only; np mean 0.55 ± 0.071, hypernas 0.525 ± 0.035; hypernas wins seed 0 only.
        Assert.Equal("| 39 | 0,1 | 0.550 ± 0.071 | 0.525 ± 0.035 | 1/2 |", rows[2]);
    }
}
