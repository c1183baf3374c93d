using System.Text;

namespace NasSharp.Tests.Properties;

/// <summary>
/// Structured damage to a valid CSV file, as a hostile user or a broken tool would produce it: dropped and duplicated
/// columns, bad numbers, NaN and infinities, stray quotes, huge fields, wrong architecture strings, truncation,
/// random bytes. <paramref name="kind"/> picks the damage, <paramref name="seed"/> where and what.
/// </summary>
public static class CsvMutations
{
    /// <summary>Number of damage kinds <see cref="Apply"/> knows.</summary>
    public const int Kinds = 14;

    private static readonly string[] BadNumbers =
        ["abc", "1,5", "", "NaN", "nan", "inf", "-Infinity", "∞", "1e999", "-1e400", "0x1F", "1.2.3", "--1", "1e", ".", "+", "\"1\"\"\"", "١٢", "\0"];

    /// <summary>Applies damage <paramref name="kind"/> to <paramref name="text"/> (then <paramref name="extra"/> more at random); returns the file's bytes.</summary>
    public static byte[] Apply(string text, int kind, int extra, int seed, IReadOnlyList<string> archFields)
    {
        var rng = new Random(seed);
        var lines = text.Split('\n').Where(l => l.Length > 0).Select(l => l.Split(',').ToList()).ToList();
        byte[]? bytes = null;
        for (int round = 0; round <= extra; round++)
        {
            int k = round == 0 ? kind : rng.Next(Kinds);
            if (bytes is not null && k < 11) k = 11 + rng.Next(3);   // once bytes are damaged, stay at the byte level
            var line = lines.Count > 0 ? lines[rng.Next(lines.Count)] : null;
            int field = line is null || line.Count == 0 ? 0 : rng.Next(line.Count);
            switch (k)
            {
                case 0 when line is { Count: > 0 }: line.RemoveAt(field); break;                        // drop a column
                case 1 when line is { Count: > 0 }: line.Insert(field, line[field]); break;             // duplicate one
                case 2 when line is { Count: > 0 }: line[field] = BadNumbers[rng.Next(BadNumbers.Length)]; break;
                case 3 when line is { Count: > 0 }:                                                      // stray quotes
                    string f = line[field];
                    int at = rng.Next(f.Length + 1);
                    line[field] = rng.Next(4) switch
                    {
                        0 => f[..at] + '"' + f[at..],
                        1 => '"' + f,
                        2 => '"' + f + '"' + "x",
                        _ => '"' + f.Replace("\"", "\"\"") + '"',
                    };
                    break;
                case 4 when line is { Count: > 0 }:                                                      // huge field
                    int size = rng.Next(200) == 0 ? 1 << 20 : rng.Next(100, 20_000);
                    line[field] = rng.Next(2) == 0 ? new string((char)('a' + rng.Next(26)), size)
                        : string.Concat(Enumerable.Repeat(archFields[rng.Next(archFields.Count)], size / 40 + 1));
                    break;
                case 5 when line is { Count: > 0 }:                                                      // wrong architecture
                    string arch = archFields[rng.Next(archFields.Count)];
                    int p = rng.Next(arch.Length);
                    line[field] = rng.Next(5) switch
                    {
                        0 => arch.Remove(p, 1),
                        1 => arch[..p] + (char)rng.Next(32, 127) + arch[(p + 1)..],
                        2 => arch.Replace("conv", "pool"),
                        3 => arch + "|" + arch,
                        _ => arch.ToUpperInvariant(),
                    };
                    break;
                case 6 when lines.Count > 1: lines.Insert(rng.Next(1, lines.Count + 1), [.. lines[rng.Next(1, lines.Count)]]); break; // duplicate row
                case 7 when lines.Count > 0: lines[0] = [.. lines[0].OrderBy(_ => rng.Next())]; break;  // shuffled header
                case 8 when line is { Count: > 0 }: line[field] = rng.Next(3) switch { 0 => "", 1 => " ", _ => line[field] + " " }; break;
                case 9: lines.Insert(rng.Next(lines.Count + 1), [new string((char)rng.Next(1, 128), rng.Next(1, 30))]); break; // noise line
                case 10 when line is { Count: > 0 }: line[field] += (char)rng.Next(0, 32); break;      // control character
                default:
                    bytes ??= Encoding.UTF8.GetBytes(Join(lines));
                    bytes = (k % 3) switch
                    {
                        0 => bytes[..rng.Next(bytes.Length + 1)],                                        // truncation
                        1 => Flip(bytes, rng),                                                           // random bytes
                        _ => [.. bytes, .. RandomBytes(rng, rng.Next(1, 64))],                           // trailing noise
                    };
                    break;
            }
        }
        return bytes ?? Encoding.UTF8.GetBytes(Join(lines));
    }

    private static string Join(List<List<string>> lines) => string.Join("\n", lines.Select(l => string.Join(",", l))) + "\n";

    private static byte[] Flip(byte[] bytes, Random rng)
    {
        var copy = (byte[])bytes.Clone();
        for (int i = 0, n = rng.Next(1, 8); i < n && copy.Length > 0; i++) copy[rng.Next(copy.Length)] = (byte)rng.Next(256);
        return copy;
    }

    private static byte[] RandomBytes(Random rng, int n)
    {
        var b = new byte[n];
        rng.NextBytes(b);
        return b;
    }
}
