using TorchSharp;
using static TorchSharp.torch;

namespace NasSharp.Tests.Predictors;

/// <summary>Central finite-difference check of a module's analytic gradients (run the module in float64).</summary>
public static class FiniteDifferences
{
    /// <summary>
    /// Backpropagates <paramref name="loss"/> once, then compares each parameter's gradient at its first, middle and
    /// last entry with <c>(L(θ+h) − L(θ−h)) / 2h</c>.
    /// </summary>
    public static void AssertGradientsMatch(nn.Module module, Func<Tensor> loss, double h = 1e-6)
    {
        loss().backward();
        foreach (var (name, p) in module.named_parameters())
        {
            var flat = p.view(-1);
            var grad = p.grad!.view(-1);
            foreach (long i in new long[] { 0, flat.shape[0] / 2, flat.shape[0] - 1 })
            {
                double original = flat[i].item<double>();
                using (no_grad()) flat[i] = original + h;
                double up = loss().item<double>();
                using (no_grad()) flat[i] = original - h;
                double down = loss().item<double>();
                using (no_grad()) flat[i] = original;
                double numeric = (up - down) / (2 * h);
                Assert.True(Math.Abs(numeric - grad[i].item<double>()) < 1e-6 + 1e-4 * Math.Abs(numeric),
                    $"{name}[{i}]: analytic {grad[i].item<double>()} vs numeric {numeric}");
            }
        }
    }
}
