using NasSharp.SearchSpaces;

namespace NasSharp.Evaluation.FewShot;

/// <summary>
/// What a few-shot method sees in one run (<see cref="FewShotMethods"/>): the K support cells with their values and
/// the query cells to score, never the query values.
/// </summary>
/// <param name="Task">The held-out catalog task.</param>
/// <param name="Device">The device the task measures (its columns are left out of the prior); null for an accuracy task.</param>
/// <param name="Space">The task's space.</param>
/// <param name="Support">The support architectures.</param>
/// <param name="SupportValues">Their oriented values (higher = better).</param>
/// <param name="Query">The architectures to score.</param>
/// <param name="Seed">Seed of the fit.</param>
/// <param name="Costs">The NB201 cost tables; null for other spaces.</param>
/// <param name="MetaModelPath">The meta-trained model, for the MP-NAS methods.</param>
/// <param name="PriorDevices">Only these devices form the prior; all others by default.</param>
/// <param name="Screen">How many features the screened ridge keeps (<see cref="FewShotConfig.Screen"/>).</param>
public sealed record FewShotInputs(string Task, string? Device, ISearchSpace Space, IReadOnlyList<string> Support, IReadOnlyList<double> SupportValues,
    IReadOnlyList<string> Query, int Seed, ICostColumns? Costs, string? MetaModelPath, IReadOnlyCollection<string>? PriorDevices,
    int Screen = FewShotFitter.CostScreen)
{
    /// <summary>The fitter request of these inputs for <paramref name="predictor"/> and <paramref name="taskKind"/>.</summary>
    public FewShotRequest Request(string predictor, FewShotTaskKind taskKind) => new(Space, Support, SupportValues, predictor, Seed)
    {
        TaskKind = taskKind,
        MetaModelPath = MetaModelPath,
        Costs = Costs,
        ExcludedDevice = Device,
        PriorDevices = PriorDevices,
    };

    /// <summary>Fits <paramref name="predictor"/> as <see cref="FewShotFitter.Fit"/> does and scores the query cells.</summary>
    public double[] FitAndScore(string predictor, FewShotTaskKind taskKind, bool anchorCostOnFlops = false, bool logCost = false, int? screenCost = null)
    {
        using var fit = FewShotFitter.Fit(Request(predictor, taskKind) with { AnchorCostOnFlops = anchorCostOnFlops, LogCost = logCost, ScreenCost = screenCost });
        return fit.Predictor.Predict(Query);
    }
}
