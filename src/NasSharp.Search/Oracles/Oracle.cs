namespace NasSharp.Search.Oracles;

/// <summary>
/// One search run's access to an <see cref="OracleTable"/>: answers queries and counts them. Asking again for an
/// architecture already measured (or an isomorphic one) returns the same answer and costs nothing, as a user's cache
/// of trained networks would.
/// </summary>
public sealed class Oracle(OracleTable table)
{
    private readonly Dictionary<int, Measurement> answered = [];

    /// <summary>The table answering.</summary>
    public OracleTable Table { get; } = table ?? throw new ArgumentNullException(nameof(table));

    /// <summary>Distinct architectures queried so far.</summary>
    public int Queries => answered.Count;

    /// <summary>Summed cost of the queries so far.</summary>
    public double TotalCost { get; private set; }

    /// <summary>Measures <paramref name="arch"/>.</summary>
    /// <exception cref="ArgumentException">The table does not hold <paramref name="arch"/>.</exception>
    public Measurement Query(string arch)
    {
        int entry = Table.EntryOf(arch);
        if (entry < 0) throw new ArgumentException($"The oracle ({Table.Source}) has no measurement of '{arch}'.", nameof(arch));
        if (answered.TryGetValue(entry, out var known)) return known;
        double value = Table.Value(entry);
        string canonical = Table.Domain.Members![entry];
        var measurement = new Measurement(new Observation(canonical, Table.Domain.Key(canonical), value, Table.Fitness(value)),
            Table.Report(entry), Table.Cost(entry));
        answered.Add(entry, measurement);
        TotalCost += measurement.Cost;
        return measurement;
    }
}
