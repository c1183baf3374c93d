namespace NasSharp.Training;

/// <summary>
/// The adaptive multi-task loss of HyperNAS §3.5: <c>L = Σ_t [ L_t^q / (2σ_t²) + ln(1 + σ_t²) ]</c> with learnable
/// σ_t (initialised to 1) and a preference coefficient q. With q = 1 this is exactly the uncertainty weighting of
/// Liebel &amp; Körner (2018). The paper's text around this formula is garbled; this is the form we implement, with q
/// applied to each task loss before its uncertainty weighting (docs/DECISIONS.md).
/// </summary>
public sealed class AdaptiveMultiTaskLoss : nn.Module<Tensor[], Tensor>
{
    private readonly TorchSharp.Modules.Parameter sigma;

    /// <summary>Creates the loss for <paramref name="tasks"/> task losses with preference coefficient <paramref name="q"/>.</summary>
    public AdaptiveMultiTaskLoss(int tasks, double q = 1.5) : base(nameof(AdaptiveMultiTaskLoss))
    {
        if (tasks < 1) throw new ArgumentException($"Need at least one task, got {tasks}.", nameof(tasks));
        if (!(q > 0)) throw new ArgumentException($"The preference coefficient q must be positive, got {q}.", nameof(q));
        Q = q;
        sigma = new TorchSharp.Modules.Parameter(ones(tasks));
        RegisterComponents();
    }

    /// <summary>The preference coefficient.</summary>
    public double Q { get; }

    /// <summary>Current σ_t values.</summary>
    public float[] Sigmas => sigma.detach().data<float>().ToArray();

    /// <summary>Combines the non-negative scalar task losses (one per task, in a fixed order).</summary>
    public override Tensor forward(Tensor[] taskLosses)
    {
        if (taskLosses.Length != sigma.shape[0])
            throw new ArgumentException($"Expected {sigma.shape[0]} task losses, got {taskLosses.Length}.");
        using var scope = NewDisposeScope();
        var total = Term(0, taskLosses[0]);
        for (int t = 1; t < taskLosses.Length; t++) total = total.add(Term(t, taskLosses[t]), TorchConstants.One);
        return total.MoveToOuterDisposeScope();
    }

    /// <summary>One task's term, for steps on which only some tasks run.</summary>
    public Tensor Term(int task, Tensor taskLoss)
    {
        var s2 = sigma[task].pow(TorchConstants.Two);
        using var q = Q.ToScalar();
        // Eq. (11): weighted task loss plus the regulariser that keeps σ_t from growing without bound.
        return taskLoss.pow(q).div(s2.mul(TorchConstants.Two)).add(s2.add(TorchConstants.One, TorchConstants.One).log(), TorchConstants.One);
    }
}
