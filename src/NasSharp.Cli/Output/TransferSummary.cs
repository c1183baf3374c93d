namespace NasSharp.Cli.Output;

/// <summary>Spearman over the runs of one (held-out task, method, K) cell of a transfer table.</summary>
/// <param name="HeldOut">The task adapted to.</param>
/// <param name="Method">The method.</param>
/// <param name="K">Support architectures.</param>
/// <param name="Runs">Runs with a ρ (diverged runs excluded).</param>
/// <param name="Diverged">Runs whose fine-tuning diverged, so they have no ρ; shown next to the mean so it is not read as complete.</param>
/// <param name="Spearman">Mean and std of ρ over the <paramref name="Runs"/> runs.</param>
public sealed record TransferSummary(string HeldOut, string Method, int K, int Runs, int Diverged, Stat Spearman);
