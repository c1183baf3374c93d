using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using NasSharp.Studies.Workers;
using NasSharp.Training;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp worker --storage … --study S -- COMMAND</c>: pulls the study's trials one at a time and runs COMMAND for
/// each (<see cref="StudyWorker"/>). SIGTERM or Ctrl+C stops the command and hands its trial back at once.
/// </summary>
public static partial class WorkerCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var storage = StudyOptions.Storage();
        var name = StudyOptions.Name();
        var maxTrials = SharedOptions.Positive(new Option<int>("--max-trials") { Description = "Stop after this many attempts (default: until the study is finished)." });
        var timeout = new Option<TimeSpan?>("--timeout")
        {
            Description = "Stop an attempt that runs longer, and count it as failed: e.g. 2h, 90m, 30s (default: no limit).",
            CustomParser = ParseDuration,
        };
        var retries = SharedOptions.AtLeast(new Option<int>("--retries")
        {
            Description = "Failures (error, bad result, timeout, expired lease) a trial may have before it fails for good; its stderr tail is kept.",
            DefaultValueFactory = _ => 2,
        }, 0);
        var lease = new Option<TimeSpan?>("--lease")
        {
            Description = "How long a claim lasts without a heartbeat (default 60s; heartbeats come every third of it); a killed worker's trial is re-run after it.",
            CustomParser = ParseDuration,
        };
        var poll = new Option<TimeSpan?>("--poll")
        {
            Description = "Wait between asks while other workers' trials run and none can be claimed (default 5s).",
            CustomParser = ParseDuration,
        };
        var worker = new Option<string>("--worker") { Description = "This worker's name in the store (default host:pid).", DefaultValueFactory = _ => WorkerConfig.DefaultName };
        var outDir = new Option<string?>("--out-dir") { Description = "Folder of the attempts' result files and logs (default: study-NAME-trials in the current folder)." };
        var seed = SharedOptions.Seed();
        seed.Description = "Accepted for a uniform command line: the trials and the strategy's fits follow the study's own seed (study create --seed).";
        var data = SharedOptions.Data();
        var device = DeviceOption.Create();
        device.Description = "Torch device of the strategy's predictor fits (the trials' command chooses its own).";
        var threads = MetaCommands.Threads();
        var trialCommand = new Argument<string[]>("command")
        {
            Description = $"After '--': the program and arguments run per trial; {TrialCommand.PlaceholderHelp}. It writes its result JSON to {{out}} " +
                          "(or prints it as the last line of stdout), with a field per objective of the study, e.g. {\"value\": 93.1}.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("worker", "Run a study's trials: claim one, run the command, record its result; heartbeats while it runs, retries failures, releases the trial on SIGTERM.")
        {
            storage, name, maxTrials, timeout, retries, lease, poll, worker, outDir, seed, data, device, threads, trialCommand,
        };
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            TorchThreads.Apply(pr.GetValue(threads));
            string studyName = pr.GetValue(name)!;
            var config = new WorkerConfig(pr.GetValue(worker)!, Path.GetFullPath(pr.GetValue(outDir) ?? $"study-{studyName}-trials"),
                pr.GetResult(maxTrials) is null ? null : pr.GetValue(maxTrials), pr.GetValue(timeout), pr.GetValue(retries), pr.GetValue(lease), pr.GetValue(poll));
            var runner = new ProcessTrialRunner(new TrialCommand(pr.GetValue(trialCommand)!));
            using var study = StudyOptions.Open(pr.GetValue(storage)!, studyName, pr.GetValue(data), pr.GetValue(device)!);
            using var stop = new CancellationTokenSource();
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            var output = pr.InvocationConfiguration.Output;
            var summary = new StudyWorker(study, runner, config, line => output.WriteLine($"[{config.Worker}] {line}")).RunAsync(stop.Token).GetAwaiter().GetResult();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{config.Worker}] done: {summary.Completed} complete, {summary.Failed} failed, {summary.Dropped} dropped, {summary.Released} released; " +
                $"store time per trial (median): claim {summary.ClaimMs:F1} ms, record {summary.RecordMs:F1} ms."));
            return 0;
        }));
        return command;
    }

    /// <summary>Parses a duration: a number with ms, s, m, h or d (<c>2h</c>, <c>90m</c>, <c>1.5s</c>) or hh:mm:ss.</summary>
    private static TimeSpan? ParseDuration(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value.Trim() : "";
        var match = Duration().Match(text);
        if (match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double amount) && amount > 0)
            return match.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" or "" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero) return span;
        result.AddError($"Expected a positive duration for {result.Argument.Name}, e.g. 2h, 90m, 30s, 500ms or 01:30:00; got '{text}'.");
        return null;
    }

    [GeneratedRegex(@"^([0-9]*\.?[0-9]+)\s*(ms|s|m|h|d|)$")]
    private static partial Regex Duration();
}
