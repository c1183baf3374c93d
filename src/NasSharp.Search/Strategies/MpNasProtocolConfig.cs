namespace NasSharp.Search.Strategies;

/// <summary>
/// The MP-NAS search protocol (mp-nas §4.4, Table 5): a meta-trained predictor adapted to the measurements so far picks
/// the next architectures out of a large random candidate set.
/// </summary>
/// <param name="Initial">Random architectures measured before the first adaptation (5, the few-shot support size).</param>
/// <param name="RefitEvery">Queries between adaptations; each proposes this many, best predicted first.</param>
/// <param name="Candidates">Random candidates scored per adaptation (10,000 in the paper; every unmeasured member when the domain is smaller).</param>
public sealed record MpNasProtocolConfig(int Initial = 5, int RefitEvery = 5, int Candidates = 10_000)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first out-of-range field.</summary>
    public void Validate()
    {
        if (Initial < 2) throw new ArgumentException($"Adaptation needs at least 2 measured architectures, got {Initial}.");
        if (RefitEvery < 1) throw new ArgumentException($"Refit every must be at least 1 query, got {RefitEvery}.");
        if (Candidates < RefitEvery) throw new ArgumentException($"Candidates ({Candidates}) must be at least refit every ({RefitEvery}).");
    }
}
