using NasSharp.Search.Oracles;

namespace NasSharp.Search.Strategies;

/// <summary>
/// A search strategy in ask/tell form: it proposes one architecture at a time and is told its measured search metric.
/// A strategy never proposes an architecture whose identity it proposed before, and is a pure function of its seed
/// and what it was told, so a run replays exactly from its recorded observations (<see cref="SearchRunner"/>).
/// </summary>
public interface ISearchStrategy : IDisposable
{
    /// <summary>The registry name, e.g. <c>rea</c>.</summary>
    string Name { get; }

    /// <summary>The next architecture to measure, or null when every architecture of the domain was proposed.</summary>
    string? Ask();

    /// <summary>The measurement of the architecture last returned by <see cref="Ask"/>.</summary>
    /// <exception cref="InvalidOperationException">No architecture is waiting for its measurement.</exception>
    void Tell(Observation observation);

    /// <summary>
    /// The measurement of an architecture this instance did not propose: a study rebuilt from its store, whose other
    /// workers asked while trials ran. It counts as proposed and observed; a proposal waiting for its own measurement
    /// stays waiting (or is told, when it is this architecture).
    /// </summary>
    void Observe(Observation observation);

    /// <summary>
    /// Marks <paramref name="archs"/> as taken without a measurement (a study's running or failed trials), so they are
    /// never proposed and predictor-guided strategies leave them out of their candidates (nothing is imputed for them).
    /// </summary>
    /// <returns>Whether the proposal waiting for its measurement was among them and was withdrawn.</returns>
    bool Reserve(IEnumerable<string> archs);
}
