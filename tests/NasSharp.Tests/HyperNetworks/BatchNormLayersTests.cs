using NasSharp.HyperNetworks;
using TorchSharp;
using static TorchSharp.torch;

namespace NasSharp.Tests.HyperNetworks;

/// <summary>Learned BatchNorm: batch statistics and running-statistic updates by hand, evaluation with the running ones, the pass check.</summary>
public sealed class BatchNormLayersTests
{
    [Fact]
    public void Training_normalises_by_the_batch_and_updates_the_running_statistics_evaluation_uses_them()
    {
        using var layers = new BatchNormLayers();
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1f, 3f, 5f, 7f }).reshape(2, 1, 1, 2);   // mean 4, variance 5 (unbiased 20/3)
        layers.Begin();
        var trained = layers.Apply(x).data<float>().ToArray();
        layers.End();
        Assert.Equal(-3 / Math.Sqrt(5 + 1e-5), trained[0], 5);
        Assert.Equal(3 / Math.Sqrt(5 + 1e-5), trained[3], 5);
        Assert.Equal(2, layers.Parameters.Count());
        layers.Training = false;
        layers.Begin();
        var evaluated = layers.Apply(x).data<float>().ToArray();
        layers.End();
        // running mean 0.9·0 + 0.1·4 = 0.4, running variance 0.9·1 + 0.1·20/3 = 1.566667
        Assert.Equal((1 - 0.4) / Math.Sqrt(1.566667 + 1e-5), evaluated[0], 5);
        Assert.Equal((7 - 0.4) / Math.Sqrt(1.566667 + 1e-5), evaluated[3], 5);
    }

    [Fact]
    public void Every_pass_must_make_the_first_pass_calls()
    {
        using var layers = new BatchNormLayers();
        using var scope = NewDisposeScope();
        var x = ones(2, 3, 2, 2);
        Assert.Throws<InvalidOperationException>(() => layers.Apply(x));
        layers.Begin();
        layers.Apply(x);
        layers.Apply(x);
        layers.End();
        layers.Begin();
        layers.Apply(x);
        Assert.Contains("made 1 BatchNorm calls; the network's first pass made 2", Assert.Throws<InvalidOperationException>(layers.End).Message);
        layers.Begin();
        Assert.Contains("has 3 channels; the pass gave it 4", Assert.Throws<InvalidOperationException>(() => layers.Apply(ones(2, 4, 2, 2))).Message);
    }
}
