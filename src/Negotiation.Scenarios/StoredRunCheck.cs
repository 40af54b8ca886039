using System.Collections;
using System.Reflection;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Core.Storage;

namespace Negotiation.Scenarios;

/// <summary>
/// A stored run is outside input too (an event file can be edited by hand): before anything replays,
/// verifies, forks or resumes it, the scenario in its first event (and in a fork's event) is validated as a
/// scenario file would be, and every event's fields are checked: nothing missing, every vendor, party, term,
/// option and red line one the scenario has, rounds in order. Each problem names the event's line.
/// </summary>
public static class StoredRunCheck
{
    // Not thread-safe, so one per use.
    private static NullabilityInfoContext Nullability => new();

    /// <param name="source">what the problems are reported against: the file's path, or the run id</param>
    public static IReadOnlyList<string> Problems(IReadOnlyList<StoredEvent> events, string source)
    {
        if (events.Count == 0) return [$"{source}:1:1: error: the run holds no events"];
        if (events[0].Event is not NegotiationOpened opened)
            return [$"{source}:1:1: error: a run's first event is NegotiationOpened, not {EventTypes.NameOf(events[0].Event)}"];
        var problems = new List<string>();
        void Add(int line, string message) => problems.Add($"{source}:{line}:1: error: {message}");

        Scenario? scenario = null;
        var lastRound = 0;
        var state = RunState.Empty;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i].Event;
            var line = i + 1;
            var missing = MissingFields(e).ToList();
            if (missing.Count > 0)
            {
                Add(line, $"{EventTypes.NameOf(e)} has no {string.Join(", ", missing)}");
                return problems;
            }
            if (e is NegotiationOpened o)
            {
                if (i > 0) Add(line, "NegotiationOpened may only open a run");
                scenario = Validated(o.Scenario, line, Add);
                if (scenario is not null && o.Humans?.FirstOrDefault(h => scenario.Parties.All(p => p.Id != h)) is { } nobody)
                    Add(line, $"`humans` names `{nobody}`, who is not a party of the scenario");
                if (o.Seed != o.Scenario.Seed) Add(line, $"the seed {o.Seed} is not the scenario's seed {o.Scenario.Seed}");
            }
            else if (e is RunForked f)
            {
                var changed = Validated(f.Scenario, line, Add);
                if (changed is not null && scenario is not null && Rules.KeepsShape(scenario, changed) is { Allowed: false } refused)
                    Add(line, refused.Reason!);
                scenario = changed ?? scenario;
            }
            if (scenario is null || problems.Count > 0) return problems;

            if (e.Round < lastRound || e.Round > Simulation.MaxRounds(scenario))
                Add(line, $"round {e.Round} cannot come after round {lastRound} in a run of {scenario.Rounds} rounds");
            lastRound = Math.Max(lastRound, e.Round);
            foreach (var problem in References(scenario, e)) Add(line, problem);
            if (problems.Count > 0) return problems;

            try
            {
                state = Evolution.Evolve(state, e);
            }
            catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or NullReferenceException or ArgumentException)
            {
                Add(line, $"{EventTypes.NameOf(e)} does not fit the run so far ({ex.Message.Split('\n')[0]})");
                return problems;
            }
        }
        return problems;
    }

    private static Scenario? Validated(Scenario scenario, int line, Action<int, string> add)
    {
        var (checkedScenario, errors) = ScenarioPaths.Validate(scenario);
        foreach (var error in errors) add(line, $"the scenario in this event: {error}");
        return errors.Count == 0 ? checkedScenario : null;
    }

    /// <summary>
    /// The fields, at any depth inside the event and its scenario, that their type says are never null and are
    /// (a JSON file can leave anything out).
    /// </summary>
    private static IEnumerable<string> MissingFields(object value, string path = "", int depth = 0)
    {
        if (depth > 8) yield break;
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null || property.DeclaringType == typeof(RunEvent) && property.Name == "EqualityContract") continue;
            if (property.PropertyType.IsValueType) continue;
            var name = path + System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var inner = property.GetValue(value);
            if (inner is null)
            {
                if (Nullability.Create(property).ReadState == NullabilityState.NotNull) yield return name;
                continue;
            }
            if (inner is string) continue;
            if (inner is IEnumerable items)
            {
                var index = 0;
                foreach (var item in items)
                {
                    var at = $"{name}[{index++}]";
                    if (item is null) yield return at;
                    else if (IsModel(item)) foreach (var m in MissingFields(item, at + ".", depth + 1)) yield return m;
                    else if (item.GetType() is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(KeyValuePair<,>) &&
                             t.GetProperty("Value")!.GetValue(item) is var v)
                    {
                        if (v is null) yield return at;
                        else if (IsModel(v)) foreach (var m in MissingFields(v, at + ".", depth + 1)) yield return m;
                    }
                }
            }
            else if (IsModel(inner)) foreach (var m in MissingFields(inner, name + ".", depth + 1)) yield return m;
        }
    }

    private static bool IsModel(object value) => value.GetType().Namespace?.StartsWith("Negotiation.Core", StringComparison.Ordinal) == true;

    private static IEnumerable<string> References(Scenario scenario, RunEvent e)
    {
        var vendors = scenario.Vendors.Select(v => v.Id).ToHashSet();
        var parties = scenario.Parties.Select(p => p.Id).ToHashSet();
        string? Vendor(string id) => vendors.Contains(id) ? null : $"there is no vendor `{id}`";
        string? Party(string id) => parties.Contains(id) ? null : $"there is no party `{id}`";
        string? Side(string party, string vendor) => Core.Engine.Rules.IsSide(scenario, party, vendor).Reason;
        IEnumerable<string?> Sheet(IReadOnlyDictionary<string, string> terms)
        {
            foreach (var t in scenario.Terms)
                if (!terms.TryGetValue(t.Id, out var option)) yield return $"the terms give no option for `{t.Id}`";
                else if (!t.Options.Contains(option)) yield return $"`{t.Id}` has no option `{option}`";
            foreach (var unknown in terms.Keys.Where(k => scenario.Terms.All(t => t.Id != k))) yield return $"there is no term `{unknown}`";
        }
        string? Lines(string party, IEnumerable<string> ids) =>
            ids.FirstOrDefault(id => scenario.Parties.FirstOrDefault(p => p.Id == party)?.RedLines.All(l => l.Id != id) ?? true) is { } unknown
                ? $"`{party}` has no red line `{unknown}`"
                : null;
        string? Term(string term, string option) =>
            scenario.Terms.FirstOrDefault(t => t.Id == term) is not { } t ? $"there is no term `{term}`"
            : t.Options.Contains(option) ? null : $"`{term}` has no option `{option}`";

        IEnumerable<string?> found = e switch
        {
            OfferMade m => [Vendor(m.Vendor), Party(m.From), Side(m.From, m.Vendor), .. Sheet(m.Terms)],
            OfferRejected r => [Vendor(r.Vendor), Party(r.By), Side(r.By, r.Vendor), .. Sheet(r.Terms)],
            AgreementSigned a => [Vendor(a.Vendor), Party(a.AcceptedBy), Side(a.AcceptedBy, a.Vendor), .. Sheet(a.Terms)],
            SameTermsExtended x => [Vendor(x.SignedBy), .. x.To.Select(Vendor), .. Sheet(x.Terms)],
            WalkedAway w => [Vendor(w.Vendor)],
            DesignationThreatened t => [Vendor(t.Vendor), Lines(scenario.Agency.Id, t.RedLines)],
            ThreatMet t => [Vendor(t.Vendor)],
            ThreatLapsed t => [Vendor(t.Vendor)],
            RedLinesDropped d => [Vendor(d.Vendor), Lines(d.Vendor, d.RedLines), Lines(scenario.Agency.Id, d.Respects)],
            RedLineDropped d => [Vendor(d.Vendor), Party(d.Party), Side(d.Party, d.Vendor), Lines(d.Party, [d.RedLine])],
            Designated d => [Vendor(d.Vendor)],
            VendorExited x => [Vendor(x.Vendor)],
            LitigationFiled l => [Vendor(l.Vendor), l.RulingRound > l.Round ? null : $"a ruling in round {l.RulingRound} cannot come before the filing"],
            CourtRuled c => [Vendor(c.Vendor), c.Draw is >= 0 and < 1 ? null : $"the draw {c.Draw} is not in [0, 1)"],
            StatementMade s => [Party(s.Party), Texts.Problem(s.Text, Texts.MaxWritten) is { } bad ? $"the statement {bad}" : null],
            NewsReported n => [Texts.Problem(n.Text, Texts.MaxWritten) is { } bad ? $"the news {bad}" : null],
            SameTermsRequested s => [Vendor(s.Vendor)],
            DeadlinePassed d => [.. d.Vendors.Select(Vendor)],
            OptionLocked l => [Party(l.Party), Term(l.Term, l.Option)],
            OptionUnlocked u => [Party(u.Party), Term(u.Term, u.Option)],
            PartyNumberSet n => [Party(n.Party), NumberFields.IsKnown(n.Field, scenario) ? null : $"`{n.Field}` is not a number a world event may set"],
            ProbeAssessed p => [Vendor(p.Vendor), scenario.Audit.Any(x => x.Id == p.Probe) ? null : $"there is no probe `{p.Probe}`"],
            RedLineAudited a => [Vendor(a.Vendor), Lines(a.Vendor, [a.RedLine])],
            RunConcluded c => [.. c.Outcomes.Select(o => o is null ? "an outcome is missing" : Vendor(o.Vendor))],
            DesignationLifted d => [Vendor(d.Vendor), d.DeadlineRound >= d.Round ? null : $"a reopened negotiation cannot end in round {d.DeadlineRound}, before it reopens"],
            ChoiceWeighed c => [Vendor(c.Vendor), c.Belief is >= 0 and <= 1 ? null : $"the belief {c.Belief} is not in [0, 1]",
                c.Estimates.Any(x => x is null || !double.IsFinite(x.Value)) ? "an estimate is missing or not a number" : null],
            _ => [],
        };
        return found.OfType<string>().Distinct();
    }
}
