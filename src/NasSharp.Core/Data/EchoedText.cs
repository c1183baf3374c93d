using System.Text;

namespace NasSharp.Data;

/// <summary>
/// Keeps input echoed into error messages readable: a value longer than <see cref="MaxEchoed"/> characters is cut to
/// its first <see cref="MaxEchoed"/> followed by "… (N characters)", so that a 1 MB field does not become a 1 MB
/// message. <see cref="DataFormatException"/> applies it to every message, so every reader gets it.
/// </summary>
public static class EchoedText
{
    /// <summary>Characters of an echoed value that are kept.</summary>
    public const int MaxEchoed = 80;

    /// <summary>Longest message <see cref="LimitQuoted"/> returns, as a backstop for values full of quotes.</summary>
    public const int MaxMessage = 2000;

    /// <summary><paramref name="value"/>, or its first <see cref="MaxEchoed"/> characters and its length when longer.</summary>
    public static string Shorten(string value) =>
        value.Length <= MaxEchoed ? value : $"{value[..MaxEchoed]}… ({value.Length} characters)";

    /// <summary>
    /// <paramref name="message"/> with every single-quoted span longer than <see cref="MaxEchoed"/> shortened as
    /// <see cref="Shorten"/> does (the closing quote moves before the count); a result still longer than
    /// <see cref="MaxMessage"/> is cut the same way.
    /// </summary>
    public static string LimitQuoted(string message)
    {
        if (message.Length <= MaxEchoed) return message;
        var result = new StringBuilder(Math.Min(message.Length, MaxMessage + 64));
        int i = 0;
        while (i < message.Length)
        {
            int open = message.IndexOf('\'', i);
            int close = open < 0 ? -1 : message.IndexOf('\'', open + 1);
            if (close < 0)
            {
                result.Append(message, i, message.Length - i);
                break;
            }
            result.Append(message, i, open + 1 - i);
            int length = close - open - 1;
            if (length <= MaxEchoed) result.Append(message, open + 1, length).Append('\'');
            else result.Append(message, open + 1, MaxEchoed).Append("…' (").Append(length).Append(" characters)");
            i = close + 1;
        }
        string limited = result.ToString();
        return limited.Length <= MaxMessage ? limited : $"{limited[..MaxMessage]}… ({limited.Length} characters)";
    }
}
