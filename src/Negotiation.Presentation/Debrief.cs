using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Negotiation.Core.Analysis;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using ScottPlot;

namespace Negotiation.Presentation;

/// <summary>
/// The debrief of several runs of one scenario, side by side: each negotiation's outcome, terms, utilities,
/// audit and deal analysis, and per negotiation a chart of the utility space (every contract both sides could
/// sign, the Pareto frontier, the Nash bargaining solution, every run's signed deal and what the policy alone
/// signs) and the runs' concession curves. One self-contained HTML page (charts inline
/// SVG, drawn with ScottPlot): the class server's debrief and `negotiate report` alike.
/// </summary>
public static partial class Debrief
{
    public static string Html(string title, IReadOnlyList<(string Label, IReadOnlyList<RunEvent> Events)> runs)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{E(title)}</title><style>{Style}</style></head><body><h1>{E(title)}</h1>");
        var opened = runs.Select(r => r.Events.FirstOrDefault()).OfType<NegotiationOpened>().FirstOrDefault();
        if (opened is null) return html.Append("<p>No run to show.</p></body></html>").ToString();
        var scenario = opened.Scenario;
        var agency = scenario.Agency.Id;
        var policy = Simulation.Run(scenario, opened.Seed);
        // Each analysis enumerates every contract both sides could sign: once per run, for the table and the charts.
        var all = runs.Append(("the policy alone", policy))
            .Select(r => (Label: r.Item1, Events: r.Item2, Deals: DealAnalysis.Of(r.Item2).ToDictionary(a => a.Vendor))).ToList();

        html.Append(Discussion(scenario, all.Select(r => (r.Label, r.Events)).ToList()));
        html.Append("<h2 class=\"detail\">Every negotiation in detail</h2>");
        html.Append("<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-label=\"a table that scrolls sideways\"><table><tr><th>run</th><th>vendor</th><th>outcome</th><th>round</th><th>terms</th><th>utilities</th><th>values</th><th>audit</th><th>deal</th></tr>");
        foreach (var (label, events, analyses) in all)
        {
            var state = Evolution.Fold(events);
            foreach (var outcome in state.Outcomes())
            {
                var audit = events.OfType<RedLineAudited>().Where(a => a.Vendor == outcome.Vendor)
                    .Select(a => $"{a.RedLine}: {Words(a.Status)}{(a.Dropped ? " (dropped)" : "")}");
                var deal = analyses.GetValueOrDefault(outcome.Vendor) is { } d
                    ? $"{(d.ParetoOptimal ? "Pareto-optimal" : "not Pareto-optimal")}; Nash product {d.NashProduct:0.000} of {d.BestNashProduct:0.000}"
                    : "";
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(label)}</td><td>{E(outcome.Vendor)}</td><td>{E(Words(outcome.Result))}{(outcome.Litigation is { } l ? E($" ({Words(l)})") : "")}</td><td>{outcome.Round}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{E(outcome.Terms is null ? "" : string.Join(", ", scenario.Terms.Where(t => outcome.Terms.ContainsKey(t.Id)).Select(t => $"{t.Id}={outcome.Terms[t.Id]}")))}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{E(outcome.Utilities is null ? "" : string.Join(" · ", outcome.Utilities.Select(kv => $"{kv.Key} {kv.Value:0.00}")))}</td>");
                // What the ending is worth to both sides, whatever it was (format 1.2): a designated vendor's row is never empty.
                var values = Endings.ValuesOf(state, state.Negotiation(outcome.Vendor));
                html.Append(CultureInfo.InvariantCulture, $"<td>{E(values is null ? "" : string.Join(" · ", values.Select(kv => $"{kv.Key} {kv.Value:0.00}")))}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{E(string.Join("; ", audit))}</td><td>{E(deal)}</td></tr>");
            }
            if (Endings.Payoffs(state) is { Count: > 0 } payoffs)
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"payoffs\"><td>{E(label)}</td><td colspan=\"9\">payoffs: {E(string.Join(" · ", payoffs.Select(kv => $"{kv.Key} {kv.Value:0.00}")))}{E(scenario.Vendors.Count > 1 ? $" ({agency}'s is the mean of its values over the vendors)" : "")}</td></tr>");
        }
        html.Append("</table></div>");
        // Whose moves were the computer's: a group's result means less where the policy played for its people.
        foreach (var (label, events, _) in all)
            if (events.OfType<PolicyStoodIn>().GroupBy(p => p.Party).Select(g => $"{g.Key} in {g.Count()} round{(g.Count() == 1 ? "" : "s")}").ToList() is { Count: > 0 } stoodIn)
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{E(label)}: the policy moved for people who had not: {E(string.Join(", ", stoodIn))}.</p>");

        // The space is drawn as the scenario sets it: red lines as written, every option open (locks come and go
        // with the news), both reservations; what a group changed during its run is in its own row above.
        var outset = Evolution.Fold([opened]) with { Locks = [] };
        foreach (var vendor in scenario.Vendors.Select(v => v.Id))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{E(vendor)}</h2><div class=\"charts\">");
            html.Append(CultureInfo.InvariantCulture, $"<figure>{Inline(Space(outset, agency, vendor, all.Select(r => (r.Label, r.Events, ReferenceEquals(r.Events, policy))).ToList()))}<figcaption>Every contract both sides could sign (grey), the Pareto frontier (line), the Nash bargaining solution (cross) and each run's signed deal.</figcaption></figure>");
            html.Append(CultureInfo.InvariantCulture, $"<figure>{Inline(Concessions(agency, vendor, all.Select(r => (r.Label, r.Events)).ToList()))}<figcaption>Concession curves: what each side's offers were worth to itself, round by round (circles: {E(agency)}, triangles: {E(vendor)}).</figcaption></figure></div>");
        }
        return html.Append("<p class=\"note\">The audit answers the scenario author's probes against the terms as modelled: a hypothesis for discussion.</p></body></html>").ToString();
    }

    /// <summary>
    /// The page's first screens, one per question a 20-minute discussion asks (issue 19): how each group ended, who
    /// did better by the values of format 1.2, and which red lines hold only on paper; each beside the policy's run.
    /// </summary>
    private static string Discussion(Core.Model.Scenario scenario, IReadOnlyList<(string Label, IReadOnlyList<RunEvent> Events)> runs)
    {
        var html = new StringBuilder("<section class=\"question\"><h2>1. How did each group end?</h2><div class=\"wide\" tabindex=\"0\" role=\"region\" aria-label=\"a table that scrolls sideways\"><table><tr><th>run</th>");
        var states = runs.Select(r => (r.Label, r.Events, State: Evolution.Fold(r.Events))).ToList();
        foreach (var v in scenario.Vendors) html.Append(CultureInfo.InvariantCulture, $"<th>{E(v.Name)}</th>");
        html.Append("</tr>");
        foreach (var (label, _, state) in states)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(label)}</th>");
            foreach (var o in state.Outcomes())
            {
                var terms = o.Terms is null ? "" : ": " + string.Join("; ", scenario.Terms.Where(t => o.Terms.ContainsKey(t.Id)).Select(t => $"{t.Label ?? t.Id} {o.Terms[t.Id]}"));
                html.Append(CultureInfo.InvariantCulture, $"<td><strong>{E(Words(o.Result))}</strong>{E(o.Litigation is { } l ? $" ({Words(l)})" : "")} in round {o.Round}{E(terms)}</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</table></div></section>");

        // Who did better: every party's payoff, the best of the groups in bold (the policy's run is the yardstick, not a rival).
        html.Append("<section class=\"question\"><h2>2. Who did better?</h2><p>What each run was worth to each party, whatever its ending (format 1.2): " +
                    "a vendor's value of its ending, the agency's the mean of its values over the vendors. The best of the groups in bold.</p><div class=\"wide\" tabindex=\"0\" role=\"region\" aria-label=\"a table that scrolls sideways\"><table><tr><th>run</th>");
        var parties = scenario.Parties.ToList();
        foreach (var p in parties) html.Append(CultureInfo.InvariantCulture, $"<th>{E(p.Name)}</th>");
        html.Append("</tr>");
        // A run still under way has no payoff yet: said so, and left out of the comparison.
        var payoffs = states.Select(s => s.State.Concluded ? Endings.Payoffs(s.State) : null).ToList();
        var groups = Enumerable.Range(0, runs.Count - 1).Where(g => payoffs[g] is not null).ToList();
        for (var r = 0; r < states.Count; r++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(states[r].Label)}</th>");
            if (payoffs[r] is not { } mine)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td colspan=\"{parties.Count}\">still being played (round {states[r].State.Round})</td></tr>");
                continue;
            }
            foreach (var p in parties)
            {
                var value = mine.GetValueOrDefault(p.Id);
                var best = groups.Contains(r) && groups.Count > 1 && groups.All(g => payoffs[g]!.GetValueOrDefault(p.Id) <= value + 1e-9);
                html.Append(CultureInfo.InvariantCulture, $"<td>{(best ? "<strong>" : "")}{value:0.00}{(best ? "</strong>" : "")}</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</table></div></section>");

        // The red lines a signed contract keeps in its words but not in what it lets through (the scenario's probes).
        html.Append("<section class=\"question\"><h2>3. Which red lines hold only on paper?</h2><div class=\"wide\" tabindex=\"0\" role=\"region\" aria-label=\"a table that scrolls sideways\"><table><tr><th>run</th><th>on paper only</th><th>crossed</th><th>hold</th></tr>");
        foreach (var (label, events, _) in states)
        {
            var audited = events.OfType<RedLineAudited>().ToList();
            string Of(RedLineStatus status) => string.Join("; ", audited.Where(a => a.Status == status).Select(a => $"{scenario.Party(a.Vendor).Name}: {a.RedLine}{(a.Dropped ? " (dropped)" : "")}"));
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(label)}</th><td>{E(Of(RedLineStatus.HoldsOnPaperOnly))}</td><td>{E(Of(RedLineStatus.Crossed))}</td><td>{E(Of(RedLineStatus.Holds))}</td></tr>");
        }
        html.Append("</table></div><p class=\"note\">Only signed contracts are audited, against the probes the scenario's author wrote: a hypothesis for discussion.</p></section>");
        html.Append("<section class=\"question\"><h2>4. Where did the deals land?</h2><p>Each negotiation's charts below: the contracts both sides could sign, the Pareto frontier, the Nash bargaining solution, each group's deal and the policy's.</p></section>");
        return html.ToString();
    }

    // A deal's utility to either side, rounded to 1/200, so that a space of millions of contracts draws as at most 40,000 dots.
    private static Plot Space(RunState outset, string agency, string vendor, IReadOnlyList<(string Label, IReadOnlyList<RunEvent> Events, bool IsPolicy)> runs)
    {
        var plot = new Plot();
        plot.Title($"{vendor}: the contracts both sides could sign");
        plot.XLabel($"{agency} utility");
        plot.YLabel($"{vendor} utility");
        if (SignableDeals.Of(outset, vendor) is { } deals)
        {
            var points = deals.Select(d => (Math.Round(d.Agency * 200) / 200, Math.Round(d.Vendor * 200) / 200)).Distinct().ToList();
            if (points.Count == 0) plot.Title($"{vendor}: no contract both sides could sign");
            else
            {
                var cloud = plot.Add.ScatterPoints(points.Select(p => p.Item1).ToArray(), points.Select(p => p.Item2).ToArray());
                cloud.Color = Colors.Gray.WithAlpha(0.45);
                cloud.MarkerSize = 4;
                cloud.LegendText = "possible contracts";
                var frontier = SignableDeals.Frontier(points);
                var line = plot.Add.Scatter(frontier.Select(p => p.Agency).ToArray(), frontier.Select(p => p.Vendor).ToArray());
                line.Color = Colors.Black;
                line.LineWidth = 1.5f;
                line.MarkerSize = 0;
                line.LegendText = "Pareto frontier";
                var (ra, rv) = (outset.Reservation(agency), outset.Reservation(vendor));
                // The Nash point of the contracts themselves, not of the dots rounded for drawing (issue 22: the chart's
                // cross could differ from the table's figure).
                var nash = deals.MaxBy(d => (d.Agency - ra) * (d.Vendor - rv));
                var cross = plot.Add.Marker(nash.Agency, nash.Vendor, MarkerShape.Cross, 16);
                cross.Color = Colors.Black;
                cross.LegendText = "Nash bargaining solution";
            }
        }
        var colour = 0;
        foreach (var (label, events, isPolicy) in runs)
        {
            var palette = Palette[colour++ % Palette.Length];
            if (events.OfType<AgreementSigned>().FirstOrDefault(a => a.Vendor == vendor) is not { } signed) continue;
            var marker = plot.Add.Marker(signed.Utilities.GetValueOrDefault(agency), signed.Utilities.GetValueOrDefault(vendor),
                isPolicy ? MarkerShape.OpenDiamond : MarkerShape.FilledCircle, isPolicy ? 16 : 11);
            marker.Color = palette;
            marker.LegendText = isPolicy ? "the policy alone signs" : $"{label} signs";
        }
        plot.Axes.SetLimits(0, 1.02, 0, 1.02);
        // The legend beside the chart, never over the data (issue 19).
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static Plot Concessions(string agency, string vendor, IReadOnlyList<(string Label, IReadOnlyList<RunEvent> Events)> runs)
    {
        var plot = new Plot();
        plot.Title($"{vendor}: concessions");
        plot.XLabel("round");
        plot.YLabel("worth to the side offering");
        var colour = 0;
        var lastRound = 1;
        foreach (var (label, events) in runs)
        {
            var palette = Palette[colour++ % Palette.Length];
            foreach (var (from, shape) in new[] { (agency, MarkerShape.FilledCircle), (vendor, MarkerShape.FilledTriangleUp) })
            {
                var offers = events.OfType<OfferMade>().Where(o => o.Vendor == vendor && o.From == from && o.Utilities.ContainsKey(from)).ToList();
                if (offers.Count == 0) continue;
                lastRound = Math.Max(lastRound, offers[^1].Round);
                var curve = plot.Add.Scatter(offers.Select(o => (double)o.Round).ToArray(), offers.Select(o => o.Utilities[from]).ToArray());
                curve.Color = palette;
                curve.LineWidth = from == agency ? 2 : 1.5f;
                curve.MarkerShape = shape;
                curve.MarkerSize = 7;
                curve.LegendText = $"{label}: {from}";
            }
        }
        plot.Axes.SetLimits(0.5, lastRound + 0.5, 0, 1.02);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static readonly Color[] Palette = [.. new[] { "#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#b7950b" }.Select(Color.FromHex)];

    private const string Style = "body{font-family:system-ui,sans-serif;max-width:80rem;margin:auto;padding:1rem;overflow-wrap:break-word}svg{max-width:100%;height:auto}" +
        ".wide{overflow-x:auto;max-width:100%}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}figure{margin:.5rem 0}.charts{display:flex;flex-wrap:wrap;gap:1rem}figcaption{color:#555;max-width:640px}.note{color:#555}" +
        // Printed for the discussion: a question per page, no chart cut in two.
        "@media print{section.question,h2.detail{break-before:page}figure{break-inside:avoid}}";

    private static string Inline(Plot plot) => InlineSvg.Of(plot, 640, 420);


    private static string E(string text) => WebUtility.HtmlEncode(text);

    // HoldsOnPaperOnly -> holds on paper only
    private static string Words(Enum value) => CamelWords().Replace(value.ToString(), " $1").Trim().ToLowerInvariant();

    [GeneratedRegex("([A-Z])")]
    private static partial Regex CamelWords();
}
