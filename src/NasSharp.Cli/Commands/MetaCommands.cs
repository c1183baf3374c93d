using System.CommandLine;
using NasSharp.Training;

namespace NasSharp.Cli.Commands;

/// <summary>The MP-NAS commands, registered together by <see cref="NasCli"/>, and the options they share.</summary>
public static class MetaCommands
{
    /// <summary>Fresh instances of <c>meta-train</c>, <c>adapt</c>, <c>transfer</c> and <c>synthetic</c>.</summary>
    public static IEnumerable<Command> All() => [MetaTrainCommand.Create(), AdaptCommand.Create(), TransferCommand.Create(), SyntheticCommand.Create()];

    /// <summary>
    /// <c>--threads</c>, torch's intra-op thread count (default <see cref="TorchThreads.Default"/>, the thread policy of
    /// docs/DECISIONS.md); the action passes it to <see cref="TorchThreads.Apply"/>.
    /// Every command that runs torch has it: train, rank, predict, bench and the MP-NAS commands.
    /// </summary>
    public static Option<int> Threads() => SharedOptions.AtMostCores(SharedOptions.Positive(new Option<int>("--threads")
    {
        Description = $"Torch intra-op threads, 1 to the number of cores ({Environment.ProcessorCount} here). One suits these networks' " +
                      "small matrices, and more make runs that share the cores much slower (docs/DECISIONS.md).",
        DefaultValueFactory = _ => TorchThreads.Default,
    }));
}
