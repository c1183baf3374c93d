using NasSharp.Data;

namespace NasSharp.Features;

/// <summary>
/// One feature of a <see cref="FeatureTable"/> as a column spec names it: <c>COLUMN</c> (the value as written) or
/// <c>log1p(COLUMN)</c> (ln(1 + value)). The log exists for heavy-tailed proxies such as synflow, whose values span
/// dozens of orders of magnitude: tree models do not care about a monotone transform, but the hybrid readout
/// standardises its features linearly, where a few huge values would flatten all the others (docs/FEATURES.md).
/// </summary>
public sealed record FeatureColumn
{
    private const string Log1pPrefix = "log1p(";

    private FeatureColumn(string column, bool log1p) => (Column, Log1p) = (column, log1p);

    /// <summary>The spec without spaces around names, e.g. <c>log1p(synflow)</c>; the feature is named <c>file:SPEC</c>.</summary>
    public string Spec => Log1p ? $"{Log1pPrefix}{Column})" : Column;

    /// <summary>The CSV column the value is read from.</summary>
    public string Column { get; }

    /// <summary>Whether the value is ln(1 + x) of the column's value x.</summary>
    public bool Log1p { get; }

    /// <summary>Parses <c>COLUMN</c> or <c>log1p(COLUMN)</c>.</summary>
    /// <exception cref="ArgumentException">An empty spec, an unknown function or unbalanced parentheses.</exception>
    public static FeatureColumn Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string s = spec.Trim();
        if (s.Length == 0) throw Invalid(spec, "it is empty");
        int open = s.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
            return s.Contains(')', StringComparison.Ordinal) ? throw Invalid(spec, "it has ')' without '('") : new FeatureColumn(s, false);
        if (!s.StartsWith(Log1pPrefix, StringComparison.Ordinal))
            throw Invalid(spec, $"'{s[..open]}' is not a known function (the only one is log1p)");
        if (!s.EndsWith(')'))
            throw Invalid(spec, "it does not end with ')'");
        string column = s[Log1pPrefix.Length..^1].Trim();
        if (column.Length == 0 || column.AsSpan().IndexOfAny("()") >= 0)
            throw Invalid(spec, "log1p takes one column name");
        return new FeatureColumn(column, true);
    }

    /// <summary>The feature value of the current row of <paramref name="reader"/>, whose column <paramref name="index"/> is <see cref="Column"/>; NaN when the field is empty.</summary>
    /// <exception cref="DataFormatException">Not a number, or for log1p a value ≤ −1; names file, line and column.</exception>
    public double Read(CsvReader reader, int index)
    {
        ArgumentNullException.ThrowIfNull(reader);
        double x = reader.ParseDouble(index, allowMissing: true);
        if (!Log1p || double.IsNaN(x)) return x;
        if (x <= -1)
            throw reader.Error(index, $"expected a value above -1 for {Spec} (ln(1 + x)), found {reader[index]}");
        return Math.Log(1 + x);
    }

    private static ArgumentException Invalid(string spec, string why) =>
        new($"Feature column '{spec}': expected COLUMN or log1p(COLUMN), but {why}.");
}
