using System.IO.Compression;
using CsCheck;
using NasSharp.Benchmarks;
using NasSharp.Data;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.Tasks;

namespace NasSharp.Tests.Properties;

/// <summary>
/// Issue 13 acceptance: 10,000 generated malformed inputs each to the support-CSV reader and the benchmark-table
/// reader end either in a valid result or in a <see cref="DataFormatException"/> that names the file and line and
/// echoes no huge value; never another exception.
/// </summary>
public sealed class CsvReaderProperties : IDisposable
{
    private const int Inputs = 10_000;
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-csvprop-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Gen<(int Kind, int Extra, int Seed)> Damage => Gen.Select(Gen.Int[0, CsvMutations.Kinds - 1], Gen.Int[0, 2], Gen.Int);

    /// <summary>Runs <paramref name="read"/> on the damaged file; returns whether it was refused, failing on any other exception.</summary>
    private static bool Refused(string path, Action read)
    {
        try
        {
            read();
            return false;
        }
        catch (DataFormatException e)
        {
            Assert.Equal(path, e.File);
            Assert.StartsWith($"{path} line {e.Line}", e.Message);
            Assert.True(e.Line >= 1, e.Message);
            Assert.True(e.Message.Length <= path.Length + 2 * EchoedText.MaxMessage + 200, $"message of {e.Message.Length} characters");
            return true;
        }
    }

    [Fact]
    public void Support_csv_reader_refuses_malformed_files_with_its_own_error()
    {
        var space = new Nb201Space();
        var rng = new Random(1);
        var archs = Enumerable.Range(0, 6).Select(_ => space.Sample(rng)).Distinct().ToArray();
        string valid = SupportSetCsv.Header + "\n" + string.Concat(archs.Select((a, i) => $"{a},{70 + i * 0.5}\n"));
        string path = Path.Combine(folder, "support.csv");
        int refused = 0;
        Damage.Sample(d =>
        {
            File.WriteAllBytes(path, CsvMutations.Apply(valid, d.Kind, d.Extra, d.Seed, archs));
            if (Refused(path, () => SupportSetCsv.Read(path, space, lowerIsBetter: (d.Seed & 1) == 0))) refused++;
        }, iter: Inputs, threads: 1);
        Assert.True(refused > Inputs / 2, $"only {refused} of {Inputs} damaged files were refused");
    }

    [Theory]
    [InlineData("nb201", false)]
    [InlineData("nb201", true)]
    [InlineData("nb101", false)]
    [InlineData("tb101", false)]
    public void Benchmark_table_reader_refuses_malformed_files_with_its_own_error(string benchmark, bool gzip)
    {
        var info = BenchmarkCatalog.Info(benchmark);
        string source = TestData.Root.RequireFile(info.RelativePath.Split('/'));
        var head = File.ReadLines(source).Take(7).ToArray();
        string valid = string.Join("\n", head) + "\n";
        var table = BenchmarkTable.Load(info.Schema, Write(Path.Combine(folder, "valid.csv"), System.Text.Encoding.UTF8.GetBytes(valid), false));
        Assert.Equal(6, table.Count);
        var archs = table.Architectures;
        string path = Path.Combine(folder, gzip ? "table.csv.gz" : "table.csv");
        int refused = 0;
        Damage.Sample(d =>
        {
            byte[] text = CsvMutations.Apply(valid, d.Kind, d.Extra, d.Seed, archs);
            if (!gzip || text.Length == 0) File.WriteAllBytes(path, text);
            else
            {
                // A quarter of the archives are themselves damaged: cut short or with one byte changed.
                byte[] archive = Gzip(text);
                int at = (int)((uint)d.Seed % (uint)archive.Length);
                if (d.Seed % 4 == 0) archive = archive[..at];
                else if (d.Seed % 4 == 1) archive[at] ^= (byte)(1 + (d.Seed >> 8) % 255);
                File.WriteAllBytes(path, archive);
            }
            if (Refused(path, () => BenchmarkTable.Load(info.Schema, path))) refused++;
        }, iter: gzip ? Inputs / 4 : Inputs, threads: 1);
        Assert.True(refused > (gzip ? Inputs / 4 : Inputs) / 2, $"only {refused} damaged files were refused");
    }

    private static string Write(string path, byte[] bytes, bool gzip)
    {
        File.WriteAllBytes(path, gzip ? Gzip(bytes) : bytes);
        return path;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest)) gz.Write(bytes);
        return output.ToArray();
    }
}
