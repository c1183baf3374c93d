using System.CommandLine;
using NasSharp.Meta;

namespace NasSharp.Cli.Commands;

/// <summary>
/// The meta-training options shared by <c>meta-train</c> and <c>transfer</c>: a profile (<c>--profile</c>) and the
/// settings a user may override on top of it (<c>--algo</c>, <c>--meta-epochs</c>, <c>--width</c>, <c>--support-size</c>).
/// </summary>
public sealed class MetaTrainingOptions
{
    /// <summary>The algorithm names accepted by <c>--algo</c>.</summary>
    public static IReadOnlyList<string> Algorithms { get; } = [.. Enum.GetNames<MetaAlgorithm>().Select(n => n.ToLowerInvariant())];

    private readonly Option<string?> algo = new("--algo")
    {
        Description = "Meta-learner: boil (the paper's; the inner loop adapts the body, the head stays frozen), maml (second order, " +
                      "adapts everything), fomaml (first-order MAML), anil (adapts only the head). Default: the profile's (boil).",
    };
    private readonly Option<string> profile = new("--profile")
    {
        Description = "Meta-training profile: cpu = GCN 4 x 128, 180 epochs of 50 outer steps, support/query 16 (about 26 min for " +
                      "6 NB201 tasks on one core); paper = the paper's GCN 4 x 600, 400 epochs of 122 steps, support/query 64 (GPU scale).",
        DefaultValueFactory = _ => "cpu",
    };
    private readonly Option<int> epochs = SharedOptions.Positive(new Option<int>("--meta-epochs")
    {
        Description = "Override the profile's number of meta-training epochs.",
    });
    private readonly Option<int> width = SharedOptions.Positive(new Option<int>("--width")
    {
        Description = "Override the profile's GCN layer width (cpu 128, paper 600).",
    });
    private readonly Option<int> supportSize = SharedOptions.Positive(new Option<int>("--support-size")
    {
        Description = "Override the profile's support-set size of each meta-training episode (the inner loop's N_finetune); " +
                      "the query set keeps the profile's size.",
    });

    /// <summary>Creates the options.</summary>
    public MetaTrainingOptions()
    {
        algo.AcceptOnlyFromAmong([.. Algorithms]);
        profile.AcceptOnlyFromAmong([.. MetaTrainingConfig.Names]);
    }

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [algo, profile, epochs, width, supportSize];

    /// <summary>The chosen profile with the user's overrides applied.</summary>
    public MetaTrainingConfig Config(ParseResult pr)
    {
        var config = MetaTrainingConfig.Get(pr.GetValue(profile)!);
        if (pr.GetValue(algo) is { } name) config = config with { Algorithm = Enum.Parse<MetaAlgorithm>(name, ignoreCase: true) };
        if (pr.GetResult(epochs) is { Implicit: false }) config = config with { Epochs = pr.GetValue(epochs) };
        if (pr.GetResult(width) is { Implicit: false }) config = config with { Network = config.Network with { Hidden = pr.GetValue(width) } };
        if (pr.GetResult(supportSize) is { Implicit: false }) config = config with { SupportSize = pr.GetValue(supportSize) };
        return config;
    }
}
