using System.Globalization;
using Negotiation.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Negotiation.Scenarios;

/// <summary>Writes a scenario back in the file format, so it can be changed by path and validated like a file.</summary>
public static class ScenarioWriter
{
    public static string Write(Scenario scenario)
    {
        var stream = new YamlStream(new YamlDocument(Node(scenario)));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    public static YamlMappingNode Node(Scenario s)
    {
        var root = new YamlMappingNode();
        Add(root, "name", Text(s.Name));
        if (s.Title is not null) Add(root, "title", Text(s.Title));
        if (s.Description is not null) Add(root, "description", Text(s.Description));
        if (s.Background is not null) Add(root, "background", Text(s.Background));
        Add(root, "seed", Number(s.Seed));
        Add(root, "rounds", Number(s.Rounds));
        var terms = new YamlMappingNode();
        foreach (var t in s.Terms)
        {
            var term = new YamlMappingNode();
            if (t.Label is not null) Add(term, "label", Text(t.Label));
            Add(term, "options", new YamlSequenceNode(t.Options.Select(Text)));
            Add(terms, t.Id, term);
        }
        Add(root, "terms", terms);

        var agency = Party(s.Agency);
        Add(agency, "same_terms_for_all", Text(Kebab(s.Agency.SameTermsForAll)));
        Add(agency, "tactics", new YamlSequenceNode(s.Agency.Tactics.Select(t =>
        {
            var tactic = new YamlMappingNode();
            Add(tactic, "do", Text(Kebab(t.Do)));
            if (t.Do == TacticKind.ThreatenDesignation)
            {
                Add(tactic, "after_deadlock_rounds", Number(t.AfterDeadlockRounds));
                Add(tactic, "deadline_rounds", Number(t.DeadlineRounds));
            }
            return (YamlNode)tactic;
        })));
        Add(root, "agency", agency);

        Add(root, "vendors", new YamlSequenceNode(s.Vendors.Select(v =>
        {
            var vendor = Party(v);
            Add(vendor, "on_threat", Text(Kebab(v.OnThreat)));
            Add(vendor, "on_designation", Text(Kebab(v.OnDesignation)));
            if (v.Beliefs is { } beliefs)
            {
                var node = new YamlMappingNode();
                if (beliefs.InjunctionProbability is { } p) Add(node, "injunction_probability", Number(p));
                Add(vendor, "beliefs", node);
            }
            Add(vendor, "asks_same_terms_for_all", Bool(v.AsksSameTermsForAll));
            Add(vendor, "statements", new YamlSequenceNode(v.Statements.Select(st =>
            {
                var statement = new YamlMappingNode();
                Add(statement, "on", Text(Kebab(st.On)));
                Add(statement, "text", Text(st.Text));
                if (st.Reported) Add(statement, "reported", Bool(true));
                return (YamlNode)statement;
            })));
            return (YamlNode)vendor;
        })));

        if (s.Litigation is { } l)
        {
            var litigation = new YamlMappingNode();
            Add(litigation, "rounds_to_ruling", Number(l.RoundsToRuling));
            Add(litigation, "injunction_probability", Number(l.InjunctionProbability));
            if (l.CostPerRound != 0) Add(litigation, "cost_per_round", Number(l.CostPerRound));
            if (l.AfterInjunction != AfterInjunction.End) Add(litigation, "after_injunction", Text(Kebab(l.AfterInjunction)));
            if (l.ReopenRounds is { } reopen) Add(litigation, "reopen_rounds", Number(reopen));
            Add(root, "litigation", litigation);
        }
        if (s.Audit.Count > 0)
            Add(root, "audit", new YamlSequenceNode(s.Audit.Select(p =>
            {
                var probe = new YamlMappingNode();
                Add(probe, "id", Text(p.Id));
                if (p.Text is not null) Add(probe, "text", Text(p.Text));
                var when = new YamlMappingNode();
                foreach (var (term, options) in p.PermittedWhen) Add(when, term, new YamlSequenceNode(options.Select(Text)));
                Add(probe, "permitted_when", when);
                Add(probe, "crosses", new YamlSequenceNode(p.Crosses.Select(Text)));
                return (YamlNode)probe;
            })));
        if (s.Events.Count > 0)
            Add(root, "events", new YamlSequenceNode(s.Events.Select(e =>
            {
                var ev = new YamlMappingNode();
                Add(ev, "round", Number(e.Round));
                if (e.Text is not null) Add(ev, "text", Text(e.Text));
                if (e.Reported) Add(ev, "reported", Bool(true));
                if (e.Unlock is { } u) Add(ev, "unlock", Change(u));
                if (e.Lock is { } lk) Add(ev, "lock", Change(lk));
                if (e.Set is { } set)
                {
                    var n = new YamlMappingNode();
                    Add(n, "party", Text(set.Party));
                    Add(n, "field", Text(set.Field));
                    Add(n, "value", Number(set.Value));
                    Add(ev, "set", n);
                }
                return (YamlNode)ev;
            })));
        // Numbers written as ranges go back as ranges, so a changed copy (a sweep's cell) still draws them.
        foreach (var range in s.Uncertain ?? [])
        {
            string End(double x) => range.Integer ? ((long)x).ToString(CultureInfo.InvariantCulture) : x.ToString("R", CultureInfo.InvariantCulture);
            var between = new YamlMappingNode { { "between", new YamlSequenceNode(new YamlScalarNode(End(range.Low)), new YamlScalarNode(End(range.High))) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow } } };
            between.Style = YamlDotNet.Core.Events.MappingStyle.Flow;
            ScenarioPaths.Set(root, range.Path.Split('.'), between);
        }
        foreach (var choice in s.Choices ?? [])
        {
            var oneOf = new YamlMappingNode { { "one_of", new YamlSequenceNode(choice.Options.Select(o => new YamlScalarNode(o))) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow } } };
            oneOf.Style = YamlDotNet.Core.Events.MappingStyle.Flow;
            ScenarioPaths.Set(root, choice.Path.Split('.'), oneOf);
        }
        return root;
    }

    private static YamlMappingNode Party(PartySpec p)
    {
        var party = new YamlMappingNode();
        Add(party, "id", Text(p.Id));
        Add(party, "name", Text(p.Name));
        Add(party, "reservation", Number(p.Reservation));
        var strategy = new YamlMappingNode();
        Add(strategy, "kind", Text(Kebab(p.Strategy.Kind)));
        if (p.Strategy.Exponent is { } e) Add(strategy, "exponent", Number(e));
        Add(party, "strategy", strategy);
        Add(party, "avoids_known_red_lines", Bool(p.AvoidsKnownRedLines));
        if (p.Brief is not null) Add(party, "brief", Text(p.Brief));
        if (p.Outcomes is { } o)
        {
            var outcomes = new YamlMappingNode();
            if (o.NoDeal is { } noDeal) Add(outcomes, "no_deal", Number(noDeal));
            if (o.Designated is { } designated) Add(outcomes, "designated", Number(designated));
            if (o.DesignationLifted is { } lifted) Add(outcomes, "designation_lifted", Number(lifted));
            if (o.Exited is { } exited) Add(outcomes, "exited", Number(exited));
            Add(party, "outcomes", outcomes);
        }
        var preferences = new YamlMappingNode();
        foreach (var (term, pref) in p.Preferences)
        {
            var node = new YamlMappingNode();
            Add(node, "weight", Number(pref.Weight));
            var values = new YamlMappingNode();
            foreach (var (option, value) in pref.Values) Add(values, option, Number(value));
            Add(node, "values", values);
            Add(preferences, term, node);
        }
        Add(party, "preferences", preferences);
        Add(party, "red_lines", new YamlSequenceNode(p.RedLines.Select(l =>
        {
            var line = new YamlMappingNode();
            Add(line, "id", Text(l.Id));
            Add(line, "term", Text(l.Term));
            if (l.Require is not null) Add(line, "require", new YamlSequenceNode(l.Require.Select(Text)));
            if (l.Forbid is not null) Add(line, "forbid", new YamlSequenceNode(l.Forbid.Select(Text)));
            if (l.Reason is not null) Add(line, "reason", Text(l.Reason));
            Add(line, "firm", Bool(l.Firm));
            return (YamlNode)line;
        })));
        return party;
    }

    private static YamlMappingNode Change(OptionChange c)
    {
        var node = new YamlMappingNode();
        Add(node, "party", Text(c.Party));
        Add(node, "term", Text(c.Term));
        Add(node, "option", Text(c.Option));
        return node;
    }

    private static void Add(YamlMappingNode map, string key, YamlNode value) => map.Add(new YamlScalarNode(key), value);

    private static YamlNode Text(string text) => new YamlScalarNode(text) { Style = ScalarStyle.DoubleQuoted };

    private static YamlNode Number(double value) => new YamlScalarNode(value.ToString("R", CultureInfo.InvariantCulture));

    private static YamlNode Bool(bool value) => new YamlScalarNode(value ? "true" : "false");

    private static string Kebab<T>(T value) where T : struct, Enum => Words.Of(value);
}
