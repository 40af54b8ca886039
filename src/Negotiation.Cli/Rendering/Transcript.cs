using System.Globalization;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Core.Storage;
using Spectre.Console;

namespace Negotiation.Cli.Rendering;

/// <summary>
/// The minutes of a run, from its events alone: round by round who offered what (terms changed since that
/// side's last offer marked with *), who rejected on which red line, threats, statements, rulings.
/// </summary>
public static class Transcript
{
    public static void Write(IAnsiConsole console, string runId, IReadOnlyList<StoredEvent> events)
    {
        var minutes = new Minutes(console, runId);
        foreach (var stored in events)
            if (minutes.Line(stored.Event) is { Length: > 0 } line) console.MarkupLine(line);

        if (minutes.Scenario is null) return;
        console.WriteLine();
        Tables(console, runId, events.Select(e => e.Event).ToList());
    }

    /// <summary>What follows the minutes: the outcomes, the deal analysis and the audit.</summary>
    public static void Tables(IAnsiConsole console, string runId, IReadOnlyList<RunEvent> all)
    {
        var scenario = Core.Engine.Evolution.Fold(all).Scenario;
        Rendering.Tables.Outcomes(console, scenario, Core.Reports.RunSummary.From(runId, all));
        Rendering.Tables.Analysis(console, scenario, all);
        Rendering.Tables.Audit(console, scenario, all);
    }

    /// <summary>The minutes' sentence for each event in turn (markup), remembering what it needs of earlier ones.</summary>
    /// <param name="viewer">the party the minutes are told to, who sees only its own worths (null: everything, as the command line shows a run)</param>
    public sealed class Minutes(IAnsiConsole console, string runId, Scenario? scenario = null, string? viewer = null)
    {
        private readonly HashSet<(string Vendor, string By)> _rejections = [];
        private readonly Core.Reports.MinutesMemory _memory = new(scenario);

        public Scenario? Scenario => _memory.Scenario;

        public string? Line(RunEvent e)
        {
            var scenario = Scenario;
            var previous = _memory.See(e);
            return e switch
            {
                NegotiationOpened o => Opened(console, runId, o.Scenario, o.Seed),
                RunForked f => Forked(f.Scenario, f),
                RoundStarted r => Round(console, r.Round, _memory),
                NewsReported n => $"  [blue]news[/]  {Esc(n.Text)}",
                PolicyStoodIn p => $"  [grey]nobody moved for {Esc(p.Party)} in time: its policy moved for it ({Esc(p.Reason)})[/]",
                OptionLocked l => $"  [blue]news[/]  {Esc(l.Text ?? "")}{Sep(l.Text)}[italic]{Esc(l.Option)}[/] ({Esc(l.Term)}) is now locked for {Esc(l.Party)}",
                OptionUnlocked u => $"  [blue]news[/]  {Esc(u.Text ?? "")}{Sep(u.Text)}[italic]{Esc(u.Option)}[/] ({Esc(u.Term)}) is now available to {Esc(u.Party)}",
                PartyNumberSet n => $"  [blue]news[/]  {Esc(n.Text ?? "")}{Sep(n.Text)}{Esc(n.Party)}'s {Esc(n.Field)} is now {Num(n.Value)}",
                OfferMade m => Offer(scenario!, m with { Utilities = Core.Engine.Hearing.WorthsFor(m.Utilities, viewer) }, previous, _rejections.Remove((m.Vendor, m.From))),
                // A plain rejection is folded into the counter-offer that follows it; one on a red line stands alone.
                OfferRejected r when r.CrossedRedLines.Count == 0 => Remember(_rejections, r),
                OfferRejected r => $"  {Esc(r.By)} rejects {Esc(Other(scenario!, r.Vendor, r.By))}'s offer: it crosses [red]{Esc(string.Join(", ", r.CrossedRedLines))}[/]",
                AgreementSigned a => $"  [green bold]signed[/]  {Esc(a.Vendor)} and {Esc(scenario!.Agency.Id)} sign: {Options(scenario, a.Terms, null)}  {Utilities(Core.Engine.Hearing.WorthsFor(a.Utilities, viewer))}",
                WalkedAway w => $"  [red bold]walks away[/]  {Esc(w.Vendor)}: {Esc(w.Reason)}",
                DesignationThreatened t => $"  [yellow bold]threat[/]  {Esc(scenario!.Agency.Id)} threatens {Esc(t.Vendor)} with a supply chain risk designation " +
                                           $"unless it offers inside {Esc(string.Join(", ", t.RedLines))} by round {t.DeadlineRound}",
                ThreatMet t => $"  {Esc(t.Vendor)} meets the threat: its offer is inside the agency's red lines",
                ThreatLapsed t => $"  the threat against {Esc(t.Vendor)} lapses",
                RedLinesDropped d => $"  {Esc(d.Vendor)} concedes: " + (d.RedLines.Count > 0 ? $"drops {Esc(string.Join(", ", d.RedLines))}; " : "holds its firm red lines; ") +
                                     $"offers inside {Esc(string.Join(", ", d.Respects))} where it can",
                RedLineDropped d => $"  {Esc(d.Party)} drops its red line {Esc(d.RedLine)}" + (d.Party == scenario!.Agency.Id ? $" in the negotiation with {Esc(d.Vendor)}" : ""),
                Designated d => $"  [red bold]designated[/]  {Esc(scenario!.Agency.Id)} designates {Esc(d.Vendor)} a supply chain risk",
                VendorExited x => $"  {Esc(x.Vendor)} leaves the market",
                LitigationFiled l => $"  [magenta bold]lawsuit[/]  {Esc(l.Vendor)} sues over the designation; ruling due in round {l.RulingRound}",
                CourtRuled c => $"  [magenta bold]ruling[/]  the court {(c.InjunctionGranted ? "grants" : "denies")} {Esc(c.Vendor)}'s injunction " +
                                $"(draw {Num(c.Draw)} against a probability of {Num(scenario!.Litigation?.InjunctionProbability ?? LitigationSpec.Default.InjunctionProbability)})",
                DesignationLifted d => $"  [magenta bold]reopened[/]  the designation of {Esc(d.Vendor)} is lifted and its negotiation reopens until round {d.DeadlineRound}",
                ChoiceWeighed c => $"  [grey]weighs[/]  {Esc(Core.Reports.Weighing.Sentence(c, _memory.Chooser.ByPerson(c.Vendor)))}",
                StatementMade s => $"  [cyan]statement[/]  {Esc(s.Party)}: “{Esc(s.Text.Trim())}”",
                SameTermsRequested s => $"  {Esc(s.Vendor)} asks that every vendor be offered the same terms",
                SameTermsExtended x => $"  {Esc(scenario!.Agency.Id)} offers {Esc(x.SignedBy)}'s terms to {Esc(string.Join(", ", x.To))}, and will accept nothing worth less to it",
                DeadlinePassed d => $"  [grey]deadline[/]  no agreement with {Esc(string.Join(", ", d.Vendors))}",
                WorldAnnounced a => $"  [blue]announced[/]  for round {a.World.Round}: " + Esc(a.World.Text ?? (a.World.Lock ?? a.World.Unlock) switch
                {
                    { } c => $"{c.Option} ({c.Term}) {(a.World.Lock is null ? "opens" : "closes")} to {c.Party}",
                    null => a.World.Set is { } s ? $"{s.Party}'s {s.Field} becomes {Num(s.Value)}" : "news",
                }),
                // In the tables after the minutes (the audit, the outcomes).
                ProbeAssessed or RedLineAudited or RunConcluded => null,
                _ => throw new UnhandledEventException(e, "Transcript.Minutes"),
            };
        }
    }

    private static string Opened(IAnsiConsole console, string runId, Scenario scenario, int seed)
    {
        console.Write(new Rule($"[bold]{Esc(scenario.Title ?? scenario.Name)}[/]").LeftJustified());
        console.MarkupLine($"run [bold]{Esc(runId)}[/] · scenario {Esc(scenario.Name)} · seed {seed} · {scenario.Rounds} rounds");
        console.MarkupLine($"{Esc(scenario.Agency.Name)} ({Esc(scenario.Agency.Id)}) negotiates with " +
                           string.Join(", ", scenario.Vendors.Select(v => $"{Esc(v.Name)} ({Esc(v.Id)})")));
        return "[grey]offers list the options of " + Esc(string.Join(" / ", scenario.Terms.Select(t => t.Id))) +
               "; * marks a change from that side's last offer[/]";
    }

    private static string Forked(Scenario scenario, RunForked f) =>
        $"[bold]what-if[/]  forked from run {Esc(f.ParentRunId)} after round {f.AtRound}: {Esc(string.Join("; ", f.Changes))}";

    private static string Round(IAnsiConsole console, int round, Core.Reports.MinutesMemory memory)
    {
        console.Write(new Rule($"Round {round}").LeftJustified().RuleStyle("grey"));
        return Esc(memory.PastDeadline(round)) is { Length: > 0 } why ? $"  [grey]{why}[/]" : "";
    }

    private static string? Remember(HashSet<(string, string)> rejections, OfferRejected r)
    {
        rejections.Add((r.Vendor, r.By));
        return null;
    }

    private static string Offer(Scenario scenario, OfferMade m, IReadOnlyDictionary<string, string>? previous, bool rejected)
    {
        var to = Other(scenario, m.Vendor, m.From);
        var body = previous is not null && previous.All(kv => m.Terms.TryGetValue(kv.Key, out var o) && o == kv.Value)
            ? "holds its offer"
            : "offers " + Options(scenario, m.Terms, previous);
        return $"  {Esc(m.From)} → {Esc(to)}: {(rejected ? "rejects and " : "")}{body}  {Utilities(m.Utilities)}";
    }

    private static string Other(Scenario scenario, string vendor, string party) => party == scenario.Agency.Id ? vendor : scenario.Agency.Id;

    /// <summary>An offer's options in term order, the compact form of the transcript.</summary>
    public static string Options(Scenario scenario, IReadOnlyDictionary<string, string> terms, IReadOnlyDictionary<string, string>? previous) =>
        string.Join(" / ", scenario.Terms.Where(t => terms.ContainsKey(t.Id)).Select(t =>
        {
            var changed = previous is not null && (!previous.TryGetValue(t.Id, out var before) || before != terms[t.Id]);
            return changed ? $"[bold yellow]{Esc(terms[t.Id])}*[/]" : Esc(terms[t.Id]);
        }));

    public static string Terms(Scenario scenario, IReadOnlyDictionary<string, string> terms, IReadOnlyDictionary<string, string>? previous, string separator = ", ") =>
        string.Join(separator, scenario.Terms.Where(t => terms.ContainsKey(t.Id)).Select(t =>
        {
            var changed = previous is not null && (!previous.TryGetValue(t.Id, out var before) || before != terms[t.Id]);
            var text = $"{t.Id}={terms[t.Id]}";
            return changed ? $"[bold yellow]{Esc(text)}*[/]" : Esc(text);
        }));

    public static string Utilities(IReadOnlyDictionary<string, double> utilities) =>
        "[grey](" + string.Join(" · ", utilities.Select(kv => $"{Esc(kv.Key)} {Num(kv.Value)}")) + ")[/]";

    public static string Num(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Sep(string? text) => string.IsNullOrEmpty(text) ? "" : ": ";

    public static string Esc(string text) => Markup.Escape(text);

    /// <summary>An enum value as the format and the JSON write it (walked-away, injunction-granted).</summary>
    public static string Kebab<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
