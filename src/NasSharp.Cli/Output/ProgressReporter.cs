using Spectre.Console;

namespace NasSharp.Cli.Output;

/// <summary>Live progress for long work: a Spectre bar on an interactive terminal, plain lines otherwise.</summary>
public static class ProgressReporter
{
    /// <summary>Runs <paramref name="work"/> with a callback that reports completed units out of <paramref name="total"/>.</summary>
    public static T Run<T>(string label, int total, bool noProgress, TextWriter log, Func<Action<int>, T> work)
    {
        bool live = !noProgress && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!live)
        {
            int lastDecile = -1;
            return work(done =>
            {
                int decile = done * 10 / Math.Max(1, total);
                if (decile != lastDecile)
                {
                    lastDecile = decile;
                    log.WriteLine($"{label}: {done}/{total}");
                }
            });
        }
        T result = default!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label), maxValue: total);
                result = work(done => task.Value = done);
            });
        return result;
    }
}
