using System.Text;

namespace NasSharp.Persistence;

/// <summary>
/// One kind of file written through <see cref="ChecksummedFile"/>: what it is called in messages, the magic line of
/// its checksummed layout, and the magic line of the unchecked v1 layout it replaces.
/// </summary>
/// <param name="Description">How messages name the kind, e.g. <c>NasSharp model file</c>.</param>
/// <param name="Magic">First line of the file, newline included, e.g. <c>NASSHARP-MODEL v2\n</c>.</param>
/// <param name="LegacyMagic">First line of the same kind's v1 files (no checksum), which are refused.</param>
/// <param name="LegacyAdvice">What a user should do with a v1 file, e.g. <c>retrain it with 'nassharp train'</c>.</param>
public sealed record ChecksummedFormat(string Description, string Magic, string LegacyMagic, string LegacyAdvice)
{
    /// <summary><see cref="Magic"/> as ASCII bytes.</summary>
    public byte[] MagicBytes => Encoding.ASCII.GetBytes(Magic);

    /// <summary><see cref="Magic"/> without its newline, for messages.</summary>
    public string MagicLine => Magic.TrimEnd('\n');
}
