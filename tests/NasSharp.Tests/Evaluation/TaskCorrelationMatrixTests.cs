using NasSharp.Evaluation;
using NasSharp.Tasks;

namespace NasSharp.Tests.Evaluation;

public class TaskCorrelationMatrixTests
{
    private static readonly IReadOnlyList<LoadedTask> Tasks = TaskCatalog.Load(TestData.Root, ["nb201/cifar10", "nb201/cifar100", "nb201/cpu-latency"]);

    [Fact]
    public void Pairs_are_correlated_over_their_shared_cells()
    {
        var m = TaskCorrelationMatrix.Compute(Tasks);
        Assert.Equal(["nb201/cifar10", "nb201/cifar100", "nb201/cpu-latency"], m.Names);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(1.0, m.Spearman(i, i), 12);
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(m.Spearman(i, j), m.Spearman(j, i));
                Assert.Equal(m.SharedCells(i, j), m.SharedCells(j, i));
            }
        }
        Assert.Equal(15_625, m.SharedCells(0, 1));
        Assert.Equal(1_999, m.SharedCells(0, 2));
        // Both accuracy tasks list all 15,625 cells in table order, so ρ is Spearman of the two columns as they are.
        Assert.Equal(RankCorrelation.Spearman([.. Tasks[0].Values], [.. Tasks[1].Values]), m.Spearman(0, 1), 12);
        Assert.True(m.Spearman(0, 1) > 0.95, $"NB201 CIFAR-10 vs CIFAR-100 validation accuracy: ρ = {m.Spearman(0, 1)}");
    }

    [Fact]
    public void Within_a_task_every_pair_uses_that_tasks_cells()
    {
        var cells = Tasks[2].Architectures.ToHashSet(StringComparer.Ordinal);
        var m = TaskCorrelationMatrix.Compute(Tasks, cells);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(1_999, m.SharedCells(i, 0)));
        var rows = Enumerable.Range(0, Tasks[0].Count).Where(r => cells.Contains(Tasks[0].Architectures[r])).ToArray();
        Assert.Equal(RankCorrelation.Spearman([.. rows.Select(r => Tasks[0].Values[r])], [.. rows.Select(r => Tasks[1].Values[r])]), m.Spearman(0, 1), 12);
        // The latency cells are a high-accuracy corner of NB201: there, even CIFAR-10 and CIFAR-100 agree far less.
        Assert.True(m.Spearman(0, 1) < 0.8, $"ρ within the latency cells = {m.Spearman(0, 1)}");
    }

    [Fact]
    public void Tasks_of_different_spaces_share_nothing_and_names_must_be_distinct()
    {
        var mixed = TaskCatalog.Load(TestData.Root, ["nb201/cifar10", "tb101/jigsaw"]);
        var m = TaskCorrelationMatrix.Compute(mixed);
        Assert.Equal(0, m.SharedCells(0, 1));
        Assert.True(double.IsNaN(m.Spearman(0, 1)));
        Assert.Contains("given twice", Assert.Throws<ArgumentException>(() => TaskCorrelationMatrix.Compute([Tasks[0], Tasks[0]])).Message);
        Assert.Throws<ArgumentException>(() => TaskCorrelationMatrix.Compute([]));
    }
}
