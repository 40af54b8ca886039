using Negotiation.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Negotiation.Scenarios;

/// <summary>
/// Changes a scenario by paths into the file as written (<c>vendors.anthropic.on_threat=concede</c>,
/// <c>agency.tactics.0.deadline_rounds=4</c>, <c>vendors.anthropic.red_lines.no-domestic-surveillance.firm=false</c>,
/// <c>seed=9</c>). A list is addressed by index or by an element's <c>id</c>. Each change is validated as the
/// file would be; a problem names the change that caused it.
/// </summary>
public static class ScenarioPaths
{
    /// <summary>A scenario from outside (an event file, say) validated exactly as a file is: written out, then loaded.</summary>
    public static (Scenario? Scenario, IReadOnlyList<string> Problems) Validate(Scenario scenario)
    {
        var loaded = ScenarioLoader.Parse(ScenarioWriter.Write(scenario), "scenario");
        return loaded.Ok ? (loaded.Scenario, []) : (null, loaded.Errors.Select(e => e.Message).ToList());
    }

    public static (Scenario? Scenario, IReadOnlyList<string> Problems) Apply(Scenario scenario, IEnumerable<string> assignments)
    {
        var root = ScenarioWriter.Node(scenario);
        var current = scenario;
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=');
            if (equals <= 0) return (null, [$"--set {assignment}: error: expected PATH=VALUE"]);
            var path = assignment[..equals].Trim();
            var value = assignment[(equals + 1)..];
            if (ScenarioLoader.TooDeep(value, "--set") is { } deep) return (null, [$"--set {path}: error: {deep.Message}"]);
            if (Set(root, path.Split('.'), ParseValue(value)) is { } problem) return (null, [$"--set {path}: error: {problem}"]);

            var text = new YamlStream(new YamlDocument(root)).Let(Save);
            var loaded = ScenarioLoader.Parse(text, "fork");
            if (!loaded.Ok) return (null, loaded.Errors.Select(e => $"--set {path}={value}: error: {e.Message}").ToList());
            var changed = loaded.Scenario!;
            if (Core.Engine.Rules.KeepsShape(current, changed) is { Allowed: false } refused)
                return (null, [$"--set {path}: error: {refused.Reason}; it can change everything else"]);
            current = changed;
        }
        return (current, []);
    }

    internal static string? Set(YamlNode node, string[] segments, YamlNode value)
    {
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            switch (node)
            {
                case YamlMappingNode map:
                    var key = new YamlScalarNode(segment);
                    if (last)
                    {
                        if (!map.Children.ContainsKey(key) && !OptionalKeys.Contains(segment))
                            return $"unknown path: no `{segment}` at `{string.Join('.', segments[..i])}`";
                        map.Children[key] = value;
                        return null;
                    }
                    if (!map.Children.TryGetValue(key, out var child))
                    {
                        // A mapping the writer leaves out when it holds nothing (a party's outcomes, say) is made on the way.
                        if (!OptionalMappings.Contains(segment))
                            return $"unknown path: no `{segment}` at `{(i == 0 ? "the top" : string.Join('.', segments[..i]))}`";
                        map.Children[key] = child = new YamlMappingNode();
                    }
                    node = child;
                    break;
                case YamlSequenceNode list:
                    var index = int.TryParse(segment, out var n) && n >= 0 && n < list.Children.Count ? n
                        : list.Children.ToList().FindIndex(c => c is YamlMappingNode m &&
                            m.Children.TryGetValue(new YamlScalarNode("id"), out var id) && id is YamlScalarNode { Value: var v } && v == segment);
                    if (index < 0) return $"unknown path: `{string.Join('.', segments[..i])}` has no element `{segment}` (an index or an id)";
                    if (last)
                    {
                        list.Children[index] = value;
                        return null;
                    }
                    node = list.Children[index];
                    break;
                default:
                    return $"unknown path: `{string.Join('.', segments[..i])}` is a value, it has no `{segment}`";
            }
        }
        return "an empty path";
    }

    // Keys the writer leaves out when they have no value, which a change may still set.
    private static readonly HashSet<string> OptionalKeys =
        ["title", "description", "exponent", "reason", "litigation", "label", "text", "audit", "events", "unlock", "lock", "set",
         "outcomes", "beliefs", "no_deal", "designated", "designation_lifted", "exited", "injunction_probability",
         "cost_per_round", "after_injunction", "reopen_rounds", "background", "brief", "reported"];

    // Mappings a path may pass through that the writer leaves out when empty.
    private static readonly HashSet<string> OptionalMappings = ["litigation", "outcomes", "beliefs"];

    private static YamlNode ParseValue(string value)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(value));
            if (stream.Documents.Count == 1) return stream.Documents[0].RootNode;
        }
        catch (YamlDotNet.Core.YamlException)
        {
        }
        return new YamlScalarNode(value) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
    }

    private static string Save(YamlStream stream)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static TResult Let<T, TResult>(this T value, Func<T, TResult> f) => f(value);
}
