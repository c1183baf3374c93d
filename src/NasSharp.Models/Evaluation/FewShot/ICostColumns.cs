namespace NasSharp.Evaluation.FewShot;

/// <summary>
/// Where few-shot cost features read their columns: one value per NB201 architecture of <see cref="Architectures"/>.
/// The seam that lets a test prove a held-out device's column is never read (a source that throws on it).
/// </summary>
public interface ICostColumns
{
    /// <summary>The architectures every column is aligned with (canonical NB201 strings).</summary>
    IReadOnlyList<string> Architectures { get; }

    /// <summary>The values of <paramref name="column"/>, aligned with <see cref="Architectures"/> (NaN where missing).</summary>
    /// <exception cref="ArgumentException">A column the source does not hold.</exception>
    double[] Read(CostColumn column);
}
