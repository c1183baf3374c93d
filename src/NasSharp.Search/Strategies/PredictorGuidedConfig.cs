using NasSharp.SearchSpaces;

namespace NasSharp.Search.Strategies;

/// <summary>
/// Predictor-guided evolution (NPENAS-style, SEARCH.md §4) and the candidate loop BANANAS shares with it.
/// </summary>
/// <param name="InitialRandom">Random architectures measured before the first fit (10, as BANANAS and NPENAS).</param>
/// <param name="RefitEvery">Queries between refits; each refit proposes this many architectures, best predicted first (k = 10).</param>
/// <param name="Parents">The best measured architectures whose neighbourhoods make the candidates (5, BANANAS's).</param>
/// <param name="Candidates">Candidates ranked per refit (≈ 200 in BANANAS).</param>
/// <param name="RandomCandidates">
/// Of the <paramref name="Candidates"/>, how many are uniformly random architectures instead of mutations of the best
/// (NASLib's <c>mutation_random</c> candidate generation), so the predictor can pull the search out of a basin. Null
/// (default): <see cref="RandomCandidatesIn"/> decides from the domain.
/// </param>
/// <param name="BestNeighbourhoodFirst">
/// Whether the incumbent's unmeasured one-edit neighbours go first, in predicted order, and other candidates only fill
/// what is left of a batch: the neighbourhood of the best is then always measured out, as local search does, but
/// best predicted first.
/// </param>
public sealed record PredictorGuidedConfig(int InitialRandom = 10, int RefitEvery = 10, int Parents = 5, int Candidates = 200, int? RandomCandidates = null,
    bool BestNeighbourhoodFirst = false)
{
    /// <summary>
    /// The random candidates per refit in <paramref name="domain"/>: <see cref="RandomCandidates"/> when set, else half
    /// the candidates in a domain that does not cover its space (NB101's or TB101's table cells, a constrained space) and
    /// none where it does (<see cref="SearchDomain.CoversSpace"/>). A partial domain mutates to the nearest members, so
    /// mutations of the best give few and close candidates there; chosen on held-out seeds and the search metric
    /// (docs/DECISIONS.md, "Random candidates in partial domains").
    /// </summary>
    public int RandomCandidatesIn(SearchDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return RandomCandidates ?? (domain.CoversSpace ? 0 : Candidates / 2);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first out-of-range field.</summary>
    public void Validate()
    {
        if (InitialRandom < 2) throw new ArgumentException($"A predictor needs at least 2 initial architectures to fit, got {InitialRandom}.");
        if (RefitEvery < 1) throw new ArgumentException($"Refit every must be at least 1 query, got {RefitEvery}.");
        if (Parents < 1) throw new ArgumentException($"Parents must be at least 1, got {Parents}.");
        if (Candidates < RefitEvery) throw new ArgumentException($"Candidates ({Candidates}) must be at least refit every ({RefitEvery}).");
        if (RandomCandidates is < 0 || RandomCandidates > Candidates)
            throw new ArgumentException($"Random candidates must be in 0..{Candidates} (the candidates), got {RandomCandidates}.");
    }
}
