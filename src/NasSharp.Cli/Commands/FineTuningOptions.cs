using System.CommandLine;
using System.Globalization;
using NasSharp.Meta;

namespace NasSharp.Cli.Commands;

/// <summary>
/// Meta-test fine-tuning options (<c>--PREFIX-optimizer</c>, <c>--PREFIX-lr</c>, <c>--PREFIX-steps</c>) and their
/// translation into a <see cref="MetaTestConfig"/>. <c>adapt</c> and <c>transfer</c> use the <c>finetune</c> set for
/// MP-NAS; <c>transfer</c> adds a <c>baseline</c> set for random init and naive transfer.
/// </summary>
public sealed class FineTuningOptions
{
    private readonly MetaTestConfig defaults;
    private readonly Option<FineTuningOptimizer> optimizer;
    private readonly Option<double> learningRate;
    private readonly Option<int[]> steps;
    private readonly Option<StartSelection>? start;
    private readonly Option<FineTunedParameters>? parameters;

    /// <summary>Creates the options named <c>--<paramref name="prefix"/>-…</c>, describing what they fine-tune.</summary>
    /// <param name="prefix">Option name prefix.</param>
    /// <param name="defaults">Default values.</param>
    /// <param name="what">What the options fine-tune, for the help text.</param>
    /// <param name="withStart">Whether to offer <c>--PREFIX-start</c> (only a meta-learned start can be replaced).</param>
    public FineTuningOptions(string prefix, MetaTestConfig defaults, string what, bool withStart)
    {
        this.defaults = defaults;
        optimizer = new($"--{prefix}-optimizer")
        {
            Description = $"Optimizer of {what}: Sgd or Adam.",
            DefaultValueFactory = _ => defaults.Optimizer,
        };
        learningRate = new($"--{prefix}-lr")
        {
            Description = $"Learning rate of {what}.",
            DefaultValueFactory = _ => defaults.LearningRate,
        };
        steps = new($"--{prefix}-steps")
        {
            Description = $"Comma-separated candidate step counts of {what}; cross-validated Spearman on the support set picks one. " +
                          "A single value fixes the count; 0 keeps the starting weights.",
            CustomParser = r => SharedOptions.ParseIntegers(r, $"--{prefix}-steps step counts", 0, "0,5,10,20,50,100"),
            DefaultValueFactory = _ => [.. defaults.StepChoices],
        };
        if (withStart)
            start = new($"--{prefix}-start")
            {
                Description = "Starting weights: MetaLearned (always, as the paper), RandomFallback (a random initialisation when no " +
                              "step count of the meta-learned start cross-validates above rho = 0 on the support set) or CrossValidated " +
                              "(whichever start cross-validates better).",
                DefaultValueFactory = _ => defaults.Start,
            };
        if (withStart)
            parameters = new($"--{prefix}-parameters")
            {
                Description = "Parameters to fine-tune: InnerLoop (those the meta-learner's inner loop adapted; BOIL keeps the head frozen) " +
                              "or All (the head too, so a few steps can rescale or mirror the meta-learned ranking).",
                DefaultValueFactory = _ => defaults.Parameters,
            };
        learningRate.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is var v && !(v > 0 && double.IsFinite(v)))
                r.AddError($"{learningRate.Name} must be a positive number, got {v.ToString(CultureInfo.InvariantCulture)}.");
        });
    }

    /// <summary>MP-NAS's fine-tuning options (<c>--finetune-…</c>), defaulting to <see cref="MetaTestConfig"/>'s.</summary>
    public static FineTuningOptions MpNas() => new("finetune", new MetaTestConfig(), "fine-tuning the meta-trained model on the support set", withStart: true);

    /// <summary>The baselines' fine-tuning options (<c>--baseline-…</c>), with the same defaults as MP-NAS's.</summary>
    public static FineTuningOptions Baselines() => new("baseline", new MetaTestConfig(), "training the random-init and naive-transfer baselines on the support set", withStart: false);

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => start is null || parameters is null ? [optimizer, learningRate, steps] : [optimizer, learningRate, steps, start, parameters];

    /// <summary>The fine-tuning configuration the user chose.</summary>
    public MetaTestConfig Config(ParseResult pr) => defaults with
    {
        Optimizer = pr.GetValue(optimizer),
        LearningRate = pr.GetValue(learningRate),
        StepChoices = pr.GetValue(steps)!,
        Start = start is null ? defaults.Start : pr.GetValue(start),
        Parameters = parameters is null ? defaults.Parameters : pr.GetValue(parameters),
    };
}
