using TorchSharp;
using static TorchSharp.torch;

namespace NasSharp.Tests.Predictors;

/// <summary>Proves the native library loads on this machine (the build's GLIBCXX fix, SPEC §5).</summary>
public class TorchSharpLoadsTests
{
    [Fact]
    public void Tensor_op_and_autograd_step_run()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new float[] { 1, 2, 3 }).requires_grad_();
        var loss = (w * w).sum();
        loss.backward();
        Assert.Equal(14f, loss.item<float>());
        Assert.Equal(new float[] { 2, 4, 6 }, w.grad!.data<float>().ToArray());
    }
}
