using System.Diagnostics;
using System.Globalization;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Core.Reports;

/// <summary>
/// The minutes in plain sentences for a class to read (`--plain`): terms and red lines by their labels, an offer
/// by what it changes, and a stretch of rounds in which nobody moves folded into one line. No colour, no tables
/// but the outcome and audit tables that follow.
/// </summary>
public static class PlainMinutes
{
    /// <param name="audience">who is told (default: everything, as the command line and the instructor see it)</param>
    public static IEnumerable<string> Lines(string runId, IReadOnlyList<RunEvent> events, Audience? audience = null)
    {
        audience ??= Audience.Everything;
        var quiet = (From: 0, To: 0, What: "", Why: "");
        Scenario? scenario = null;

        foreach (var round in Rounds(Minutes.Of(events, audience)))
        {
            var lines = new List<string>();
            var holding = new List<(string Vendor, string From)>();
            foreach (var m in round.Minutes)
            {
                scenario = m.Scenario;
                switch (m)
                {
                    case Minute.Opened o:
                        lines.AddRange(Opening(runId, o.Scenario, o.Seed));
                        break;
                    case Minute.Offered { Holds: true } o:
                        holding.Add((o.Vendor, o.From));
                        break;
                    default:
                        lines.Add(Sentence(m));
                        break;
                }
            }

            // A round in which nobody moves (people passing with no offer on the table) folds like one of held offers.
            var holds = Holds(scenario, holding) is { Length: > 0 } held ? held : audience.IsRoom ? "  the parties bargain in private" : "  nobody moves";
            if (round.Number > 0 && lines.Count == 0)
            {
                // Nothing but held offers: fold into the stretch of identical rounds before it.
                if (quiet.What == holds && quiet.Why == round.Why && quiet.To == round.Number - 1) quiet.To = round.Number;
                else
                {
                    foreach (var line in Quiet(quiet)) yield return line;
                    quiet = (round.Number, round.Number, holds, round.Why);
                }
                continue;
            }
            foreach (var line in Quiet(quiet)) yield return line;
            quiet = (0, 0, "", "");

            if (round.Number > 0)
                yield return round.Why.Length > 0 ? $"Round {round.Number} ({round.Why})" : $"Round {round.Number}";
            foreach (var line in lines) yield return line;
            if (holding.Count > 0) yield return holds;
        }
        foreach (var line in Quiet(quiet)) yield return line;
    }

    // A stretch of quiet rounds past the deadline says why they are played, as a round's own heading does.
    private static IEnumerable<string> Quiet((int From, int To, string What, string Why) quiet)
    {
        if (quiet.From == 0) yield break;
        var why = quiet.Why.Length > 0 ? $" ({quiet.Why})" : "";
        yield return (quiet.From == quiet.To ? $"Round {quiet.From}" : $"Rounds {quiet.From} to {quiet.To}") + why;
        yield return quiet.What + (quiet.From == quiet.To ? "" : ", round after round");
    }

    // The minutes before the first round, then each round's, with why it is played past the deadline.
    private static IEnumerable<(int Number, string Why, List<Minute> Minutes)> Rounds(IEnumerable<Minute> minutes)
    {
        var current = (Number: 0, Why: "", Minutes: new List<Minute>());
        foreach (var m in minutes)
        {
            if (m is Minute.RoundBegan r)
            {
                yield return current;
                current = (r.Round, r.PastDeadline, []);
                continue;
            }
            current.Minutes.Add(m);
        }
        yield return current;
    }

    private static IEnumerable<string> Opening(string runId, Scenario scenario, int seed)
    {
        yield return scenario.Title ?? scenario.Name;
        yield return $"Run {runId} of scenario {scenario.Name}, seed {seed}, {scenario.Rounds} rounds.";
        yield return $"{scenario.Agency.Name} ({scenario.Agency.Id}) negotiates with " +
                     string.Join(", ", scenario.Vendors.Select(v => $"{v.Name} ({v.Id})")) + " over:";
        foreach (var t in scenario.Terms) yield return $"  - {TermLabel(t)}: {string.Join(", ", t.Options)}";
    }

    private static string Offer(Minute.Offered m)
    {
        var worth = Worth(m.Worths);
        if (m.Previous is not { } previous)
            return $"  {m.From} offers {m.To}: " + string.Join("; ", m.Scenario.Terms.Select(t => $"{TermLabel(t)}: {m.Terms[t.Id]}")) + worth;
        var changes = m.Scenario.Terms.Where(t => previous[t.Id] != m.Terms[t.Id]).Select(t => $"{TermLabel(t)} from {previous[t.Id]} to {m.Terms[t.Id]}");
        return $"  {m.From} changes its offer to {m.To}: {string.Join("; ", changes)}{worth}";
    }

    private static string Worth(IReadOnlyDictionary<string, double> worths) =>
        worths.Count == 0 ? "" : $" (worth {string.Join(", ", worths.Select(kv => $"{kv.Key} {Num(kv.Value)}"))})";

    private static string Holds(Scenario? scenario, List<(string Vendor, string From)> holding)
    {
        if (scenario is null || holding.Count == 0) return "";
        var parts = holding.GroupBy(h => h.Vendor).Select(g =>
            g.Count() == 2 ? $"{scenario.Agency.Id} and {g.Key} both hold their offers" : $"{g.First().From} holds its offer to {Rules.Other(scenario, g.First().From, g.Key)}");
        return "  " + string.Join("; ", parts);
    }

    private static string Sentence(Minute minute)
    {
        var scenario = minute.Scenario;
        var agency = scenario.Agency.Id;
        return minute switch
        {
            Minute.Opened => throw new UnreachableException(),
            Minute.RoundBegan => throw new UnreachableException(),
            Minute.Forked f => $"What if: a fork of run {f.ParentRunId} after round {f.AtRound}, with {string.Join("; ", f.Changes)}.",
            Minute.Offered o => Offer(o),
            Minute.News n => $"  News: {n.Text}",
            Minute.StoodIn p => $"  Nobody moved for {p.Party} in time: its policy moved for it ({p.Reason}).",
            Minute.Announced a => $"  Announced live, for round {a.World.Round}: " + (a.World.Text ?? (a.World.Lock ?? a.World.Unlock) switch
            {
                { } c => $"{c.Option} ({TermLabel(scenario, c.Term)}) {(a.World.Lock is null ? "opens" : "closes")} to {c.Party}",
                null => a.World.Set is { } s ? $"{s.Party}'s {s.Field} becomes {Num(s.Value)}" : "news",
            }) + ".",
            Minute.OptionChanged { Detailed: false } c => $"  News: {c.Text}.",
            Minute.OptionChanged c => $"  News: {c.Text ?? ""}{(c.Text is null ? "" : ". ")}{c.Option} ({TermLabel(scenario, c.Term)}) is now {(c.Locked ? "closed" : "open")} to {c.Party}.",
            Minute.NumberSet { Detailed: false } n => $"  News: {n.Text}.",
            Minute.NumberSet n => $"  News: {n.Text ?? ""}{(n.Text is null ? "" : ". ")}{n.Party}'s {n.Field} is now {Num(n.Value)}.",
            Minute.Rejected r => $"  {r.By} rejects {r.Of}'s offer: it crosses {Lines(scenario, r.By, r.RedLines)}.",
            Minute.Signed a => $"  SIGNED: {a.Vendor} and {agency} sign " +
                               string.Join("; ", scenario.Terms.Select(t => $"{TermLabel(t)}: {a.Terms[t.Id]}")) + Worth(a.Worths) + ".",
            Minute.Weighed c => $"  {c.Sentence}.",
            Minute.WalkedAway w => $"  {w.Vendor} walks away: {w.Reason}.",
            Minute.Threatened t => $"  THREAT: {agency} threatens {t.Vendor} with a supply chain risk designation unless, by round {t.DeadlineRound}, " +
                                   $"it offers inside {Lines(scenario, agency, t.RedLines)}.",
            Minute.ThreatMet t => $"  {t.Vendor} meets the threat: its offer is inside the agency's red lines.",
            Minute.ThreatLapsed t => $"  The threat against {t.Vendor} lapses.",
            Minute.Conceded d => $"  {d.Vendor} concedes to the threat" + (d.Dropped.Count > 0 ? $", dropping {Lines(scenario, d.Vendor, d.Dropped)}." : ", keeping its red lines."),
            Minute.RedLineDropped d => $"  {d.Party} drops its red line {Lines(scenario, d.Party, [d.RedLine])}" +
                                       (d.Party == agency ? $" in the negotiation with {d.Vendor}." : "."),
            Minute.Designated d => $"  DESIGNATED: {agency} designates {d.Vendor} a supply chain risk.",
            Minute.Exited x => $"  {x.Vendor} leaves the market.",
            Minute.Sued l => $"  LAWSUIT: {l.Vendor} sues over the designation; the court rules in round {l.RulingRound}.",
            Minute.Ruled c => $"  RULING: the court {(c.Granted ? "grants" : "denies")} {c.Vendor}'s injunction.",
            Minute.Reopened d => $"  REOPENED: the injunction lifts {d.Vendor}'s designation, and its negotiation is open again until round {d.DeadlineRound}.",
            Minute.Said s => $"  {s.Party} says: \"{s.Text}\"",
            Minute.SameTermsAsked s => $"  {s.Vendor} asks that every vendor be offered the same terms.",
            Minute.SameTermsExtended x => $"  {agency} offers {x.SignedBy}'s terms to {string.Join(" and ", x.To)}, and from now on accepts nothing worth less to it.",
            Minute.Deadline d => $"  DEADLINE: no agreement with {string.Join(" or ", d.Vendors)}.",
            _ => throw new UnreachableException(),
        };
    }

    private static string Lines(Scenario scenario, string party, IEnumerable<string> ids)
    {
        // Two lines may share a reason: each reason once, with the ids it covers.
        var spec = scenario.Parties.FirstOrDefault(p => p.Id == party);
        return string.Join(" and ", ids
            .GroupBy(id => spec?.RedLines.FirstOrDefault(l => l.Id == id)?.Reason ?? id)
            .Select(g => g.Key == g.First() && g.Count() == 1 ? g.Key : $"\"{g.Key}\" ({string.Join(", ", g)})"));
    }

    private static string TermLabel(TermDefinition t) => t.Label ?? t.Id;

    private static string TermLabel(Scenario scenario, string term) => scenario.Terms.FirstOrDefault(t => t.Id == term) is { } t ? TermLabel(t) : term;


    private static string Num(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
