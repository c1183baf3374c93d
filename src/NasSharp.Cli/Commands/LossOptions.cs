using System.CommandLine;
using NasSharp.Training;

namespace NasSharp.Cli.Commands;

/// <summary>
/// The training loss of the network predictors (<c>--loss</c>, <c>--mse-weight</c>, <c>--margin</c>), shared by
/// <c>train</c>, <c>rank</c>, <c>bench</c> and <c>search</c>, and their translation into a <see cref="LossConfig"/>.
/// </summary>
public sealed class LossOptions
{
    private static readonly LossConfig Defaults = new();
    private readonly Option<string> loss = new("--loss")
    {
        Description = $"Training loss of np, hypernas-p and hypernas: {LossConfig.Name(LossKind.Mse)} (the papers'), " +
                      $"{LossConfig.Name(LossKind.Pairwise)} (logistic pairwise ranking loss of RankNet/ReNAS over every pair of a batch) or " +
                      $"{LossConfig.Name(LossKind.Hinge)} (margin ranking loss of GATES).",
        DefaultValueFactory = _ => LossConfig.Name(Defaults.Kind),
    };
    private readonly Option<double?> mseWeight = new("--mse-weight")
    {
        Description = $"Weight w of an MSE term added to a ranking loss: L = L_rank + w·MSE (default {Defaults.MseWeight:G}).",
    };
    private readonly Option<double?> margin = new("--margin")
    {
        Description = $"Margin of --loss hinge, in standard deviations of the z-scored targets (default {Defaults.Margin:G}, GATES').",
    };

    /// <summary>Creates the options.</summary>
    public LossOptions()
    {
        loss.AcceptOnlyFromAmong([.. LossConfig.Names]);
        foreach (var option in new[] { mseWeight, margin })
            option.Validators.Add(r =>
            {
                // Tokens, not the typed value: a token that does not parse already has its own error.
                if (r.Tokens.Count == 1 && double.TryParse(r.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out double v)
                    && !(v >= 0 && double.IsFinite(v)))
                    r.AddError($"{option.Name} must be a finite number ≥ 0, got {r.Tokens[0].Value}.");
            });
    }

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [loss, mseWeight, margin];

    /// <summary>The chosen loss.</summary>
    /// <exception cref="ArgumentException">--mse-weight without a ranking loss, or --margin without --loss hinge.</exception>
    public LossConfig Config(ParseResult pr)
    {
        var kind = LossConfig.Parse(pr.GetValue(loss)!);
        double? weight = pr.GetValue(mseWeight), m = pr.GetValue(margin);
        if (weight is not null && kind == LossKind.Mse)
            throw new ArgumentException($"--mse-weight weighs the MSE added to a ranking loss; give --loss {LossConfig.Name(LossKind.Pairwise)} or {LossConfig.Name(LossKind.Hinge)} with it.");
        if (m is not null && kind != LossKind.Hinge)
            throw new ArgumentException($"--margin is the margin of --loss {LossConfig.Name(LossKind.Hinge)}; the chosen loss is {LossConfig.Name(kind)}.");
        return new LossConfig(kind, weight ?? Defaults.MseWeight, m ?? Defaults.Margin);
    }
}
