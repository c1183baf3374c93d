namespace NasSharp.Evaluation;

/// <summary>Argument checks shared by the correlation and top-k metrics, so both report bad input the same way.</summary>
internal static class ScoreInput
{
    /// <summary>
    /// Rejects a length mismatch (naming both lengths), fewer than <paramref name="minLength"/> values, and NaN
    /// (naming the argument and index).
    /// </summary>
    public static void CheckPair(ReadOnlySpan<double> x, ReadOnlySpan<double> y, string xName, string yName, int minLength)
    {
        if (x.Length != y.Length)
            throw new ArgumentException(
                $"{xName} has {x.Length} values but {yName} has {y.Length}; they must have the same length.", yName);
        if (x.Length < minLength)
            throw new ArgumentException(
                $"Each input needs at least {minLength} value{(minLength == 1 ? "" : "s")}; got {x.Length}.", xName);
        CheckNoNaN(x, xName);
        CheckNoNaN(y, yName);
    }

    /// <summary>Rejects NaN, which has no place in an ordering, naming the first offending index.</summary>
    public static void CheckNoNaN(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
            if (double.IsNaN(values[i]))
                throw new ArgumentException($"{name} is NaN at index {i}.", name);
    }

    /// <summary>Rejects ±∞, for metrics built on sums where an infinity would silently turn the result into NaN.</summary>
    public static void CheckFinite(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
            if (double.IsInfinity(values[i]))
                throw new ArgumentException($"{name} is infinite at index {i}.", name);
    }
}
