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
}
