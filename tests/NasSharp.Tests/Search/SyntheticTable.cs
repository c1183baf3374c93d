using System.Globalization;
using System.Text;
using NasSharp.Search.Oracles;
using NasSharp.SearchSpaces.Tb101;

namespace NasSharp.Tests.Search;

/// <summary>
/// A tiny synthetic search problem on real TB101 cells: the 64 cells whose edges are all conv1x1 or conv3x3, search
/// value Σ_e (1 + e/10)·[edge e is conv3x3] (so the all-conv3x3 cell is the unique optimum, 6 + 1.5 = 7.5) and a report
/// value that is the search value plus <see cref="ReportOffset"/> (or anything a test wants instead).
/// </summary>
public sealed class SyntheticTable : IDisposable
{
    /// <summary>Report = search value + this.</summary>
    public const double ReportOffset = 100;

    /// <summary>The optimum's search value.</summary>
    public const double OptimumValue = 7.5;

    /// <summary>The optimum.</summary>
    public static readonly string Optimum = Tb101MicroSpace.Format([3, 3, 3, 3, 3, 3]);

    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-synthetic-").FullName;

    /// <summary>The 64 cells.</summary>
    public static IReadOnlyList<string> Cells { get; } =
        [.. Enumerable.Range(0, 64).Select(code => Tb101MicroSpace.Format([.. Enumerable.Range(0, 6).Select(e => (code >> (5 - e) & 1) == 1 ? 3 : 2)]))];

    /// <summary>The search value of <paramref name="cell"/>.</summary>
    public static double Value(string cell) => Tb101MicroSpace.Parse(cell).Select((op, e) => op == 3 ? 1 + e / 10.0 : 0).Sum();

    /// <summary>Writes the table with <paramref name="report"/> as the report column (default: value + offset) and loads it.</summary>
    public OracleTable Load(Func<string, double>? report = null)
    {
        string file = Write("synthetic.csv", report);
        return OracleTable.FromCsv(file, new Tb101MicroSpace(), "arch", "val", lowerIsBetter: false, report: "test");
    }

    /// <summary>Writes the table as CSV and returns its path.</summary>
    public string Write(string name, Func<string, double>? report = null)
    {
        var sb = new StringBuilder("arch,val,test\n");
        foreach (string cell in Cells)
            sb.Append(cell).Append(',').Append(Value(cell).ToString("R", CultureInfo.InvariantCulture)).Append(',')
              .AppendLine((report ?? (c => Value(c) + ReportOffset))(cell).ToString("R", CultureInfo.InvariantCulture));
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    /// <summary>A file in the table's temporary folder, for tests that write their own CSV.</summary>
    public string PathOf(string name) => Path.Combine(folder, name);

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
