namespace Negotiation.Core.Reports;

/// <summary>CSV as RFC 4180 quotes it: a field with a comma, a quote or a line break in quotes, its quotes doubled.</summary>
public static class Csv
{
    public static string Field(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;

    public static string Line(IEnumerable<string> fields) => string.Join(',', fields.Select(Field));
}
