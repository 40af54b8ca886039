using System.Globalization;
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
        var memory = new MinutesMemory();
        var quiet = (From: 0, To: 0, What: "", Why: "");

        foreach (var round in Rounds(events))
        {
            var lines = new List<string>();
            var holding = new List<(string Vendor, string From)>();
            memory.NextRound();
            // Why a round past the deadline is played, as it stands when the round starts (its ruling may come in it).
            var why = memory.PastDeadline(round.Number);
            foreach (var e in round.Events)
            {
                var heardBefore = memory.Scenario is { } known ? audience.Hears(e, known.Agency.Id) : true;
                var previous = memory.See(e);
                var scenario = memory.Scenario;
                if (!heardBefore) continue;
                switch (e)
                {
                    case NegotiationOpened o:
                        lines.AddRange(Opening(runId, o.Scenario, o.Seed));
                        break;
                    case RunForked f:
                        lines.Add($"What if: a fork of run {f.ParentRunId} after round {f.AtRound}, with {string.Join("; ", f.Changes)}.");
                        break;
                    case OfferMade m when previous is not null && Same(previous, m.Terms):
                        holding.Add((m.Vendor, m.From));
                        break;
                    case OfferMade m:
                        lines.Add(Offer(scenario!, m, previous, audience));
                        break;
                    case OptionLocked or OptionUnlocked or PartyNumberSet when !audience.HearsDetails(e):
                        lines.Add($"  News: {e switch { OptionLocked l => l.Text, OptionUnlocked u => u.Text, PartyNumberSet n => n.Text, _ => null }}.");
                        break;
                    case AgreementSigned a:
                        lines.Add($"  SIGNED: {a.Vendor} and {scenario!.Agency.Id} sign " +
                                  string.Join("; ", scenario.Terms.Select(t => $"{TermLabel(t)}: {a.Terms[t.Id]}")) + Worth(audience.Worths(a.Utilities)) + ".");
                        break;
                    case ChoiceWeighed c:
                        lines.Add($"  {Weighing.Sentence(c, memory.Chooser.ByPerson(c.Vendor))}.");
                        break;
                    default:
                        if (Sentence(scenario!, e) is { } sentence) lines.Add(sentence);
                        break;
                }
            }

            // A round in which nobody moves (people passing with no offer on the table) folds like one of held offers.
            var holds = Holds(memory.Scenario, holding) is { Length: > 0 } held ? held : audience.IsRoom ? "  the parties bargain in private" : "  nobody moves";
            if (round.Number > 0 && lines.Count == 0)
            {
                // Nothing but held offers: fold into the stretch of identical rounds before it.
                if (quiet.What == holds && quiet.Why == why && quiet.To == round.Number - 1) quiet.To = round.Number;
                else
                {
                    foreach (var line in Quiet(quiet)) yield return line;
                    quiet = (round.Number, round.Number, holds, why);
                }
                continue;
            }
            foreach (var line in Quiet(quiet)) yield return line;
            quiet = (0, 0, "", "");

            if (round.Number > 0)
                yield return why.Length > 0 ? $"Round {round.Number} ({why})" : $"Round {round.Number}";
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

    private static IEnumerable<(int Number, List<RunEvent> Events)> Rounds(IReadOnlyList<RunEvent> events)
    {
        var current = (Number: 0, Events: new List<RunEvent>());
        foreach (var e in events)
        {
            if (e is RoundStarted r)
            {
                yield return current;
                current = (r.Round, []);
                continue;
            }
            current.Events.Add(e);
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

    private static string Offer(Scenario scenario, OfferMade m, IReadOnlyDictionary<string, string>? previous, Audience audience)
    {
        var to = m.From == scenario.Agency.Id ? m.Vendor : scenario.Agency.Id;
        var worth = Worth(audience.Worths(m.Utilities));
        if (previous is null)
            return $"  {m.From} offers {to}: " + string.Join("; ", scenario.Terms.Select(t => $"{TermLabel(t)}: {m.Terms[t.Id]}")) + worth;
        var changes = scenario.Terms.Where(t => previous[t.Id] != m.Terms[t.Id]).Select(t => $"{TermLabel(t)} from {previous[t.Id]} to {m.Terms[t.Id]}");
        return $"  {m.From} changes its offer to {to}: {string.Join("; ", changes)}{worth}";
    }

    private static string Worth(IReadOnlyDictionary<string, double> worths) =>
        worths.Count == 0 ? "" : $" (worth {string.Join(", ", worths.Select(kv => $"{kv.Key} {Num(kv.Value)}"))})";

    private static string Holds(Scenario? scenario, List<(string Vendor, string From)> holding)
    {
        if (scenario is null || holding.Count == 0) return "";
        var parts = holding.GroupBy(h => h.Vendor).Select(g =>
            g.Count() == 2 ? $"{scenario.Agency.Id} and {g.Key} both hold their offers" : $"{g.First().From} holds its offer to {Other(scenario, g.Key, g.First().From)}");
        return "  " + string.Join("; ", parts);
    }

    private static string? Sentence(Scenario scenario, RunEvent e) => e switch
    {
        NewsReported n => $"  News: {n.Text}",
        PolicyStoodIn p => $"  Nobody moved for {p.Party} in time: its policy moved for it ({p.Reason}).",
        WorldAnnounced a => $"  Announced live, for round {a.World.Round}: " + (a.World.Text ?? (a.World.Lock ?? a.World.Unlock) switch
        {
            { } c => $"{c.Option} ({TermLabel(scenario, c.Term)}) {(a.World.Lock is null ? "opens" : "closes")} to {c.Party}",
            null => a.World.Set is { } s ? $"{s.Party}'s {s.Field} becomes {Num(s.Value)}" : "news",
        }) + ".",
        OptionLocked l => $"  News: {l.Text ?? ""}{(l.Text is null ? "" : ". ")}{l.Option} ({TermLabel(scenario, l.Term)}) is now closed to {l.Party}.",
        OptionUnlocked u => $"  News: {u.Text ?? ""}{(u.Text is null ? "" : ". ")}{u.Option} ({TermLabel(scenario, u.Term)}) is now open to {u.Party}.",
        PartyNumberSet n => $"  News: {n.Text ?? ""}{(n.Text is null ? "" : ". ")}{n.Party}'s {n.Field} is now {Num(n.Value)}.",
        // A rejection on no red line says nothing an offer does not; one on a red line names it.
        OfferRejected { CrossedRedLines.Count: 0 } => null,
        OfferRejected r => $"  {r.By} rejects {Other(scenario, r.Vendor, r.By)}'s offer: it crosses {Lines(scenario, r.By, r.CrossedRedLines)}.",
        WalkedAway w => $"  {w.Vendor} walks away: {w.Reason}.",
        DesignationThreatened t => $"  THREAT: {scenario.Agency.Id} threatens {t.Vendor} with a supply chain risk designation unless, by round {t.DeadlineRound}, " +
                                   $"it offers inside {Lines(scenario, scenario.Agency.Id, t.RedLines)}.",
        ThreatMet t => $"  {t.Vendor} meets the threat: its offer is inside the agency's red lines.",
        ThreatLapsed t => $"  The threat against {t.Vendor} lapses.",
        RedLinesDropped d => $"  {d.Vendor} concedes to the threat" + (d.RedLines.Count > 0 ? $", dropping {Lines(scenario, d.Vendor, d.RedLines)}." : ", keeping its red lines."),
        RedLineDropped d => $"  {d.Party} drops its red line {Lines(scenario, d.Party, [d.RedLine])}" +
                            (d.Party == scenario.Agency.Id ? $" in the negotiation with {d.Vendor}." : "."),
        Designated d => $"  DESIGNATED: {scenario.Agency.Id} designates {d.Vendor} a supply chain risk.",
        VendorExited x => $"  {x.Vendor} leaves the market.",
        LitigationFiled l => $"  LAWSUIT: {l.Vendor} sues over the designation; the court rules in round {l.RulingRound}.",
        CourtRuled c => $"  RULING: the court {(c.InjunctionGranted ? "grants" : "denies")} {c.Vendor}'s injunction.",
        DesignationLifted d => $"  REOPENED: the injunction lifts {d.Vendor}'s designation, and its negotiation is open again until round {d.DeadlineRound}.",
        StatementMade s => $"  {s.Party} says: \"{s.Text.Trim()}\"",
        SameTermsRequested s => $"  {s.Vendor} asks that every vendor be offered the same terms.",
        SameTermsExtended x => $"  {scenario.Agency.Id} offers {x.SignedBy}'s terms to {string.Join(" and ", x.To)}, and from now on accepts nothing worth less to it.",
        DeadlinePassed d => $"  DEADLINE: no agreement with {string.Join(" or ", d.Vendors)}.",
        // Told before a sentence is asked for (the opening, a fork, offers, signatures, weighed choices), by the round's
        // heading, or in the tables after the minutes (the audit, the outcomes).
        NegotiationOpened or RunForked or OfferMade or AgreementSigned or ChoiceWeighed or RoundStarted or ProbeAssessed or RedLineAudited or RunConcluded => null,
        _ => throw new UnhandledEventException(e, "PlainMinutes"),
    };

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

    private static string Other(Scenario scenario, string vendor, string party) => party == scenario.Agency.Id ? vendor : scenario.Agency.Id;

    private static bool Same(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var o) && o == kv.Value);

    private static string Num(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
