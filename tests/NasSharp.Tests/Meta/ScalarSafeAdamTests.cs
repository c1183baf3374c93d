using NasSharp.Training;
using static TorchSharp.torch;

namespace NasSharp.Tests.Meta;

public sealed class ScalarSafeAdamTests
{
    /// <summary>Two copies of a small least-squares problem, one per optimizer, agree after every step.</summary>
    [Fact]
    public void It_takes_the_same_steps_as_torch_adam()
    {
        manual_seed(11);
        using var x = randn(20, 4);
        using var y = randn(20, 1);
        using var start = randn(4, 1);
        using var ours = new TorchSharp.Modules.Parameter(start.clone());
        using var theirs = new TorchSharp.Modules.Parameter(start.clone());
        using var untouched = new TorchSharp.Modules.Parameter(start.clone());
        using var adam = new ScalarSafeAdam([ours, untouched], learningRate: 0.05);
        using var reference = optim.Adam([theirs], lr: 0.05);
        for (int step = 0; step < 25; step++)
        {
            foreach (var (p, update) in new (TorchSharp.Modules.Parameter, Action)[] { (ours, adam.Step), (theirs, () => reference.step()) })
            {
                using var scope = NewDisposeScope();
                p.grad?.zero_();
                (x.matmul(p) - y).pow(2).mean().backward();
                update();
            }
            Assert.Equal(theirs.data<float>().ToArray(), ours.data<float>().ToArray(), new FloatTolerance(1e-6f));
        }
        // A parameter that never received a gradient is left alone.
        Assert.Equal(start.data<float>().ToArray(), untouched.data<float>().ToArray());
        Assert.NotEqual(start.data<float>().ToArray(), ours.data<float>().ToArray());
    }

    /// <summary>With L2 weight decay and the cosine schedule computed in C#, as torch's Adam with CosineAnnealingLR.</summary>
    [Fact]
    public void With_weight_decay_and_cosine_schedule_it_follows_torch()
    {
        const int steps = 25;
        manual_seed(12);
        using var x = randn(20, 4);
        using var y = randn(20, 1);
        using var start = randn(4, 1);
        using var ours = new TorchSharp.Modules.Parameter(start.clone());
        using var theirs = new TorchSharp.Modules.Parameter(start.clone());
        using var adam = new ScalarSafeAdam([ours], learningRate: 0.05, weightDecay: 0.1);
        using var reference = optim.Adam([theirs], lr: 0.05, weight_decay: 0.1);
        var schedule = optim.lr_scheduler.CosineAnnealingLR(reference, T_max: steps, eta_min: 0);
        for (int step = 1; step <= steps; step++)
        {
            foreach (var (p, update) in new (TorchSharp.Modules.Parameter, Action)[] { (ours, adam.Step), (theirs, () => reference.step()) })
            {
                using var scope = NewDisposeScope();
                p.grad?.zero_();
                (x.matmul(p) - y).pow(2).mean().backward();
                update();
            }
            schedule.step();
            adam.LearningRate = LearningRateSchedules.Cosine(adam.LearningRate, 0.05, step, steps);
            Assert.Equal(reference.ParamGroups.First().LearningRate, adam.LearningRate, 15);
            Assert.Equal(theirs.data<float>().ToArray(), ours.data<float>().ToArray(), new FloatTolerance(1e-6f));
        }
        Assert.Equal(0, adam.LearningRate, 15);
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Abs(b));

        public int GetHashCode(float value) => 0;
    }
}
