using System.Globalization;
using System.Net;
using System.Text;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;

namespace Negotiation.Cli.Rendering;

/// <summary>
/// An SVG of a run's concession curves, one panel per negotiation: what each side's offers were worth to
/// itself and to the other side, round by round, with both reservations, the threats, the designation and
/// the signature marked. Built from the events alone; no plotting library.
/// </summary>
public static class ConcessionPlot
{
    private const int PanelWidth = 560;
    private const int PanelHeight = 240;
    private const int Left = 50;
    private const int Top = 40;
    private const int Plot = 400;
    private const int PlotHeight = 170;

    private static readonly string AgencyColour = "#1f5fa8";
    private static readonly string VendorColour = "#c0392b";

    public static string Svg(string runId, IReadOnlyList<RunEvent> events)
    {
        var state = Evolution.Fold(events);
        var scenario = state.Scenario;
        var rounds = Math.Max(1, events.Max(e => e.Round));
        var panels = scenario.Vendors.Select(v => v.Id).ToList();
        var svg = new StringBuilder();
        var height = 50 + panels.Count * PanelHeight;
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{PanelWidth}" height="{height}" font-family="sans-serif" font-size="11">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="100%" height="100%" fill="white"/><text x="10" y="20" font-size="14" font-weight="bold">{Esc(scenario.Title ?? scenario.Name)}</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="10" y="36" fill="#555">run {Esc(runId)} · seed {state.Seed} · solid: worth to the offerer · dashed: worth to the other side</text>""");

        for (var p = 0; p < panels.Count; p++)
        {
            var vendor = panels[p];
            var y0 = 50 + p * PanelHeight;
            double X(int round) => Left + Plot * (round - 0.5) / rounds;
            double Y(double utility) => y0 + Top + PlotHeight * (1 - utility);

            svg.Append(CultureInfo.InvariantCulture, $"""<g class="negotiation" data-vendor="{Esc(vendor)}"><text x="{Left}" y="{y0 + 25}" font-weight="bold">{Esc(scenario.Agency.Id)} ↔ {Esc(vendor)}: {Outcome(state, vendor)}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{Left}" y="{y0 + Top}" width="{Plot}" height="{PlotHeight}" fill="none" stroke="#999"/>""");
            foreach (var tick in new[] { 0.0, 0.5, 1.0 })
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 6}" y="{Y(tick) + 4:0.#}" text-anchor="end">{tick:0.0}</text>""");
            for (var r = 1; r <= rounds; r++)
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{X(r):0.#}" y="{y0 + Top + PlotHeight + 14}" text-anchor="middle" fill="#555">{r}</text>""");

            foreach (var (party, colour) in new[] { (scenario.Agency.Id, AgencyColour), (vendor, VendorColour) })
            {
                var reservation = scenario.Party(party).Reservation;
                svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" x2="{Left + Plot}" y1="{Y(reservation):0.#}" y2="{Y(reservation):0.#}" stroke="{colour}" stroke-opacity="0.35" stroke-dasharray="2,3"/>""");
                var offers = events.OfType<OfferMade>().Where(o => o.Vendor == vendor && o.From == party).ToList();
                var other = party == vendor ? scenario.Agency.Id : vendor;
                Line(svg, offers.Select(o => (X(o.Round), Y(o.Utilities[party]))), colour, dashed: false, $"{party} offers, to {party}");
                Line(svg, offers.Select(o => (X(o.Round), Y(o.Utilities[other]))), colour, dashed: true, $"{party} offers, to {other}");
            }

            foreach (var e in events)
            {
                switch (e)
                {
                    case DesignationThreatened t when t.Vendor == vendor:
                        Marker(svg, X(t.Round), y0 + Top + 10, "▲ threat", "#d68910");
                        break;
                    case Designated d when d.Vendor == vendor:
                        Marker(svg, X(d.Round), y0 + Top + 24, "✖ designated", "#7b241c");
                        break;
                    case WalkedAway w when w.Vendor == vendor:
                        Marker(svg, X(w.Round), y0 + Top + 24, "walked away", "#7b241c");
                        break;
                    case AgreementSigned a when a.Vendor == vendor:
                        svg.Append(CultureInfo.InvariantCulture, $"""<circle class="agreement" cx="{X(a.Round):0.#}" cy="{Y(a.Utilities[scenario.Agency.Id]):0.#}" r="5" fill="{AgencyColour}"/>""");
                        svg.Append(CultureInfo.InvariantCulture, $"""<circle class="agreement" cx="{X(a.Round):0.#}" cy="{Y(a.Utilities[vendor]):0.#}" r="5" fill="{VendorColour}"/>""");
                        Marker(svg, X(a.Round), y0 + Top + 10, "● signed", "#1e8449");
                        break;
                }
            }

            var legendX = Left + Plot + 10;
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{legendX}" y="{y0 + Top + 12}" fill="{AgencyColour}">{Esc(scenario.Agency.Id)}</text><text x="{legendX}" y="{y0 + Top + 28}" fill="{VendorColour}">{Esc(vendor)}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{legendX}" y="{y0 + Top + 48}" fill="#777">dotted:</text><text x="{legendX}" y="{y0 + Top + 62}" fill="#777">reservation</text></g>""");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Outcome(RunState state, string vendor) =>
        Transcript.Kebab(state.Negotiation(vendor).Status);

    private static void Line(StringBuilder svg, IEnumerable<(double X, double Y)> points, string colour, bool dashed, string title)
    {
        var list = points.ToList();
        if (list.Count == 0) return;
        var path = string.Join(' ', list.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.#},{p.Y:0.#}")));
        svg.Append(CultureInfo.InvariantCulture, $"""<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{(dashed ? " stroke-dasharray=\"6,4\"" : "")}><title>{Esc(title)}</title></polyline>""");
    }

    private static void Marker(StringBuilder svg, double x, double y, string text, string colour) =>
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x:0.#}" y="{y:0.#}" text-anchor="middle" fill="{colour}">{Esc(text)}</text>""");

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
