using System.CommandLine;

namespace NasSharp.Cli.Commands;

/// <summary>The MP-NAS commands, registered together by <see cref="NasCli"/>, and the options they share.</summary>
public static class MetaCommands
{
    /// <summary>Fresh instances of <c>meta-train</c>, <c>adapt</c>, <c>transfer</c> and <c>synthetic</c>.</summary>
    public static IEnumerable<Command> All() => [MetaTrainCommand.Create(), AdaptCommand.Create(), TransferCommand.Create(), SyntheticCommand.Create()];

    /// <summary>
    /// <c>--threads</c>, torch's intra-op thread count (default 1); the action passes it to <c>torch.set_num_threads</c>.
    /// The MP-NAS networks see small matrices (episodes of 16-64 graphs of 9 nodes), where a second thread only adds
    /// synchronisation: on the 2-core machine under load 5-6, adapting to 5 NB201 cells took 190 s with torch's
    /// default 2 threads and 2.2 s with one (same scores), and meta-training slowed more than 10x.
    /// </summary>
    public static Option<int> Threads() => SharedOptions.Positive(new Option<int>("--threads")
    {
        Description = "Torch intra-op threads. One suits these networks' small matrices: on a busy 2-core machine, two threads " +
                      "made meta-training and fine-tuning 10-80x slower.",
        DefaultValueFactory = _ => 1,
    });
}
