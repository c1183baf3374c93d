using System.CommandLine;
using NasSharp.Data;
using NasSharp.Studies.Evaluation;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp evaluate --from-table</c>: one architecture's answer from a benchmark table, written as a worker reads it
/// (for dry runs of a study and for tests).
/// </summary>
public static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var fromTable = new Option<bool>("--from-table")
        {
            Description = "Answer from the space's benchmark table (validation accuracy of --target as value, test accuracy as report, parameters). " +
                          "Required: it is the only evaluation this command has so far.",
        };
        var space = SharedOptions.Space();
        var arch = new Option<string>("--arch") { Description = "The architecture (canonical string), e.g. the worker's {arch}.", Required = true };
        var target = SharedOptions.Target();
        target.Description = $"Benchmark target whose validation metric is the value ({BenchmarkAccess.TargetsHelp()}).";
        var cost = new Option<string?>("--cost-metric") { Description = "A table metric reported as the seconds (e.g. train-time-cifar10-valid); default: the seconds the lookup took." };
        var output = new Option<string?>("--out") { Description = "Write the result JSON here (atomically), e.g. the worker's {out}; it is printed on stdout either way." };
        var seed = SharedOptions.Seed();
        seed.Description = "Accepted for a uniform command line; a table answer does not depend on it.";
        var data = SharedOptions.Data();
        var command = new Command("evaluate", "Evaluate one architecture and write {\"value\", \"report\", \"params\", \"seconds\"} JSON, as a study worker reads it.")
        {
            fromTable, space, arch, target, cost, output, seed, data,
        };
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            if (!pr.GetValue(fromTable))
                throw new ArgumentException("Only --from-table evaluations exist so far: add --from-table to answer from the space's benchmark table.");
            var evaluator = TableEvaluator.Load(DataRoot.Resolve(pr.GetValue(data)), pr.GetValue(space)!, pr.GetValue(target)!, pr.GetValue(cost));
            var result = evaluator.Evaluate(pr.GetValue(arch)!);
            if (pr.GetValue(output) is { } path) result.Write(path);
            pr.InvocationConfiguration.Output.WriteLine(result.ToJson());
            return 0;
        }));
        return command;
    }
}
