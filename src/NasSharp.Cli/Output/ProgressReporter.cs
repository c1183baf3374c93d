using Spectre.Console;

namespace NasSharp.Cli.Output;

/// <summary>
/// Live progress for long work: a Spectre bar with elapsed and remaining time on an interactive terminal; plain lines
/// otherwise (every tenth of the work, with an estimate, and one line per finished piece of work).
/// </summary>
public static class ProgressReporter
{
    /// <summary>Runs <paramref name="work"/> with a callback that reports completed units out of <paramref name="total"/>.</summary>
    public static T Run<T>(string label, int total, bool noProgress, TextWriter log, Func<Action<int>, T> work) =>
        Run(label, (double)total, noProgress, log, progress => work(done => progress.Report(done)));

    /// <summary>
    /// Runs <paramref name="work"/> with a <see cref="WorkProgress"/> over <paramref name="total"/> units of work
    /// (weighted by cost, so that the estimate holds when pieces differ in size).
    /// </summary>
    public static T Run<T>(string label, double total, bool noProgress, TextWriter log, Func<WorkProgress, T> work)
    {
        bool live = !noProgress && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!live) return work(new WorkProgress(total, null, log, label));
        T result = default!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx => result = work(new WorkProgress(total, ctx.AddTask(Markup.Escape(label), maxValue: Math.Max(total, 1e-9)), log, label)));
        return result;
    }
}
