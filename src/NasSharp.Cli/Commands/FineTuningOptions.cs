using System.CommandLine;
using System.Globalization;
using NasSharp.Meta;

namespace NasSharp.Cli.Commands;

/// <summary>
/// The meta-test fine-tuning options shared by <c>adapt</c> and <c>transfer</c> (<c>--finetune-lr</c>,
/// <c>--finetune-steps</c>), and their translation into a <see cref="MetaTestConfig"/>.
/// </summary>
public sealed class FineTuningOptions
{
    private static readonly MetaTestConfig Defaults = new();

    private readonly Option<double> learningRate = new("--finetune-lr")
    {
        Description = $"SGD learning rate of fine-tuning on the support set (default {Defaults.LearningRate.ToString(CultureInfo.InvariantCulture)}).",
        DefaultValueFactory = _ => Defaults.LearningRate,
    };
    private readonly Option<int[]> steps = new("--finetune-steps")
    {
        Description = $"Comma-separated candidate step counts; cross-validated Spearman on the support set picks one " +
                      $"(default {string.Join(",", Defaults.StepChoices)}, the paper's grid). A single value fixes the count; 0 is zero-shot.",
        CustomParser = r => SharedOptions.ParseIntegers(r, "--finetune-steps step counts", 0, "0,5,10,20,50,100; 0 keeps the meta-learned weights"),
        DefaultValueFactory = _ => [.. Defaults.StepChoices],
    };

    /// <summary>Creates the options.</summary>
    public FineTuningOptions() =>
        learningRate.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is var v && !(v > 0 && double.IsFinite(v)))
                r.AddError($"--finetune-lr must be a positive number, got {v.ToString(CultureInfo.InvariantCulture)}.");
        });

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [learningRate, steps];

    /// <summary>The fine-tuning configuration the user chose.</summary>
    public MetaTestConfig Config(ParseResult pr) => new()
    {
        LearningRate = pr.GetValue(learningRate),
        StepChoices = pr.GetValue(steps)!,
    };
}
