using System.Globalization;
using System.Text;
using Negotiation.Core.Engine;
using Negotiation.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Negotiation.Scenarios;

/// <summary>
/// Uncertain numbers (format 1.1): a number written <c>{ between: [LOW, HIGH] }</c>; uncertain words (1.2), <c>{ one_of: [A, B] }</c>. The loader validates such a
/// file twice, once with every range replaced in place by its LOW and once by its HIGH (the text keeps its
/// length, so every problem keeps its line and column), so both ends meet the field's rules exactly as a plain
/// number would.
/// </summary>
internal static class Ranges
{
    /// <param name="Start">where the range's text starts</param>
    /// <param name="End">just after its text ends (YamlDotNet's node end marks where a mapping starts, so it is found here)</param>
    /// <param name="Ends">the texts the loader validates in its place: a range's LOW and HIGH, or every word of a <c>one_of</c></param>
    /// <param name="Choice">the <c>one_of</c> it stands for, or null for a range of <paramref name="Number"/></param>
    public sealed record Found(UncertainNumber Number, YamlNode Node, IReadOnlyList<string> Ends, int Start, int End, UncertainChoice? Choice = null);

    /// <summary>The ranges in the document, each with its path as <c>fork --set</c> writes it; problems with ranges themselves.</summary>
    public static (List<Found> Ranges, List<(YamlNode Node, string Message)> Problems) Find(YamlNode root, string text)
    {
        var found = new List<Found>();
        var problems = new List<(YamlNode, string)>();
        Walk(root, "", found, problems, text);
        return (found, problems);
    }

    private static void Walk(YamlNode node, string path, List<Found> found, List<(YamlNode, string)> problems, string text)
    {
        switch (node)
        {
            case YamlMappingNode map when map.Children.Count == 1 && map.Children.Keys.First() is YamlScalarNode { Value: "between" }:
                Range(map, path, found, problems, text);
                break;
            case YamlMappingNode map when map.Children.Count == 1 && map.Children.Keys.First() is YamlScalarNode { Value: "one_of" }:
                OneOf(map, path, found, problems, text);
                break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                    Walk(value, Join(path, (key as YamlScalarNode)?.Value ?? "?"), found, problems, text);
                break;
            case YamlSequenceNode list:
                for (var i = 0; i < list.Children.Count; i++)
                {
                    var item = list.Children[i];
                    // A list element is addressed by its id when it has one, as fork --set addresses it.
                    var id = item is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("id"), out var idNode) && idNode is YamlScalarNode { Value: { } idText }
                        ? idText
                        : i.ToString(CultureInfo.InvariantCulture);
                    Walk(item, Join(path, id), found, problems, text);
                }
                break;
        }
    }

    private static void Range(YamlMappingNode map, string path, List<Found> found, List<(YamlNode, string)> problems, string text)
    {
        var field = path.Split('.')[^1];
        var isValue = path.Split('.') is { Length: >= 4 } parts && parts[^2] == "values" && parts[^4] == "preferences";
        var integer = Uncertainty.IntegerFields.Contains(field);
        if (!isValue && !integer && !Uncertainty.RealFields.Contains(field) || path.StartsWith("events.", StringComparison.Ordinal))
        {
            problems.Add((map, $"`{path}` cannot be a range: only a party's reservation, weights, option values and strategy exponent, " +
                               "litigation's numbers and a tactic's round counts can"));
            return;
        }
        if (map.Children.Values.First() is not YamlSequenceNode { Children.Count: 2 } ends ||
            ends.Children[0] is not YamlScalarNode { Value: { } low } || ends.Children[1] is not YamlScalarNode { Value: { } high })
        {
            problems.Add((map, $"`{path}`: a range is written {{ between: [LOW, HIGH] }}"));
            return;
        }
        var (start, end) = Extent(map, ends, text);
        if (double.TryParse(low, NumberStyles.Float, CultureInfo.InvariantCulture, out var l) &&
            double.TryParse(high, NumberStyles.Float, CultureInfo.InvariantCulture, out var h))
        {
            if (l > h) problems.Add((map, $"`{path}`: the range's LOW {low} is above its HIGH {high}"));
            found.Add(new Found(new UncertainNumber(path, l, h, integer), map, [low, high], start, end));
        }
        else found.Add(new Found(new UncertainNumber(path, 0, 0, integer), map, [low, high], start, end)); // the number check reports it
    }

    // Where a `{ between: … }` or `{ one_of: … }` starts and ends in the text.
    private static (int Start, int End) Extent(YamlMappingNode map, YamlSequenceNode list, string text)
    {
        var start = (int)map.Start.Index;
        var end = (int)list.Children[^1].End.Index;
        if (list.Style == YamlDotNet.Core.Events.SequenceStyle.Flow && text.IndexOf(']', end) is >= 0 and var bracket) end = bracket + 1;
        if (map.Style == YamlDotNet.Core.Events.MappingStyle.Flow && text.IndexOf('}', end) is >= 0 and var brace) end = brace + 1;
        return (start, end);
    }

    /// <summary>A word written <c>{ one_of: [A, B, …] }</c> (format 1.2): each word is validated in its place.</summary>
    private static void OneOf(YamlMappingNode map, string path, List<Found> found, List<(YamlNode, string)> problems, string text)
    {
        var field = path.Split('.')[^1];
        if (!Words.ChoiceFields.ContainsKey(field) || path.StartsWith("events.", StringComparison.Ordinal))
        {
            problems.Add((map, $"`{path}` cannot be a one_of: only {string.Join(", ", Words.ChoiceFields.Keys.Select(k => k == "kind" ? "strategy.kind" : k))} can"));
            return;
        }
        if (map.Children.Values.First() is not YamlSequenceNode { Children.Count: >= 1 } words ||
            words.Children.Any(w => w is not YamlScalarNode { Value: { Length: > 0 } }))
        {
            problems.Add((map, $"`{path}`: a one_of is written {{ one_of: [A, B, …] }}, with at least one word"));
            return;
        }
        var options = words.Children.Select(w => ((YamlScalarNode)w).Value!).ToList();
        if (options.Distinct().Count() != options.Count)
        {
            problems.Add((map, $"`{path}`: a one_of names each word once"));
            return;
        }
        var (start, end) = Extent(map, words, text);
        found.Add(new Found(new UncertainNumber(path, 0, 0, false), map, options, start, end, new UncertainChoice(path, options)));
    }

    /// <summary>
    /// The text with every range replaced by one of its ends (its <paramref name="pick"/>th, or its last), padded so
    /// nothing after it moves.
    /// </summary>
    public static string Replace(string text, IReadOnlyList<Found> ranges, int pick)
    {
        var builder = new StringBuilder(text);
        foreach (var range in ranges)
        {
            var (start, end) = (range.Start, range.End);
            var value = range.Ends[Math.Min(pick, range.Ends.Count - 1)];
            for (var i = start; i < end; i++)
                if (builder[i] is not '\n' and not '\r') builder[i] = ' ';
            var newline = text.IndexOf('\n', start);
            var room = Math.Min(value.Length, (newline >= 0 && newline < end ? newline : end) - start);
            // A value longer than its range's first line cannot be put in place; it is an invalid number anyway.
            for (var i = 0; i < room; i++) builder[start + i] = value[i];
        }
        return builder.ToString();
    }

    private static string Join(string path, string segment) => path.Length == 0 ? segment : $"{path}.{segment}";
}
