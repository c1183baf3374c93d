using System.Text.Json.Serialization;

namespace NasSharp.Training;

/// <summary>
/// The training loss of a network predictor (<see cref="PredictorLoss"/>). Only the ranking of the predictions matters
/// for ranking and search; a ranking loss optimises it directly, MSE the values. The default is MSE, the papers' choice.
/// </summary>
/// <param name="Kind">The loss: MSE (default), or a pairwise ranking loss.</param>
/// <param name="MseWeight">
/// Weight w of an MSE term added to a ranking loss, L = L_rank + w·MSE (0 by default: the ranking loss alone; ignored by
/// <see cref="LossKind.Mse"/>). It also anchors the predictions' scale to the targets'.
/// </param>
/// <param name="Margin">Margin m of <see cref="LossKind.Hinge"/>, in units of the z-scored targets' standard deviation (0.1, GATES' value).</param>
public sealed record LossConfig(
    [property: JsonConverter(typeof(JsonStringEnumConverter<LossKind>))] LossKind Kind = LossKind.Mse,
    double MseWeight = 0,
    double Margin = 0.1)
{
    /// <summary>Names of the kinds as the CLI spells them (<c>--loss</c>), in <see cref="LossKind"/> order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<LossKind>().Select(Name)];

    /// <summary>The CLI name of <paramref name="kind"/>, e.g. <c>pairwise</c>.</summary>
    public static string Name(LossKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The kind whose CLI name is <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static LossKind Parse(string name)
    {
        foreach (var kind in Enum.GetValues<LossKind>())
            if (Name(kind) == name) return kind;
        throw new ArgumentException($"Unknown loss '{name}'; valid: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first out-of-range field.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind)) throw new ArgumentException($"Loss kind {(int)Kind} is not one of {string.Join(", ", Names)}.");
        if (!(MseWeight >= 0) || !double.IsFinite(MseWeight)) throw new ArgumentException($"MseWeight must be finite and non-negative, got {MseWeight}.");
        if (!(Margin >= 0) || !double.IsFinite(Margin)) throw new ArgumentException($"Margin must be finite and non-negative, got {Margin}.");
    }
}
