using NasSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NasSharp.Tests.Training;

/// <summary>SGD's update checked against two steps worked out by hand, with and without Nesterov momentum.</summary>
public sealed class ScalarSafeSgdTests
{
    /// <summary>θ after two steps on loss ½‖θ‖² (gradient θ), lr 0.1, momentum 0.9, weight decay 0.1.</summary>
    private static float[] TwoSteps(bool nesterov)
    {
        using var theta = tensor(new[] { 1f, -2f }).requires_grad_(true);
        using var sgd = new ScalarSafeSgd([theta], 0.1, 0.9, 0.1, nesterov);
        for (int i = 0; i < 2; i++)
        {
            using var scope = NewDisposeScope();
            sgd.ZeroGrad();
            theta.pow(2).sum().mul(0.5).backward();
            sgd.Step();
        }
        return theta.detach().data<float>().ToArray();
    }

    [Fact]
    public void Nesterov_steps_match_the_hand_computation()
    {
        // g = 1.1θ₀, b = 1.1θ₀, d = g + 0.9b = 2.09θ₀ → θ₁ = 0.791θ₀; g = 1.1·0.791θ₀ = 0.8701θ₀, b = 0.99θ₀ + g = 1.8601θ₀,
        // d = g + 0.9b = 2.54419θ₀ → θ₂ = 0.791θ₀ − 0.254419θ₀ = 0.536581θ₀.
        var theta = TwoSteps(nesterov: true);
        Assert.Equal(0.536581, theta[0], 5);
        Assert.Equal(-2 * 0.536581, theta[1], 5);
    }

    [Fact]
    public void Heavy_ball_steps_match_the_hand_computation()
    {
        // θ₁ = θ₀ − 0.1·1.1θ₀ = 0.89θ₀; b = 0.9·1.1θ₀ + 1.1·0.89θ₀ = 1.969θ₀ → θ₂ = 0.89θ₀ − 0.1969θ₀ = 0.6931θ₀.
        var theta = TwoSteps(nesterov: false);
        Assert.Equal(0.6931, theta[0], 5);
        Assert.Equal(-2 * 0.6931, theta[1], 5);
    }

    [Fact]
    public void Nesterov_without_momentum_is_refused()
    {
        using var theta = zeros(1).requires_grad_(true);
        Assert.Contains("Nesterov momentum needs a momentum above 0", Assert.Throws<ArgumentException>(() => new ScalarSafeSgd([theta], 0.1, 0, 0, true)).Message);
    }
}
