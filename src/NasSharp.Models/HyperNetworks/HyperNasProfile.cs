using NasSharp.Images;
using NasSharp.SearchSpaces;
using NasSharp.Training;

namespace NasSharp.HyperNetworks;

/// <summary>A named HyperNAS training set-up: the optimiser schedule and the HyperNAS-specific settings.</summary>
/// <param name="Name">Profile name on the command line.</param>
/// <param name="Training">Epochs, architectures per step, learning rate.</param>
/// <param name="HyperNas">Accumulation, schedule, auxiliary task, target network.</param>
public sealed record HyperNasProfile(string Name, TrainingConfig Training, HyperNasConfig HyperNas)
{
    /// <summary>
    /// Appendix A exactly: one pair and 128 full-size images per step, accumulation 10, Adam 1e-3 halved at 50/75 % of
    /// 200 epochs, target network C = 16 with 5 cells per stage (NB201; <see cref="Get"/> adapts it), hypernetwork 3 × 96.
    /// </summary>
    public static HyperNasProfile Paper { get; } = new("paper",
        new TrainingConfig(Epochs: 200, BatchSize: 1, LearningRate: 1e-3),
        new HyperNasConfig(Accumulation: 10, LearningRateSchedule.HalveAtHalfAndThreeQuarters, AuxiliaryEvery: 1,
            new ImageBatchConfig(BatchSize: 128), new TargetNetworkConfig(Channels: 16, CellsPerStage: 5), new HyperNetworkConfig()));

    /// <summary>
    /// The CPU default (chosen by measurement, docs/RESULTS.md): the predictor trains exactly as HyperNAS-P does (300
    /// epochs, batches of 10, Adam 1e-3, cosine), so the auxiliary task is the only difference; every step also
    /// classifies the paper's 128 images per batch, down-sampled to 16×16, with a C = 8, one-cell-per-stage target
    /// network. A 156-architecture NB201 run fits the 30-minute budget on 2 cores.
    /// </summary>
    public static HyperNasProfile Cpu { get; } = new("cpu",
        new TrainingConfig(Epochs: 300, BatchSize: 10, LearningRate: 1e-3),
        new HyperNasConfig(Accumulation: 1, LearningRateSchedule.Cosine, AuxiliaryEvery: 1,
            new ImageBatchConfig(BatchSize: 128, Downsample: 2), new TargetNetworkConfig(Channels: 8, CellsPerStage: 1), new HyperNetworkConfig()));

    /// <summary>Profile names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["cpu", "paper"];

    /// <summary>
    /// The profile called <paramref name="name"/> for <paramref name="space"/>: the paper profile's target network has
    /// the space's own number of cells per stage (NB201 5, NB101 3).
    /// </summary>
    public static HyperNasProfile Get(string name, ISearchSpace space) => name switch
    {
        "cpu" => Cpu,
        "paper" => Paper with
        {
            HyperNas = Paper.HyperNas with { Target = Paper.HyperNas.Target with { CellsPerStage = space.Skeleton.LeadingNormalCells } },
        },
        _ => throw new ArgumentException($"Unknown HyperNAS profile '{name}'; valid: {string.Join(", ", Names)}."),
    };
}
