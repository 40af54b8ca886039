using System.Text.RegularExpressions;
using Negotiation.Core.Engine;
using Negotiation.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Negotiation.Scenarios;

/// <summary>The result of loading a scenario file: the scenario, or every problem found in it.</summary>
public sealed record LoadResult(Scenario? Scenario, IReadOnlyList<Diagnostic> Errors)
{
    public bool Ok => Scenario is not null && Errors.Count == 0;
}

/// <summary>
/// Loads a scenario file (the public format of scenario-format.md) into the core model and validates it,
/// reporting every problem with its file, line and column. Nothing in a file can run code: only the YAML
/// representation model is read, no type is ever instantiated from a tag.
/// </summary>
public static partial class ScenarioLoader
{
    /// <summary>Bounds past which a number is a mistake, not a scenario (and past which arithmetic would overflow).</summary>
    public static class Limits
    {
        public const int MaxRounds = 10_000;
        public const double MaxWeight = NumberFields.MaxWeight;
        public const double MaxExponent = NumberFields.MaxExponent;
        public const int MaxNesting = 64;
        public const long MaxExpandedNodes = 100_000;
    }

    private static readonly string[] TopKeys = ["name", "title", "description", "seed", "rounds", "terms", "agency", "vendors", "litigation", "audit", "events", "background"];
    private static readonly string[] PartyKeys = ["id", "name", "preferences", "red_lines", "reservation", "strategy", "avoids_known_red_lines", "outcomes", "brief"];
    private static readonly string[] AgencyOnly = ["same_terms_for_all", "tactics"];
    private static readonly string[] VendorOnly = ["on_threat", "on_designation", "asks_same_terms_for_all", "statements", "beliefs"];

    private static IReadOnlyDictionary<string, StrategyKind> StrategyKinds => Words.StrategyKinds;
    private static IReadOnlyDictionary<string, SameTermsPolicy> SameTermsPolicies => Words.SameTermsPolicies;
    private static IReadOnlyDictionary<string, TacticKind> TacticKinds => Words.TacticKinds;
    private static IReadOnlyDictionary<string, StatementTrigger> Triggers => Words.Triggers;

    private static readonly string[] OutcomeKeys = [.. Words.Endings.Keys];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex("^[a-z0-9]+([_-][a-z0-9]+)*$")]
    private static partial Regex Identifier();

    public static LoadResult Load(string path)
    {
        if (!File.Exists(path)) return new LoadResult(null, [new Diagnostic(path, 1, 1, "no such file")]);
        return Parse(File.ReadAllText(path), path);
    }

    /// <param name="text">the file's text; a leading byte-order mark (an editor's, or a paste's) is not part of it</param>
    public static LoadResult Parse(string text, string file) => Parse(text.StartsWith('\uFEFF') ? text[1..] : text, file, rangesAllowed: true);

    private static LoadResult Parse(string text, string file, bool rangesAllowed)
    {
        if (TooDeep(text, file) is { } deep) return new LoadResult(null, [deep]);
        var yaml = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            yaml.Load(parser);
        }
        catch (YamlException e)
        {
            var message = (e.InnerException?.Message ?? e.Message).Split('\n')[0];
            return new LoadResult(null, [new Diagnostic(file, (int)e.Start.Line, (int)e.Start.Column, $"YAML syntax: {Clean(message)}")]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up on some broken input (an unclosed flow list) without a position:
            // report where the parser last stood.
            var at = parser.Current?.End ?? Mark.Empty;
            return new LoadResult(null, [new Diagnostic(file, (int)Math.Max(1, at.Line), (int)Math.Max(1, at.Column),
                "YAML syntax: unexpected end of a flow list or mapping (a missing `]` or `}`?)")]);
        }
        catch (ArgumentException)
        {
            // The representation model refuses some well-formed YAML (an alias where a node should start, say).
            var at = parser.Current?.Start ?? Mark.Empty;
            return new LoadResult(null, [new Diagnostic(file, (int)Math.Max(1, at.Line), (int)Math.Max(1, at.Column),
                "YAML syntax: a node a scenario cannot hold here (an alias, an anchor or a tag out of place?)")]);
        }
        var reader = new Reader(file);
        if (yaml.Documents.Count != 1)
        {
            reader.Error(1, 1, yaml.Documents.Count == 0 ? "the file is empty" : "a scenario file holds one YAML document");
            return new LoadResult(null, reader.Errors);
        }
        var (ranges, rangeProblems) = Ranges.Find(yaml.Documents[0].RootNode, text);
        if (rangesAllowed && (ranges.Count > 0 || rangeProblems.Count > 0)) return WithRanges(text, file, ranges, rangeProblems);
        foreach (var range in ranges) reader.Error(range.Node, "a range that could not be read as a range");
        var scenario = new Builder(reader).Scenario(yaml.Documents[0].RootNode);
        return new LoadResult(reader.Errors.Count == 0 ? scenario : null,
            reader.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList());
    }

    /// <summary>A file with ranges: valid when it is valid with every range at its LOW and at its HIGH, and every one_of at each word.</summary>
    private static LoadResult WithRanges(string text, string file, List<Ranges.Found> ranges, List<(YamlNode Node, string Message)> problems)
    {
        // A range at its LOW and its HIGH; every word of a one_of in its turn (the others at their last).
        var picks = Math.Max(2, ranges.Select(r => r.Ends.Count).DefaultIfEmpty(0).Max());
        var loads = Enumerable.Range(0, picks).Select(i => Parse(Ranges.Replace(text, ranges, i), file, rangesAllowed: false)).ToList();
        var errors = problems.Select(p => new Diagnostic(file, (int)p.Node.Start.Line, (int)p.Node.Start.Column, p.Message))
            .Concat(loads.SelectMany(l => l.Errors))
            .Distinct()
            .OrderBy(e => e.Line).ThenBy(e => e.Column)
            .ToList();
        var numbers = ranges.Where(r => r.Choice is null).Select(r => r.Number).ToList();
        var choices = ranges.Where(r => r.Choice is not null).Select(r => r.Choice!).ToList();
        return errors.Count == 0 && loads[0].Scenario is { } scenario
            ? new LoadResult(scenario with { Uncertain = numbers.Count > 0 ? numbers : null, Choices = choices.Count > 0 ? choices : null }, [])
            : new LoadResult(null, errors);
    }

    /// <summary>
    /// Walks the file's YAML events (the parser itself does not recurse) and stops at what the representation
    /// model and the walks over it cannot survive: nesting deeper than any scenario needs (they recurse), an alias
    /// inside the node it names (a cycle: the tree would be infinite), and aliases that expand past
    /// <see cref="Limits.MaxExpandedNodes"/> nodes or past the nesting limit (a few lines of aliases can stand for
    /// billions of nodes). Every path that reads YAML (files, pasted scenarios, `--set` values) asks here first.
    /// </summary>
    internal static Diagnostic? TooDeep(string text, string file)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        long nodes = 0;
        // Each open collection: its anchor (if any), the node count and the deepest depth when it opened.
        var open = new Stack<(string? Anchor, long NodesAtStart, int Depth)>();
        var anchored = new Dictionary<string, (long Nodes, int Depth)>();
        var deepest = 0;
        Diagnostic At(YamlDotNet.Core.Events.ParsingEvent e, string message) => new(file, (int)e.Start.Line, (int)e.Start.Column, message);
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                switch (current)
                {
                    case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                        nodes++;
                        if (++depth > Limits.MaxNesting)
                            return At(current, $"nested more than {Limits.MaxNesting} levels deep; a scenario needs far fewer");
                        deepest = Math.Max(deepest, depth);
                        open.Push((((YamlDotNet.Core.Events.NodeEvent)current).Anchor.IsEmpty ? null : ((YamlDotNet.Core.Events.NodeEvent)current).Anchor.Value, nodes - 1, depth));
                        break;
                    case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                        var (anchor, atStart, openedAt) = open.Pop();
                        if (anchor is not null) anchored[anchor] = (nodes - atStart, deepest - openedAt + 1);
                        depth--;
                        if (open.Count == 0) deepest = depth;
                        break;
                    case YamlDotNet.Core.Events.Scalar scalar:
                        nodes++;
                        if (!scalar.Anchor.IsEmpty) anchored[scalar.Anchor.Value] = (1, 0);
                        break;
                    case YamlDotNet.Core.Events.AnchorAlias alias:
                        var name = alias.Value.Value;
                        if (open.Any(o => o.Anchor == name))
                            return At(current, $"the alias *{name} stands inside the node &{name} it names: a cycle no scenario can hold");
                        if (!anchored.TryGetValue(name, out var size)) break; // the parser reports an unknown alias
                        nodes += size.Nodes;
                        if (nodes > Limits.MaxExpandedNodes)
                            return At(current, $"the aliases expand to more than {Limits.MaxExpandedNodes:N0} nodes; a scenario needs far fewer");
                        if (depth + size.Depth > Limits.MaxNesting)
                            return At(current, $"the alias *{name} nests more than {Limits.MaxNesting} levels deep; a scenario needs far fewer");
                        deepest = Math.Max(deepest, depth + size.Depth);
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // A syntax error: the full parse below reports it with its position.
        }
        return null;
    }

    private static string Clean(string message) =>
        Regex.Replace(message, @"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", "");

    private sealed class Builder(Reader r)
    {
        private readonly Dictionary<string, TermDefinition> _terms = [];

        // Every red line id seen, even in a party with other problems, so one mistake does not cascade.
        private readonly HashSet<string> _redLineIds = [];

        public Scenario? Scenario(YamlNode root)
        {
            var top = r.Mapping(root, "the scenario", TopKeys);
            if (top.Count == 0 && root is not YamlMappingNode) return null;
            foreach (var key in new[] { "name", "rounds", "terms", "agency", "vendors" }) r.Require(top, root, key, "the scenario");

            var name = top.TryGetValue("name", out var n) ? r.String(n, "name") : null;
            if (name is not null && !KebabCase().IsMatch(name)) r.Error(n!, $"`name` must be kebab-case (like `the-whole-story`), not `{name}`");
            var seed = top.TryGetValue("seed", out var s) ? r.Integer(s, "seed") : 1;
            var rounds = top.TryGetValue("rounds", out var rn) ? r.Integer(rn, "rounds", 1, Limits.MaxRounds) : null;
            var terms = top.TryGetValue("terms", out var t) ? Terms(t) : [];
            var agency = top.TryGetValue("agency", out var a) ? Agency(a) : null;
            var vendors = top.TryGetValue("vendors", out var v) ? Vendors(v) : [];

            var ids = new Dictionary<string, YamlNode>();
            var named = vendors.Select(x => ((PartySpec?)x.Spec, x.Node)).ToList();
            if (agency?.Spec is { } agencySpec) named.Insert(0, (agencySpec, a!));
            foreach (var (party, node) in named)
                if (!ids.TryAdd(party!.Id, node)) r.Error(node, $"party id `{party.Id}` is used twice");

            var parties = vendors.Select(x => (PartySpec)x.Spec).ToList();
            if (agency?.Spec is { } ag) parties.Insert(0, ag);
            var litigation = top.TryGetValue("litigation", out var l) ? Litigation(l) : null;
            var audit = top.TryGetValue("audit", out var au) ? Audit(au) : [];
            var events = top.TryGetValue("events", out var ev) ? WorldEvents(ev, parties, rounds) : [];

            if (name is null || seed is null || rounds is null || agency?.Spec is null || terms.Count == 0 || vendors.Count == 0) return null;
            return new Scenario(name,
                top.TryGetValue("title", out var ti) ? r.String(ti, "title") : null,
                top.TryGetValue("description", out var d) ? r.String(d, "description") : null,
                seed.Value, rounds.Value, terms, agency.Value.Spec, vendors.Select(x => x.Spec).ToList(), litigation, audit, events)
            {
                Background = top.TryGetValue("background", out var bg) ? r.String(bg, "background") : null,
            };
        }

        private List<TermDefinition> Terms(YamlNode node)
        {
            if (node is not YamlMappingNode mapping || mapping.Children.Count == 0)
            {
                r.Error(node, "`terms` must map at least one term id to its options");
                return [];
            }
            foreach (var (keyNode, value) in mapping.Children)
            {
                var id = r.String(keyNode, "term id");
                if (id is null) continue;
                if (!Identifier().IsMatch(id)) r.Error(keyNode, $"term id `{id}` must be snake_case or kebab-case");
                var entries = r.Mapping(value, $"term `{id}`", ["label", "options"]);
                if (!r.Require(entries, value, "options", $"term `{id}`")) continue;
                var options = r.StringList(entries["options"], "options");
                var distinct = options.Select(o => o.Value).Distinct().ToList();
                foreach (var dup in options.GroupBy(o => o.Value).Where(g => g.Count() > 1)) r.Error(dup.Skip(1).First().Node, $"option `{dup.Key}` of `{id}` is listed twice");
                if (distinct.Count < 2) r.Error(entries["options"], $"term `{id}` needs at least two distinct options");
                if (_terms.ContainsKey(id)) r.Error(keyNode, $"term `{id}` is defined twice");
                else _terms[id] = new TermDefinition(id, entries.TryGetValue("label", out var label) ? r.String(label, "label") : null, distinct);
            }
            return [.. _terms.Values];
        }

        private (AgencySpec? Spec, YamlNode Node)? Agency(YamlNode node)
        {
            var misplaced = VendorOnly.ToDictionary(k => k, _ => "for vendors only, not the agency");
            var e = r.Mapping(node, "the agency", [.. PartyKeys, .. AgencyOnly], misplaced);
            var party = Party(e, node, "the agency");
            var sameTerms = e.TryGetValue("same_terms_for_all", out var st) ? r.Choice(st, "same_terms_for_all", SameTermsPolicies) : SameTermsPolicy.Never;
            var tactics = e.TryGetValue("tactics", out var t) ? r.Sequence(t, "tactics").Select(Tactic).ToList() : [];
            if (party is null || sameTerms is null || tactics.Any(x => x is null)) return (null, node);
            return (new AgencySpec(party.Id, party.Name, party.Preferences, party.RedLines, party.Reservation, party.Strategy,
                sameTerms.Value, tactics.Select(x => x!).ToList()) { AvoidsKnownRedLines = party.AvoidsKnownRedLines, Outcomes = party.Outcomes, Brief = party.Brief }, node);
        }

        private Tactic? Tactic(YamlNode node)
        {
            var e = r.Mapping(node, "a tactic", ["do", "after_deadlock_rounds", "deadline_rounds"]);
            if (!r.Require(e, node, "do", "a tactic")) return null;
            var kind = r.Choice(e["do"], "do", TacticKinds);
            var after = e.TryGetValue("after_deadlock_rounds", out var a) ? r.Integer(a, "after_deadlock_rounds", 1, Limits.MaxRounds) : 3;
            var deadline = e.TryGetValue("deadline_rounds", out var d) ? r.Integer(d, "deadline_rounds", 1, Limits.MaxRounds) : 2;
            if (kind == TacticKind.Designate)
                foreach (var key in new[] { "after_deadlock_rounds", "deadline_rounds" }.Where(e.ContainsKey))
                    r.Error(e[key], $"`{key}` belongs to `threaten-designation`, not `designate`");
            return kind is null || after is null || deadline is null ? null : new Tactic(kind.Value, after.Value, deadline.Value);
        }

        private List<(VendorSpec Spec, YamlNode Node)> Vendors(YamlNode node)
        {
            var list = r.Sequence(node, "vendors");
            if (node is YamlSequenceNode && list.Count == 0) r.Error(node, "`vendors` needs at least one vendor");
            var misplaced = AgencyOnly.ToDictionary(k => k, _ => "for the agency only, not a vendor");
            var vendors = new List<(VendorSpec, YamlNode)>();
            foreach (var v in list)
            {
                var e = r.Mapping(v, "a vendor", [.. PartyKeys, .. VendorOnly], misplaced);
                var what = e.TryGetValue("id", out var idNode) && idNode is YamlScalarNode { Value: { } id } ? $"vendor `{id}`" : "a vendor";
                var party = Party(e, v, what);
                var onThreat = e.TryGetValue("on_threat", out var ot) ? r.Choice(ot, "on_threat", Words.ThreatRules) : ThreatRule.Hold;
                var onDesignation = e.TryGetValue("on_designation", out var od) ? r.Choice(od, "on_designation", Words.DesignationRules) : DesignationRule.Accept;
                var beliefs = e.TryGetValue("beliefs", out var b) ? Beliefs(b) : null;
                if (beliefs is null && e.ContainsKey("beliefs")) continue;
                var asks = e.TryGetValue("asks_same_terms_for_all", out var ask) ? r.Boolean(ask, "asks_same_terms_for_all") : false;
                var statements = e.TryGetValue("statements", out var st) ? r.Sequence(st, "statements").Select(Statement).ToList() : [];
                if (party is null || onThreat is null || onDesignation is null || asks is null || statements.Any(x => x is null)) continue;
                vendors.Add((new VendorSpec(party.Id, party.Name, party.Preferences, party.RedLines, party.Reservation, party.Strategy,
                    onThreat.Value, onDesignation.Value, asks.Value, statements.Select(x => x!).ToList())
                {
                    AvoidsKnownRedLines = party.AvoidsKnownRedLines, Outcomes = party.Outcomes, Beliefs = beliefs, Brief = party.Brief,
                }, v));
            }
            return vendors;
        }

        private Statement? Statement(YamlNode node)
        {
            var e = r.Mapping(node, "a statement", ["on", "text", "reported"]);
            if (!r.Require(e, node, "on", "a statement") | !r.Require(e, node, "text", "a statement")) return null;
            var trigger = r.Choice(e["on"], "on", Triggers);
            var text = r.String(e["text"], "text");
            var reported = e.TryGetValue("reported", out var rp) ? r.Boolean(rp, "reported") : false;
            return trigger is null || text is null || reported is null ? null : new Statement(trigger.Value, text) { Reported = reported.Value };
        }

        private sealed record PartyCore(string Id, string Name, IReadOnlyDictionary<string, Preference> Preferences,
            IReadOnlyList<RedLine> RedLines, double Reservation, StrategySpec Strategy, bool AvoidsKnownRedLines, OutcomeValues? Outcomes, string? Brief);

        private PartyCore? Party(Dictionary<string, YamlNode> e, YamlNode node, string what)
        {
            var ok = r.Require(e, node, "id", what) & r.Require(e, node, "preferences", what);
            var id = e.TryGetValue("id", out var idNode) ? r.String(idNode, "id") : null;
            if (id is not null && !Identifier().IsMatch(id)) r.Error(idNode!, $"`id` must be snake_case or kebab-case, not `{id}`");
            var name = e.TryGetValue("name", out var n) ? r.String(n, "name") : id;
            var preferences = e.TryGetValue("preferences", out var p) ? Preferences(p, what) : null;
            var redLines = e.TryGetValue("red_lines", out var rl) ? RedLines(rl, id ?? "party") : [];
            var reservation = e.TryGetValue("reservation", out var res) ? r.Number(res, "reservation", 0, 1) : 0;
            var strategy = e.TryGetValue("strategy", out var s) ? Strategy(s) : StrategySpec.Default;
            var avoids = e.TryGetValue("avoids_known_red_lines", out var akr) ? r.Boolean(akr, "avoids_known_red_lines") : false;
            var outcomes = e.TryGetValue("outcomes", out var oc) ? Outcomes(oc, what) : null;
            var brief = e.TryGetValue("brief", out var br) ? r.String(br, "brief") : null;
            if (brief is null && e.ContainsKey("brief")) return null;
            if (!ok || id is null || name is null || preferences is null || redLines.Any(x => x is null) || reservation is null || strategy is null || avoids is null) return null;
            if (outcomes is null && e.ContainsKey("outcomes")) return null;
            return new PartyCore(id, name, preferences, redLines.Select(x => x!).ToList(), reservation.Value, strategy, avoids.Value, outcomes, brief);
        }

        /// <summary>A party's values of the endings without a contract (format 1.2), each in [0, 1].</summary>
        private OutcomeValues? Outcomes(YamlNode node, string what)
        {
            var e = r.Mapping(node, $"the `outcomes` of {what}", OutcomeKeys);
            if (node is not YamlMappingNode) return null;
            double? Value(string key, out bool bad)
            {
                bad = false;
                if (!e.TryGetValue(key, out var n)) return null;
                var value = r.Number(n, key, 0, 1);
                bad = value is null;
                return value;
            }
            var values = new OutcomeValues(Value("no_deal", out var b1), Value("designated", out var b2), Value("designation_lifted", out var b3), Value("exited", out var b4));
            return b1 || b2 || b3 || b4 ? null : values;
        }

        private Beliefs? Beliefs(YamlNode node)
        {
            var e = r.Mapping(node, "`beliefs`", ["injunction_probability"]);
            if (node is not YamlMappingNode) return null;
            if (!e.TryGetValue("injunction_probability", out var p)) return new Beliefs();
            return r.Number(p, "injunction_probability", 0, 1) is { } belief ? new Beliefs(belief) : null;
        }

        private Dictionary<string, Preference>? Preferences(YamlNode node, string what)
        {
            if (node is not YamlMappingNode mapping)
            {
                r.Error(node, $"`preferences` of {what} must map terms to `{{weight, values}}`");
                return null;
            }
            var result = new Dictionary<string, Preference>();
            var ok = true;
            foreach (var (keyNode, value) in mapping.Children)
            {
                var termId = r.String(keyNode, "term");
                if (termId is null || Term(keyNode, termId) is not { } term) { ok = false; continue; }
                var e = r.Mapping(value, $"the preference on `{termId}`", ["weight", "values"]);
                var has = r.Require(e, value, "weight", $"the preference on `{termId}`") & r.Require(e, value, "values", $"the preference on `{termId}`");
                if (!has) { ok = false; continue; }
                var weight = r.Number(e["weight"], "weight", 0, Limits.MaxWeight);
                var values = new Dictionary<string, double>();
                var valuesNode = e["values"];
                if (valuesNode is YamlMappingNode valueMap)
                {
                    foreach (var (optionNode, numberNode) in valueMap.Children)
                    {
                        var option = r.String(optionNode, "option");
                        if (option is null) continue;
                        if (!term.Options.Contains(option)) { r.Error(optionNode, $"`{termId}` has no option `{option}`{Suggest.DidYouMean(option, term.Options)}"); ok = false; continue; }
                        if (r.Number(numberNode, $"values.{option}", 0, 1) is { } number) values[option] = number; else ok = false;
                    }
                    foreach (var missing in term.Options.Where(o => !values.ContainsKey(o) && !valueMap.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == o)))
                    {
                        r.Error(valuesNode, $"option `{missing}` of `{termId}` has no value");
                        ok = false;
                    }
                }
                else
                {
                    r.Error(valuesNode, $"`values` must give every option of `{termId}` a number in [0, 1]");
                    ok = false;
                }
                if (weight is null) ok = false;
                else result[termId] = new Preference(weight.Value, values);
            }
            if (ok && !(result.Values.Sum(x => x.Weight) > 0))
            {
                r.Error(node, $"the weights in the `preferences` of {what} sum to 0, so every contract would be worth 0 to it: give at least one term a weight above 0");
                ok = false;
            }
            return ok ? result : null;
        }

        private List<RedLine?> RedLines(YamlNode node, string party)
        {
            var ids = new HashSet<string>();
            return r.Sequence(node, "red_lines").Select(line =>
            {
                var e = r.Mapping(line, "a red line", ["id", "term", "require", "forbid", "reason", "firm"]);
                if (!r.Require(e, line, "term", "a red line")) return null;
                var termId = r.String(e["term"], "term");
                var term = termId is null ? null : Term(e["term"], termId);
                var id = e.TryGetValue("id", out var idNode) ? r.String(idNode, "id") : $"{party}-{termId}";
                if (id is not null) _redLineIds.Add(id);
                if (id is not null && !ids.Add(id)) r.Error(e.TryGetValue("id", out var dupNode) ? dupNode : line, $"red line id `{id}` is used twice by `{party}`");
                var hasRequire = e.TryGetValue("require", out var req);
                var hasForbid = e.TryGetValue("forbid", out var forb);
                if (hasRequire == hasForbid)
                {
                    r.Error(line, hasRequire ? "a red line has either `require` or `forbid`, not both" : "a red line needs `require` or `forbid`");
                    return null;
                }
                var optionsNode = hasRequire ? req! : forb!;
                var options = r.StringList(optionsNode, hasRequire ? "require" : "forbid");
                if (options.Count == 0 && optionsNode is YamlSequenceNode) r.Error(optionsNode, "a red line names at least one option");
                var bad = false;
                if (term is not null)
                    foreach (var (option, optionNode) in options.Where(o => !term.Options.Contains(o.Value)))
                    {
                        r.Error(optionNode, $"`{term.Id}` has no option `{option}`{Suggest.DidYouMean(option, term.Options)}");
                        bad = true;
                    }
                var firm = e.TryGetValue("firm", out var f) ? r.Boolean(f, "firm") : true;
                var reason = e.TryGetValue("reason", out var rs) ? r.String(rs, "reason") : null;
                if (term is null || id is null || firm is null || bad || options.Count == 0) return null;
                var list = options.Select(o => o.Value).ToList();
                return new RedLine(id, term.Id, hasRequire ? list : null, hasRequire ? null : list, reason, firm.Value);
            }).ToList();
        }

        private StrategySpec? Strategy(YamlNode node)
        {
            var e = r.Mapping(node, "the strategy", ["kind", "exponent"]);
            if (!r.Require(e, node, "kind", "the strategy")) return null;
            var kind = r.Choice(e["kind"], "kind", StrategyKinds);
            double? exponent = null;
            if (e.TryGetValue("exponent", out var x))
            {
                exponent = r.Number(x, "exponent", NumberFields.MinExponent, Limits.MaxExponent);
                if (exponent is null) return null;
            }
            return kind is null ? null : new StrategySpec(kind.Value, exponent);
        }

        private LitigationSpec? Litigation(YamlNode node)
        {
            var e = r.Mapping(node, "litigation", ["rounds_to_ruling", "injunction_probability", "cost_per_round", "after_injunction", "reopen_rounds"]);
            var rounds = e.TryGetValue("rounds_to_ruling", out var rr) ? r.Integer(rr, "rounds_to_ruling", 1, Limits.MaxRounds) : LitigationSpec.Default.RoundsToRuling;
            var p = e.TryGetValue("injunction_probability", out var ip) ? r.Number(ip, "injunction_probability", 0, 1) : LitigationSpec.Default.InjunctionProbability;
            var cost = e.TryGetValue("cost_per_round", out var c) ? r.Number(c, "cost_per_round", 0, 1) : 0;
            var after = e.TryGetValue("after_injunction", out var ai) ? r.Choice(ai, "after_injunction", Words.AfterInjunctions) : AfterInjunction.End;
            int? reopen = null;
            if (e.TryGetValue("reopen_rounds", out var ro))
            {
                reopen = r.Integer(ro, "reopen_rounds", 1, Limits.MaxRounds);
                if (after == AfterInjunction.End)
                    r.Error(ro, "`reopen_rounds` says how long a reopened negotiation stays open: it needs `after_injunction: reopen`");
                if (reopen is null || after != AfterInjunction.Reopen) return null;
            }
            return rounds is null || p is null || cost is null || after is null ? null
                : new LitigationSpec(rounds.Value, p.Value) { CostPerRound = cost.Value, AfterInjunction = after.Value, ReopenRounds = reopen };
        }

        private List<Probe> Audit(YamlNode node)
        {
            var ids = new HashSet<string>();
            var probes = new List<Probe>();
            foreach (var p in r.Sequence(node, "audit"))
            {
                var e = r.Mapping(p, "a probe", ["id", "text", "permitted_when", "crosses"]);
                var ok = r.Require(e, p, "id", "a probe") & r.Require(e, p, "permitted_when", "a probe");
                var id = e.TryGetValue("id", out var idNode) ? r.String(idNode, "id") : null;
                if (id is not null && !ids.Add(id)) r.Error(idNode!, $"probe id `{id}` is used twice");
                var when = new Dictionary<string, IReadOnlyList<string>>();
                if (e.TryGetValue("permitted_when", out var pw))
                {
                    if (pw is YamlMappingNode map)
                        foreach (var (termNode, optionsNode) in map.Children)
                        {
                            var termId = r.String(termNode, "term");
                            var term = termId is null ? null : Term(termNode, termId);
                            var options = r.StringList(optionsNode, "permitted_when");
                            if (term is null) { ok = false; continue; }
                            foreach (var (option, optionNode) in options.Where(o => !term.Options.Contains(o.Value)))
                            {
                                r.Error(optionNode, $"`{term.Id}` has no option `{option}`{Suggest.DidYouMean(option, term.Options)}");
                                ok = false;
                            }
                            when[term.Id] = options.Select(o => o.Value).ToList();
                        }
                    else
                    {
                        r.Error(pw, "`permitted_when` must map terms to the options that permit the use");
                        ok = false;
                    }
                }
                var crosses = e.TryGetValue("crosses", out var c) ? r.StringList(c, "crosses") : [];
                foreach (var (line, lineNode) in crosses.Where(x => !_redLineIds.Contains(x.Value)))
                {
                    r.Error(lineNode, $"no party has a red line `{line}`{Suggest.DidYouMean(line, _redLineIds)}");
                    ok = false;
                }
                if (ok && id is not null)
                    probes.Add(new Probe(id, e.TryGetValue("text", out var t) ? r.String(t, "text") : null, when, crosses.Select(x => x.Value).ToList()));
            }
            return probes;
        }

        private List<WorldEvent> WorldEvents(YamlNode node, IReadOnlyList<PartySpec> parties, int? rounds)
        {
            var events = new List<WorldEvent>();
            foreach (var ev in r.Sequence(node, "events"))
            {
                var e = r.Mapping(ev, "a world event", ["round", "text", "unlock", "lock", "set", "reported"]);
                if (!r.Require(e, ev, "round", "a world event")) continue;
                var round = r.Integer(e["round"], "round", 1, Limits.MaxRounds);
                if (round is not null && rounds is not null && round > rounds)
                    r.Error(e["round"], $"round {round} is after the last round ({rounds})");
                // Where each field lies, for the rules' problems: the rules decide what a world event may be.
                var at = new Dictionary<string, YamlNode> { [""] = ev };
                var text = e.TryGetValue("text", out var t) ? r.String(at["text"] = t, "text") : null;
                var unlock = e.TryGetValue("unlock", out var u) ? OptionChange(u, "unlock", at) : null;
                var @lock = e.TryGetValue("lock", out var l) ? OptionChange(l, "lock", at) : null;
                var set = e.TryGetValue("set", out var s) ? NumberChange(s, at) : null;
                var reported = e.TryGetValue("reported", out var rp) ? r.Boolean(rp, "reported") ?? false : false;
                var unread = e.ContainsKey("unlock") && unlock is null || e.ContainsKey("lock") && @lock is null || e.ContainsKey("set") && set is null
                             || e.ContainsKey("text") && text is null;
                if (round is null || unread) continue;
                var world = new WorldEvent(round.Value, text, unlock, @lock, set) { Reported = reported };
                var problems = Rules.WorldEventProblems(parties, _terms.Values.ToList(), world);
                foreach (var problem in problems)
                    r.Error(at.GetValueOrDefault(problem.Field, ev), problem.Reason + (problem.Given is { } given ? Suggest.DidYouMean(given, problem.Known ?? []) : ""));
                if (problems.Count == 0) events.Add(world);
            }
            return events;
        }

        // The change as written; whether the scenario has its party, term and option is the rules' to say.
        private OptionChange? OptionChange(YamlNode node, string what, Dictionary<string, YamlNode> at)
        {
            var e = r.Mapping(node, $"`{what}`", ["party", "term", "option"]);
            if (!(r.Require(e, node, "party", $"`{what}`") & r.Require(e, node, "term", $"`{what}`") & r.Require(e, node, "option", $"`{what}`"))) return null;
            var party = r.String(at[$"{what}.party"] = e["party"], "party");
            var term = r.String(at[$"{what}.term"] = e["term"], "term");
            var option = r.String(at[$"{what}.option"] = e["option"], "option");
            return party is null || term is null || option is null ? null : new OptionChange(party, term, option);
        }

        private NumberChange? NumberChange(YamlNode node, Dictionary<string, YamlNode> at)
        {
            var e = r.Mapping(node, "`set`", ["party", "field", "value"]);
            if (!(r.Require(e, node, "party", "`set`") & r.Require(e, node, "field", "`set`") & r.Require(e, node, "value", "`set`"))) return null;
            var party = r.String(at["set.party"] = e["party"], "party");
            var field = r.String(at["set.field"] = e["field"], "field");
            var value = r.Number(at["set.value"] = e["value"], "value", double.NegativeInfinity, double.PositiveInfinity);
            return party is null || field is null || value is null ? null : new NumberChange(party, field, value.Value);
        }

        private TermDefinition? Term(YamlNode node, string id)
        {
            if (_terms.TryGetValue(id, out var term)) return term;
            r.Error(node, $"unknown term `{id}`{Suggest.DidYouMean(id, _terms.Keys)}");
            return null;
        }
    }
}
