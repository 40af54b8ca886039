using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Negotiation.Scenarios;

/// <summary>
/// Reads typed values out of YAML nodes, reporting every problem with the node's line and column and going on,
/// so one pass over a file finds all its problems.
/// </summary>
internal sealed class Reader(string file)
{
    private readonly List<Diagnostic> _errors = [];

    public IReadOnlyList<Diagnostic> Errors => _errors;

    public void Error(YamlNode node, string message) =>
        _errors.Add(new Diagnostic(file, (int)node.Start.Line, (int)node.Start.Column, message));

    public void Error(long line, long column, string message) => _errors.Add(new Diagnostic(file, (int)line, (int)column, message));

    /// <summary>The mapping's entries, after reporting keys that are not in <paramref name="known"/>.</summary>
    public Dictionary<string, YamlNode> Mapping(YamlNode node, string what, IReadOnlyCollection<string> known, IReadOnlyDictionary<string, string>? misplaced = null)
    {
        var entries = new Dictionary<string, YamlNode>();
        if (node is not YamlMappingNode mapping)
        {
            Error(node, $"{what} must be a mapping of keys to values");
            return entries;
        }
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (misplaced is not null && misplaced.TryGetValue(key, out var where))
                Error(keyNode, $"`{key}` is {where}");
            else if (!known.Contains(key))
                Error(keyNode, $"unknown key `{key}` in {what}{Suggest.DidYouMean(key, known)}");
            else if (!entries.TryAdd(key, value))
                Error(keyNode, $"`{key}` is given twice in {what}");
        }
        return entries;
    }

    public bool Require(Dictionary<string, YamlNode> entries, YamlNode parent, string key, string what)
    {
        if (entries.ContainsKey(key)) return true;
        Error(parent, $"{what} is missing `{key}`");
        return false;
    }

    public string? String(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: { } value } scalar &&
            !(scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && value is "" or "~" or "null"))
        {
            // One rule for texts (Texts): no NUL (PostgreSQL cannot store it), no control characters a terminal
            // would obey, no bidirectional overrides, a bounded length; refused whichever store the run would use.
            if (Core.Engine.Texts.Problem(value, Core.Engine.Texts.MaxWritten) is not { } bad) return value;
            Error(node, $"`{field}` {bad}");
            return null;
        }
        Error(node, $"`{field}` must be a text");
        return null;
    }

    public int? Integer(YamlNode node, string field, int min = int.MinValue, int max = int.MaxValue)
    {
        if (node is YamlScalarNode { Value: { } text } && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= min && value <= max) return (int)value;
            Error(node, max == int.MaxValue ? $"`{field}` must be at least {min}, not {value}" : $"`{field}` must be between {min} and {max}, not {value}");
            return null;
        }
        Error(node, $"`{field}` must be a whole number");
        return null;
    }

    public double? Number(YamlNode node, string field, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (node is YamlScalarNode { Value: { } text } &&
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            if (value >= min && value <= max) return value;
            Error(node, double.IsPositiveInfinity(max)
                ? $"`{field}` must be at least {min.ToString(CultureInfo.InvariantCulture)}, not {text}"
                : $"`{field}` must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, not {text}");
            return null;
        }
        Error(node, $"`{field}` must be a number");
        return null;
    }

    public bool? Boolean(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: "true" or "false" } scalar) return scalar.Value == "true";
        Error(node, $"`{field}` must be true or false");
        return null;
    }

    public List<(string Value, YamlNode Node)> StringList(YamlNode node, string field)
    {
        if (node is YamlSequenceNode sequence)
            return sequence.Children.Select(c => (String(c, field), c)).Where(x => x.Item1 is not null).Select(x => (x.Item1!, x.c)).ToList();
        Error(node, $"`{field}` must be a list");
        return [];
    }

    public IReadOnlyList<YamlNode> Sequence(YamlNode node, string field)
    {
        if (node is YamlSequenceNode sequence) return [.. sequence.Children];
        Error(node, $"`{field}` must be a list");
        return [];
    }

    /// <summary>A value from a fixed set, written in kebab-case in the file.</summary>
    public T? Choice<T>(YamlNode node, string field, IReadOnlyDictionary<string, T> choices) where T : struct
    {
        var text = String(node, field);
        if (text is null) return null;
        if (choices.TryGetValue(text, out var value)) return value;
        Error(node, $"`{field}` must be one of {string.Join(", ", choices.Keys)}, not `{text}`{Suggest.DidYouMean(text, choices.Keys)}");
        return null;
    }
}
