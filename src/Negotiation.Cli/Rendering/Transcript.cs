using System.Diagnostics;
using System.Globalization;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Core.Reports;
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

    /// <summary>The minutes' sentence for each event in turn (markup): the core's <see cref="Core.Reports.Minutes"/>, phrased for a terminal.</summary>
    /// <param name="viewer">the party the minutes are told to, who is told only what it hears, with its own worths (null: everything, as the command line shows a run)</param>
    public sealed class Minutes(IAnsiConsole console, string runId, Scenario? scenario = null, string? viewer = null)
    {
        private readonly Core.Reports.Minutes _minutes = new(viewer is null ? Core.Reports.Audience.Everything : Core.Reports.Audience.Of(viewer), scenario);

        public Scenario? Scenario => _minutes.Scenario;

        public string? Line(RunEvent e) => _minutes.Take(e) is { } minute ? Say(console, runId, minute) : null;
    }

    private static string Say(IAnsiConsole console, string runId, Minute minute)
    {
        var scenario = minute.Scenario;
        var agency = Esc(scenario.Agency.Id);
        return minute switch
        {
            Minute.Opened o => Opened(console, runId, o.Scenario, o.Seed),
            Minute.Forked f => $"[bold]what-if[/]  forked from run {Esc(f.ParentRunId)} after round {f.AtRound}: {Esc(string.Join("; ", f.Changes))}",
            Minute.RoundBegan r => Round(console, r),
            Minute.News n => $"  [blue]news[/]  {Esc(n.Text)}",
            Minute.StoodIn p => $"  [grey]nobody moved for {Esc(p.Party)} in time: its policy moved for it ({Esc(p.Reason)})[/]",
            Minute.OptionChanged { Detailed: false } c => $"  [blue]news[/]  {Esc(c.Text ?? "")}",
            Minute.OptionChanged c => $"  [blue]news[/]  {Esc(c.Text ?? "")}{Sep(c.Text)}[italic]{Esc(c.Option)}[/] ({Esc(c.Term)}) is now " +
                                      (c.Locked ? $"locked for {Esc(c.Party)}" : $"available to {Esc(c.Party)}"),
            Minute.NumberSet { Detailed: false } n => $"  [blue]news[/]  {Esc(n.Text ?? "")}",
            Minute.NumberSet n => $"  [blue]news[/]  {Esc(n.Text ?? "")}{Sep(n.Text)}{Esc(n.Party)}'s {Esc(n.Field)} is now {Num(n.Value)}",
            Minute.Offered o => Offer(o),
            Minute.Rejected r => $"  {Esc(r.By)} rejects {Esc(r.Of)}'s offer: it crosses [red]{Esc(string.Join(", ", r.RedLines))}[/]",
            Minute.Signed a => $"  [green bold]signed[/]  {Esc(a.Vendor)} and {agency} sign: {Options(scenario, a.Terms, null)}  {Utilities(a.Worths)}",
            Minute.WalkedAway w => $"  [red bold]walks away[/]  {Esc(w.Vendor)}: {Esc(w.Reason)}",
            Minute.Threatened t => $"  [yellow bold]threat[/]  {agency} threatens {Esc(t.Vendor)} with a supply chain risk designation " +
                                   $"unless it offers inside {Esc(string.Join(", ", t.RedLines))} by round {t.DeadlineRound}",
            Minute.ThreatMet t => $"  {Esc(t.Vendor)} meets the threat: its offer is inside the agency's red lines",
            Minute.ThreatLapsed t => $"  the threat against {Esc(t.Vendor)} lapses",
            Minute.Conceded d => $"  {Esc(d.Vendor)} concedes: " + (d.Dropped.Count > 0 ? $"drops {Esc(string.Join(", ", d.Dropped))}; " : "holds its firm red lines; ") +
                                 $"offers inside {Esc(string.Join(", ", d.Respects))} where it can",
            Minute.RedLineDropped d => $"  {Esc(d.Party)} drops its red line {Esc(d.RedLine)}" + (d.Party == scenario.Agency.Id ? $" in the negotiation with {Esc(d.Vendor)}" : ""),
            Minute.Designated d => $"  [red bold]designated[/]  {agency} designates {Esc(d.Vendor)} a supply chain risk",
            Minute.Exited x => $"  {Esc(x.Vendor)} leaves the market",
            Minute.Sued l => $"  [magenta bold]lawsuit[/]  {Esc(l.Vendor)} sues over the designation; ruling due in round {l.RulingRound}",
            Minute.Ruled c => $"  [magenta bold]ruling[/]  the court {(c.Granted ? "grants" : "denies")} {Esc(c.Vendor)}'s injunction " +
                              $"(draw {Num(c.Draw)} against a probability of {Num(c.Probability)})",
            Minute.Reopened d => $"  [magenta bold]reopened[/]  the designation of {Esc(d.Vendor)} is lifted and its negotiation reopens until round {d.DeadlineRound}",
            Minute.Weighed c => $"  [grey]weighs[/]  {Esc(c.Sentence)}",
            Minute.Said s => $"  [cyan]statement[/]  {Esc(s.Party)}: “{Esc(s.Text)}”",
            Minute.SameTermsAsked s => $"  {Esc(s.Vendor)} asks that every vendor be offered the same terms",
            Minute.SameTermsExtended x => $"  {agency} offers {Esc(x.SignedBy)}'s terms to {Esc(string.Join(", ", x.To))}, and will accept nothing worth less to it",
            Minute.Deadline d => $"  [grey]deadline[/]  no agreement with {Esc(string.Join(", ", d.Vendors))}",
            Minute.Announced a => $"  [blue]announced[/]  for round {a.World.Round}: " + Esc(a.World.Text ?? (a.World.Lock ?? a.World.Unlock) switch
            {
                { } c => $"{c.Option} ({c.Term}) {(a.World.Lock is null ? "opens" : "closes")} to {c.Party}",
                null => a.World.Set is { } s ? $"{s.Party}'s {s.Field} becomes {Num(s.Value)}" : "news",
            }),
            _ => throw new UnreachableException(),
        };
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

    private static string Round(IAnsiConsole console, Minute.RoundBegan round)
    {
        console.Write(new Rule($"Round {round.Round}").LeftJustified().RuleStyle("grey"));
        return round.PastDeadline is { Length: > 0 } why ? $"  [grey]{Esc(why)}[/]" : "";
    }

    private static string Offer(Minute.Offered m)
    {
        var body = m.Holds ? "holds its offer" : "offers " + Options(m.Scenario, m.Terms, m.Previous);
        return $"  {Esc(m.From)} → {Esc(m.To)}: {(m.AfterRejection ? "rejects and " : "")}{body}  {Utilities(m.Worths)}";
    }

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
