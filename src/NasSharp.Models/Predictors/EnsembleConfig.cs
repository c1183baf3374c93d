namespace NasSharp.Predictors;

/// <summary>An ensemble of one predictor kind (<see cref="EnsemblePredictor"/>).</summary>
/// <param name="Member">Registry name of the members' kind (np by default; any kind with a score head but an ensemble).</param>
/// <param name="Size">
/// Number of members (5: BANANAS's ensemble, White et al. 2021, which NASLib also uses; SEARCH.md lists 3–5).
/// </param>
public sealed record EnsembleConfig(string Member = "np", int Size = 5)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Size < 1) throw new ArgumentException($"An ensemble needs at least 1 member, got Size = {Size}.");
        if (Member == PredictorRegistry.Ensemble) throw new ArgumentException("An ensemble's members cannot be ensembles themselves.");
    }
}
