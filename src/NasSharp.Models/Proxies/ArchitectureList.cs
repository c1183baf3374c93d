using NasSharp.Data;
using NasSharp.SearchSpaces;

namespace NasSharp.Proxies;

/// <summary>The architectures a proxies run is asked for: from a file, or a seeded subset of a pool.</summary>
public static class ArchitectureList
{
    /// <summary>
    /// Reads one architecture per line of <paramref name="path"/> (any spelling <paramref name="space"/> accepts);
    /// blank lines and lines starting with <c>#</c> are skipped. Returns canonical strings in file order.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">A line is not an architecture of the space; the message names file and line.</exception>
    public static IReadOnlyList<string> Read(string path, ISearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(space);
        if (!File.Exists(path)) throw new FileNotFoundException($"Architecture file '{path}' does not exist.", path);
        var archs = new List<string>();
        int line = 0;
        foreach (string raw in File.ReadLines(path))
        {
            line++;
            string text = raw.Trim();
            if (text.Length == 0 || text.StartsWith('#')) continue;
            try
            {
                archs.Add(space.Canonicalize(text));
            }
            catch (ArchitectureFormatException e)
            {
                throw new DataFormatException(path, line, null, $"expected one {space.Name} architecture per line: {e.Message}");
            }
        }
        return archs;
    }

    /// <summary>
    /// <paramref name="count"/> architectures of <paramref name="pool"/> drawn uniformly with <paramref name="seed"/>, in
    /// pool order; a larger count with the same seed keeps every one a smaller count drew, so a run can be extended.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public static IReadOnlyList<string> Sample(IReadOnlyList<string> pool, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (count >= pool.Count) return pool;
        int[] order = [.. Enumerable.Range(0, pool.Count)];
        new Random(seed).Shuffle(order);
        return [.. order.Take(count).Order().Select(i => pool[i])];
    }
}
