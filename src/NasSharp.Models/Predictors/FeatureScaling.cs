namespace NasSharp.Predictors;

/// <summary>
/// The standardisation of a hybrid readout's architecture features, fitted on the training set and stored in the model
/// file so that every later prediction scales alike: z = (x − mean) / std per feature. A missing value (NaN, e.g. an
/// empty NASWOT field of the NB201 table) becomes 0, the training mean.
/// </summary>
/// <param name="Names">The features' names (<see cref="NasSharp.Features.IArchitectureFeaturizer.Names"/>), which a loaded model checks its featurizer against.</param>
/// <param name="Mean">Per-feature mean over the training rows' finite values (0 when none is finite).</param>
/// <param name="Std">Per-feature population standard deviation over those values; 1 where it is 0, so a constant feature becomes 0.</param>
public sealed record FeatureScaling(IReadOnlyList<string> Names, double[] Mean, double[] Std)
{
    /// <summary>The scaling of <paramref name="rows"/> (one per training architecture) of the features <paramref name="names"/>.</summary>
    /// <exception cref="ArgumentException">No rows, a row of another width than <paramref name="names"/>, or an infinite value.</exception>
    public static FeatureScaling Fit(IReadOnlyList<string> names, IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("Feature scaling needs at least one training row.", nameof(rows));
        RequireShape(names, rows);
        var mean = new double[names.Count];
        var std = new double[names.Count];
        for (int f = 0; f < names.Count; f++)
        {
            var values = rows.Select(r => r[f]).Where(double.IsFinite).ToArray();
            mean[f] = values.Length == 0 ? 0 : values.Average();
            double variance = values.Length == 0 ? 0 : values.Sum(v => (v - mean[f]) * (v - mean[f])) / values.Length;
            std[f] = variance > 0 ? Math.Sqrt(variance) : 1;
        }
        return new FeatureScaling(names.ToArray(), mean, std);
    }

    /// <summary>The standardised <paramref name="rows"/>, as the network's float input.</summary>
    /// <exception cref="ArgumentException">A row of another width, or an infinite value.</exception>
    public float[][] Apply(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        RequireShape(Names, rows);
        return [.. rows.Select(r => Array.ConvertAll(Standardise(r), v => (float)v))];
    }

    /// <summary>One row standardised in double precision (a missing value becomes 0); the row's width is the caller's to check.</summary>
    public double[] Standardise(double[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var z = new double[row.Length];
        for (int f = 0; f < row.Length; f++) z[f] = double.IsNaN(row[f]) ? 0 : (row[f] - Mean[f]) / Std[f];
        return z;
    }

    /// <summary>Throws <see cref="InvalidDataException"/> unless names, means and deviations align and are finite (a model file's check).</summary>
    public void RequireValid()
    {
        if (Names is null || Mean is null || Std is null || Names.Count == 0 || Mean.Length != Names.Count || Std.Length != Names.Count)
            throw new InvalidDataException("the feature scaling needs one name, mean and standard deviation per feature");
        if (Mean.Any(m => !double.IsFinite(m)) || Std.Any(s => !(s > 0) || !double.IsFinite(s)))
            throw new InvalidDataException("the feature scaling has a non-finite mean or a standard deviation that is not finite and positive");
    }

    private static void RequireShape(IReadOnlyList<string> names, IReadOnlyList<double[]> rows)
    {
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != names.Count)
                throw new ArgumentException($"Feature row {i} has {rows[i].Length} values; the features are {names.Count}.", nameof(rows));
            int bad = Array.FindIndex(rows[i], double.IsInfinity);
            if (bad >= 0) throw new ArgumentException($"Feature '{names[bad]}' of row {i} is infinite.", nameof(rows));
        }
    }
}
