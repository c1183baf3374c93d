using NasSharp.Evaluation;
using NasSharp.Meta;
using static TorchSharp.torch;

namespace NasSharp.Tests.Meta;

public class OpCountPredictorTests
{
    [Fact]
    public void Node_type_counts_are_the_cells_operation_histogram()
    {
        var space = SyntheticTasks.Space;
        var cell = space.Encode("|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|nor_conv_1x1~2|");
        using var batch = SyntheticTasks.Batch([cell]);
        double[] counts = batch.NodeTypeCounts()[0];
        Assert.Equal(cell.NodeCount, counts.Sum());
        for (int type = 0; type < counts.Length; type++)
            Assert.Equal(cell.NodeTypes.Count(t => t == type), counts[type]);
        Assert.Equal(2, counts[4]);   // two 3×3 convolutions
        Assert.Equal(2, counts[1]);   // two none
    }

    [Fact]
    public void A_task_that_counts_operations_is_ranked_almost_perfectly_from_five_cells()
    {
        var graphs = SyntheticTasks.Graphs(300, 11);
        using var batch = SyntheticTasks.Batch(graphs);
        double[] values = SyntheticTasks.Values(graphs, [0, -1, 0, 0.5, 1, 0.2, 0], noiseSeed: 4);
        var (support, query) = TransferProtocol.Split(graphs.Count, 12, seed: 0, run: 0);
        using var supportIndex = tensor(support.Select(i => (long)i).ToArray());
        using var queryIndex = tensor(query.Select(i => (long)i).ToArray());
        using var supportBatch = batch.Select(supportIndex);
        using var queryBatch = batch.Select(queryIndex);
        using var predictor = OpCountPredictor.Fit(supportBatch, [.. support.Select(i => values[i])]);
        double rho = RankCorrelation.Spearman(predictor.Predict(queryBatch), [.. query.Select(i => values[i])]);
        Assert.True(rho > 0.9, $"ρ = {rho}");
        Assert.Equal(0, predictor.Steps);
        Assert.Null(((IFewShotPredictor)predictor).Start);
        // Shifting and scaling the support values changes nothing: they are z-scored before the fit.
        using var scaled = OpCountPredictor.Fit(supportBatch, [.. support.Select(i => 1000 + 7 * values[i])]);
        Assert.All(predictor.Predict(queryBatch).Zip(scaled.Predict(queryBatch)), p => Assert.Equal(p.First, p.Second, 1e-9));
    }

    [Fact]
    public void Fewer_than_two_distinct_values_are_refused()
    {
        var graphs = SyntheticTasks.Graphs(3, 1);
        using var batch = SyntheticTasks.Batch(graphs);
        Assert.Contains("at least two different support values", Assert.Throws<ArgumentException>(() => OpCountPredictor.Fit(batch, [1, 1, 1])).Message);
        Assert.Contains("K must match", Assert.Throws<ArgumentException>(() => OpCountPredictor.Fit(batch, [1, 2])).Message);
    }

    [Fact]
    public void An_average_scores_the_mean_of_its_members_and_reports_the_first()
    {
        var graphs = SyntheticTasks.Graphs(40, 5);
        using var batch = SyntheticTasks.Batch(graphs);
        using var a = OpCountPredictor.Fit(batch, SyntheticTasks.Values(graphs, [0, -1, 0, 0.5, 1, 0.2, 0], noiseSeed: 1));
        using var b = OpCountPredictor.Fit(batch, SyntheticTasks.Values(graphs, [0, 1, 2, -0.5, 0, 0, 0], noiseSeed: 2));
        using var mean = new AveragedPredictor(OpCountPredictor.Fit(batch, SyntheticTasks.Values(graphs, [0, -1, 0, 0.5, 1, 0.2, 0], noiseSeed: 1)),
            OpCountPredictor.Fit(batch, SyntheticTasks.Values(graphs, [0, 1, 2, -0.5, 0, 0, 0], noiseSeed: 2)));
        double[] pa = a.Predict(batch), pb = b.Predict(batch), pm = mean.Predict(batch);
        for (int i = 0; i < pm.Length; i++) Assert.Equal((pa[i] + pb[i]) / 2, pm[i], 12);
        Assert.Equal(0, mean.Steps);
        Assert.Null(mean.Start);
        Assert.Throws<ArgumentException>(() => new AveragedPredictor());
    }
}
