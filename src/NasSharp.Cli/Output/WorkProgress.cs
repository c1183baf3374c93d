using System.Diagnostics;
using Spectre.Console;

namespace NasSharp.Cli.Output;

/// <summary>Progress of one long command: units of work done, and a line per finished piece. Thread-safe.</summary>
public sealed class WorkProgress
{
    private readonly double total;
    private readonly ProgressTask? bar;
    private readonly TextWriter log;
    private readonly string label;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private int lastDecile = -1;

    internal WorkProgress(double total, ProgressTask? bar, TextWriter log, string label)
    {
        this.total = total;
        this.bar = bar;
        this.log = log;
        this.label = label;
    }

    /// <summary>Sets the units of work done so far (out of the total given to the reporter).</summary>
    public void Report(double done)
    {
        lock (gate)
        {
            if (bar is not null)
            {
                bar.Value = Math.Min(done, total);
                return;
            }
            int decile = (int)(Math.Min(done, total) * 10 / Math.Max(total, 1e-9));
            if (decile == lastDecile) return;
            lastDecile = decile;
            log.WriteLine($"{label}: {decile * 10}%, {Elapsed(clock.Elapsed)} elapsed{Estimate(done)}");
        }
    }

    /// <summary>Prints one line about a finished piece of work (above the bar when it is live).</summary>
    public void Finished(string line)
    {
        lock (gate)
        {
            if (bar is not null) AnsiConsole.MarkupLine(Markup.Escape(line));
            else log.WriteLine(line);
        }
    }

    private string Estimate(double done) => done <= 0 || done >= total
        ? ""
        : $", about {Elapsed(TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds * (total - done) / done))} left";

    private static string Elapsed(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours} h {t.Minutes:D2} min"
        : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min {t.Seconds:D2} s" : $"{t.TotalSeconds:F0} s";
}
