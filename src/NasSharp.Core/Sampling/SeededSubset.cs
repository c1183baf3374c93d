namespace NasSharp.Sampling;

/// <summary>Seeded random subsets of a table's rows, as the ranking protocol's training sets (SPEC §4).</summary>
public static class SeededSubset
{
    /// <summary>
    /// The first <paramref name="count"/> rows of a seeded permutation of <c>0..population-1</c>. For one seed a smaller
    /// training set is a prefix of a larger one, so sizes are compared on nested samples.
    /// </summary>
    public static int[] Indices(int population, int count, int seed)
    {
        if (count < 1 || count > population)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Training size must be between 1 and {population}.");
        var order = Enumerable.Range(0, population).ToArray();
        new Random(seed).Shuffle(order);
        return order[..count];
    }
}
