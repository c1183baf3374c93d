namespace NasSharp.Meta;

/// <summary>
/// Meta-test fine-tuning (mp-nas §3.2 "Meta-testing with fine-tuning"): full-batch SGD on the z-scored support MSE,
/// with the number of steps chosen from <see cref="StepChoices"/> by cross-validated Spearman on the support set.
/// </summary>
public sealed record MetaTestConfig
{
    /// <summary>
    /// SGD learning rate. The paper lowers it below the inner loop's 0.035 without giving a value (§4.2.1 "fine-tuning
    /// with a lower learning rate is beneficial"); we take 0.01, about a third, so that 100 steps move the weights
    /// about as far as 30 inner-loop steps would.
    /// </summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>
    /// Optimizer of the fine-tuning steps: plain SGD (the paper's, with <see cref="LearningRate"/> 0.01) or Adam
    /// (a stronger fit of the support set in the same number of steps).
    /// </summary>
    public FineTuningOptimizer Optimizer { get; init; } = FineTuningOptimizer.Sgd;
    /// <summary>Candidate step counts, the paper's grid {5, 10, 20, 50, 100}.</summary>
    public IReadOnlyList<int> StepChoices { get; init; } = [5, 10, 20, 50, 100];

    /// <summary>Most cross-validation folds: K ≤ this is leave-one-out, larger K uses this many folds.</summary>
    public int MaxFolds { get; init; } = 10;

    /// <summary>Graphs per forward pass when scoring.</summary>
    public int ChunkSize { get; init; } = 512;

    /// <summary>
    /// Fine-tuning of the baselines (random init, naive transfer): Adam at 1e-3 with steps up to 500. The paper's
    /// low-rate SGD barely moves a network that was not meta-learned for it (random init reached Spearman 0.19 from
    /// 5 CIFAR-10 cells and 0.07 from 50); Adam gave 0.44 and 0.62 (docs/RESULTS.md, "Fine-tuning budgets").
    /// </summary>
    public static MetaTestConfig Baseline { get; } = new()
    {
        Optimizer = FineTuningOptimizer.Adam,
        LearningRate = 1e-3,
        StepChoices = [5, 10, 20, 50, 100, 200, 500],
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first out-of-range setting.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Optimizer)) throw new ArgumentException($"Unknown fine-tuning optimizer {Optimizer}.");
        if (!(LearningRate > 0)) throw new ArgumentException($"LearningRate must be positive, got {LearningRate}.");
        if (StepChoices.Count == 0 || StepChoices.Any(s => s < 0))
            throw new ArgumentException($"StepChoices must be step counts ≥ 0, got [{string.Join(", ", StepChoices)}].");
        if (MaxFolds < 2) throw new ArgumentException($"MaxFolds must be at least 2, got {MaxFolds}.");
        if (ChunkSize < 1) throw new ArgumentException($"ChunkSize must be at least 1, got {ChunkSize}.");
    }
}

/// <summary>Optimizer of meta-test fine-tuning.</summary>
public enum FineTuningOptimizer
{
    /// <summary>Plain full-batch SGD (mp-nas §3.2).</summary>
    Sgd,
    /// <summary>Adam with PyTorch's default betas.</summary>
    Adam,
}
