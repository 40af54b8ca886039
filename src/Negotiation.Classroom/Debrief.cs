using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Negotiation.Core.Analysis;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using ScottPlot;

namespace Negotiation.Classroom;

/// <summary>
/// The debrief of several runs of one scenario, side by side: each negotiation's outcome, terms, utilities,
/// audit and deal analysis, and per negotiation a chart of the utility space with every run's signed deal,
/// the Nash bargaining solution and what the policy alone signs. One self-contained HTML page (charts inline
/// SVG, drawn with ScottPlot): the class server's debrief and `negotiate report` alike.
/// </summary>
public static partial class Debrief
{
    public static string Html(string title, IReadOnlyList<(string Label, IReadOnlyList<RunEvent> Events)> runs)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(title)}</title><style>{Style}</style></head><body><h1>{E(title)}</h1>");
        var opened = runs.Select(r => r.Events.FirstOrDefault()).OfType<NegotiationOpened>().FirstOrDefault();
        if (opened is null) return html.Append("<p>No run to show.</p></body></html>").ToString();
        var scenario = opened.Scenario;
        var agency = scenario.Agency.Id;
        var policy = Simulation.Run(scenario, opened.Seed);
        // Each analysis enumerates every contract both sides could sign: once per run, for the table and the charts.
        var all = runs.Append(("the policy alone", policy))
            .Select(r => (Label: r.Item1, Events: r.Item2, Deals: DealAnalysis.Of(r.Item2).ToDictionary(a => a.Vendor))).ToList();

        html.Append("<table><tr><th>run</th><th>vendor</th><th>outcome</th><th>round</th><th>terms</th><th>utilities</th><th>audit</th><th>deal</th></tr>");
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
                html.Append(CultureInfo.InvariantCulture, $"<td>{E(string.Join("; ", audit))}</td><td>{E(deal)}</td></tr>");
            }
        }
        html.Append("</table>");

        foreach (var vendor in scenario.Vendors.Select(v => v.Id))
        {
            var plot = new Plot();
            plot.Title($"{vendor}: the deals signed, in utility to each side");
            plot.XLabel($"{agency} utility");
            plot.YLabel($"{vendor} utility");
            plot.Axes.SetLimits(0, 1, 0, 1);
            var any = false;
            foreach (var (label, events, analyses) in all)
            {
                if (events.OfType<AgreementSigned>().FirstOrDefault(a => a.Vendor == vendor) is not { } signed) continue;
                var isPolicy = ReferenceEquals(events, policy);
                var marker = plot.Add.Marker(signed.Utilities.GetValueOrDefault(agency), signed.Utilities.GetValueOrDefault(vendor),
                    isPolicy ? MarkerShape.OpenDiamond : MarkerShape.FilledCircle, 10);
                marker.LegendText = isPolicy ? "policy" : label;
                any = true;
                if (isPolicy && analyses.GetValueOrDefault(vendor) is { } analysis)
                {
                    var nash = plot.Add.Marker(analysis.NashUtilities.GetValueOrDefault(agency), analysis.NashUtilities.GetValueOrDefault(vendor), MarkerShape.Cross, 14);
                    nash.LegendText = "Nash bargaining solution";
                }
            }
            if (!any) continue;
            plot.ShowLegend(Alignment.LowerLeft);
            html.Append(CultureInfo.InvariantCulture, $"<figure>{Inline(plot)}</figure>");
        }
        return html.Append("<p class=\"note\">The audit answers the scenario author's probes against the terms as modelled: a hypothesis for discussion.</p></body></html>").ToString();
    }

    private const string Style = "body{font-family:system-ui,sans-serif;max-width:80rem;margin:auto;padding:1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}figure{margin:1rem 0}.note{color:#555}";

    private static string Inline(Plot plot) => XmlDeclaration().Replace(plot.GetSvgXml(640, 420), "");

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    private static string E(string text) => WebUtility.HtmlEncode(text);

    // HoldsOnPaperOnly -> holds on paper only
    private static string Words(Enum value) => CamelWords().Replace(value.ToString(), " $1").Trim().ToLowerInvariant();

    [GeneratedRegex("([A-Z])")]
    private static partial Regex CamelWords();
}
