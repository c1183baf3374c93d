using NasSharp.Meta;
using NasSharp.SearchSpaces;

namespace NasSharp.Evaluation.FewShot;

/// <summary>One few-shot fit (<see cref="FewShotFitter.Fit"/>): the support set and how to choose and make the predictor.</summary>
/// <param name="Space">The space of the support architectures and of those scored.</param>
/// <param name="Architectures">The K support architectures (canonical strings of <paramref name="Space"/>).</param>
/// <param name="Values">Their measured values, higher = better.</param>
/// <param name="Predictor">A registry kind (<see cref="Predictors.PredictorRegistry"/>), or <see cref="FewShotFitter.Default"/>.</param>
/// <param name="Seed">Seed of the fit.</param>
public sealed record FewShotRequest(ISearchSpace Space, IReadOnlyList<string> Architectures, IReadOnlyList<double> Values, string Predictor, int Seed)
{
    /// <summary>What the task measures (<see cref="FewShotTaskKind.Auto"/> by default: decided from the support set).</summary>
    public FewShotTaskKind TaskKind { get; init; } = FewShotTaskKind.Auto;

    /// <summary>The meta-trained MP-NAS model, for <c>mp-nas</c> and for the accuracy default; none by default.</summary>
    public string? MetaModelPath { get; init; }

    /// <summary>MP-NAS's fine-tuning (<see cref="MetaTestConfig"/>'s defaults).</summary>
    public MetaTestConfig MetaTest { get; init; } = new();

    /// <summary>
    /// The NB201 cost tables (FLOPs, the device prior); null for other spaces. Needed for <see cref="FewShotTaskKind.Auto"/>
    /// and for a cost task's default on NB201.
    /// </summary>
    public ICostColumns? Costs { get; init; }

    /// <summary>A device whose columns the prior must not read (leave-device-out evaluation); none by default.</summary>
    public string? ExcludedDevice { get; init; }

    /// <summary>
    /// Whether a cost task's feature ridge shrinks towards the FLOPs ranking instead of towards zero
    /// (<see cref="FeatureRidgeConfig.Anchor"/>); off by default.
    /// </summary>
    public bool AnchorCostOnFlops { get; init; }

    /// <summary>
    /// Whether a cost task's feature ridge fits the logarithm of the cost (<see cref="FeatureRidgeConfig.LogMagnitude"/>)
    /// instead of the cost itself; off by default.
    /// </summary>
    public bool LogCost { get; init; }

    /// <summary>How many features a cost task's feature ridge screens (<see cref="FeatureRidgeConfig.Screen"/>); null (default): all.</summary>
    public int? ScreenCost { get; init; }

    /// <summary>Only these devices' columns form the prior (HELP's protocol: its meta-training devices); all by default.</summary>
    public IReadOnlyCollection<string>? PriorDevices { get; init; }
}
