namespace Negotiation.Core.Engine;

/// <summary>
/// The one rule for what a person or a file may put in a text field (a statement, news, a scenario's texts):
/// bounded in length, and free of control characters (bar line breaks and tabs), bidirectional overrides and
/// broken surrogates, which could clear an instructor's terminal, write to its clipboard, or reverse the words
/// on a projector. The loader, the rules of statements and announcements and the stored-run check all ask here.
/// </summary>
public static class Texts
{
    /// <summary>The longest statement or live news a person may make.</summary>
    public const int MaxSpoken = 1_000;

    /// <summary>The longest text a scenario file may hold in one field.</summary>
    public const int MaxWritten = 20_000;

    /// <summary>Why the text may not be taken, or null when it may.</summary>
    public static string? Problem(string text, int maxLength)
    {
        if (text.Length > maxLength) return $"is {text.Length:N0} characters long; at most {maxLength:N0}";
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return "holds a NUL character (\\0), which cannot be stored";
            if (char.IsControl(c) && c is not '\n' and not '\r' and not '\t')
                return $"holds the control character U+{(int)c:X4}, which a terminal would obey";
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
                return $"holds the bidirectional override U+{(int)c:X4}, which would reorder the words on a page";
            if (char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) || char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1])))
                return "holds a broken character (a lone surrogate)";
        }
        return null;
    }
}
