using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using ScottPlot;

namespace Negotiation.Cli.Rendering;

/// <summary>
/// A run's concession curves as one SVG, a panel per negotiation drawn with ScottPlot: what each side's offers
/// were worth to itself (bold line, filled dots) and to the other side (pale line, open dots), round by round,
/// both reservations (faint lines), and what happened marked on the round it happened. A fork can be drawn over
/// its parent (grey). Only solid lines: Skia's SVG canvas drops dash patterns (and says so on the console).
/// </summary>
public static partial class ConcessionPlot
{
    private const int Width = 960;
    private const int PanelHeight = 340;

    private static readonly Color AgencyColour = Color.FromHex("#1f5fa8");
    private static readonly Color VendorColour = Color.FromHex("#c0392b");
    private static readonly Color ParentColour = Color.FromHex("#9a9a9a");

    public static string Svg(string runId, IReadOnlyList<RunEvent> events, IReadOnlyList<RunEvent>? parent = null, string? parentId = null)
    {
        var state = Evolution.Fold(events);
        var scenario = state.Scenario;
        var lastRound = Math.Max(1, Math.Max(events.Max(e => e.Round), parent?.Max(e => e.Round) ?? 0));
        var svg = new StringBuilder();
        var height = 60 + scenario.Vendors.Count * PanelHeight;
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{height}" font-family="sans-serif" font-size="12">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="100%" height="100%" fill="white"/><text x="10" y="22" font-size="15" font-weight="bold">{Esc(scenario.Title ?? scenario.Name)}</text>""");
        var compared = parent is null ? "" : $" · grey: its parent {parentId}";
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="10" y="42" fill="#555">run {Esc(runId)} · seed {state.Seed} · bold: worth to the offerer · pale: worth to the other side · faint: reservations{Esc(compared)}</text>""");

        for (var p = 0; p < scenario.Vendors.Count; p++)
        {
            var vendor = scenario.Vendors[p].Id;
            var panel = Panel(state, events, parent, vendor, lastRound);
            svg.Append(CultureInfo.InvariantCulture, $"""<g class="negotiation" data-vendor="{Esc(vendor)}" transform="translate(0,{60 + p * PanelHeight})">""");
            foreach (var mark in Marks.Of(events, vendor))
                svg.Append(CultureInfo.InvariantCulture, $"""<desc class="mark" data-round="{mark.Round}" data-kind="{Esc(mark.Kind)}">{Esc(mark.Label)}</desc>""");
            svg.Append(Inner(panel.GetSvgXml(Width, PanelHeight)));
            svg.Append("</g>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static Plot Panel(RunState state, IReadOnlyList<RunEvent> events, IReadOnlyList<RunEvent>? parent, string vendor, int lastRound)
    {
        var scenario = state.Scenario;
        var agency = scenario.Agency.Id;
        var plot = new Plot();
        plot.Title($"{agency} and {vendor}: {Transcript.Kebab(state.Negotiation(vendor).Status)}", size: 14);
        plot.XLabel("round", size: 12);
        plot.YLabel("utility", size: 12);

        if (parent is not null)
            foreach (var party in new[] { agency, vendor })
                Curve(plot, parent, vendor, party, party, ParentColour, filled: true, $"parent: {party} offers, to {party}", width: 1);

        foreach (var (party, colour) in new[] { (agency, AgencyColour), (vendor, VendorColour) })
        {
            var reservation = plot.Add.HorizontalLine(state.Reservation(party));
            reservation.Color = colour.WithAlpha(0.3);
            reservation.LineWidth = 1;
            var other = party == vendor ? agency : vendor;
            Curve(plot, events, vendor, party, party, colour, filled: true, $"{party} offers, to {party}", width: 2.5f);
            Curve(plot, events, vendor, party, other, colour.WithAlpha(0.5), filled: false, $"{party} offers, to {other}", width: 1.5f);
        }

        foreach (var signed in events.OfType<AgreementSigned>().Where(a => a.Vendor == vendor))
            foreach (var (party, colour) in new[] { (agency, AgencyColour), (vendor, VendorColour) })
            {
                var marker = plot.Add.Marker(signed.Round, signed.Utilities[party]);
                marker.Size = 11;
                marker.Color = colour;
                marker.Shape = MarkerShape.FilledCircle;
            }

        // Each mark on its round. Labels stack down from the top, and a round close to the last marked one starts
        // below that one's labels, so no label hides another.
        var (previousRound, nextRow) = (int.MinValue, 0);
        foreach (var round in Marks.Of(events, vendor).GroupBy(m => m.Round))
        {
            var line = plot.Add.VerticalLine(round.Key);
            line.Color = Colors.Gray.WithAlpha(0.35);
            line.LineWidth = 1;
            var row = round.Key - previousRound <= 2 ? nextRow % 4 : 0;
            foreach (var mark in round)
            {
                var text = plot.Add.Text(mark.Label, round.Key, 1.22 - 0.075 * row++);
                text.LabelFontColor = Color.FromHex(mark.Colour);
                text.LabelFontSize = 11;
                text.LabelAlignment = Alignment.UpperCenter;
                text.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
            }
            (previousRound, nextRow) = (round.Key, row);
        }

        // Room to the right of the last round for a label centred on it.
        plot.Axes.SetLimits(0.5, lastRound + 1.25, -0.05, 1.25);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.ShowLegend(Edge.Right);
        // The same data area in every panel, whatever the legend's width, so rounds line up down the page.
        plot.Layout.Fixed(new PixelPadding(70, 300, 50, 60));
        return plot;
    }

    private static void Curve(Plot plot, IReadOnlyList<RunEvent> events, string vendor, string from, string worthTo, Color colour, bool filled, string legend, float width)
    {
        var offers = events.OfType<OfferMade>().Where(o => o.Vendor == vendor && o.From == from && o.Utilities.ContainsKey(worthTo)).ToList();
        if (offers.Count == 0) return;
        var curve = plot.Add.Scatter(offers.Select(o => (double)o.Round).ToArray(), offers.Select(o => o.Utilities[worthTo]).ToArray());
        curve.Color = colour;
        curve.LineWidth = width;
        curve.MarkerSize = width + 4;
        curve.MarkerShape = filled ? MarkerShape.FilledCircle : MarkerShape.OpenCircle;
        curve.LegendText = legend;
    }

    // ScottPlot writes a whole document; a panel keeps its drawing and drops the XML declaration.
    private static string Inner(string document) => XmlDeclaration().Replace(document, "");

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

    /// <summary>What a panel marks, on the round it happened: news, threats, designations, walk-outs, signatures, lawsuits, rulings.</summary>
    public sealed record Mark(int Round, string Kind, string Label, string Colour);

    public static class Marks
    {
        public static IReadOnlyList<Mark> Of(IReadOnlyList<RunEvent> events, string vendor)
        {
            var agency = events.OfType<NegotiationOpened>().FirstOrDefault()?.Scenario.Agency.Id;
            var marks = new List<Mark>();
            foreach (var e in events)
            {
                Mark? mark = e switch
                {
                    NewsReported n => new Mark(n.Round, "news", "news", "#2471a3"),
                    OptionLocked l when l.Party == vendor || l.Party == agency => new Mark(l.Round, "news", $"{l.Option} locked", "#2471a3"),
                    OptionUnlocked u when u.Party == vendor || u.Party == agency => new Mark(u.Round, "news", $"{u.Option} available", "#2471a3"),
                    PartyNumberSet s when s.Party == vendor || s.Party == agency => new Mark(s.Round, "news", $"{s.Party} {s.Field} {s.Value.ToString("0.##", CultureInfo.InvariantCulture)}", "#2471a3"),
                    DesignationThreatened t when t.Vendor == vendor => new Mark(t.Round, "threat", "threat", "#d68910"),
                    RedLinesDropped d when d.Vendor == vendor => new Mark(d.Round, "conceded", "conceded", "#d68910"),
                    RedLineDropped d when d.Vendor == vendor => new Mark(d.Round, "dropped", $"{d.Party} drops {d.RedLine}", "#d68910"),
                    Designated d when d.Vendor == vendor => new Mark(d.Round, "designated", "designated", "#7b241c"),
                    WalkedAway w when w.Vendor == vendor => new Mark(w.Round, "walked-away", "walked away", "#7b241c"),
                    AgreementSigned a when a.Vendor == vendor => new Mark(a.Round, "signed", "signed", "#1e8449"),
                    LitigationFiled l when l.Vendor == vendor => new Mark(l.Round, "lawsuit", "lawsuit", "#7d3c98"),
                    CourtRuled c when c.Vendor == vendor => new Mark(c.Round, "ruling", c.InjunctionGranted ? "injunction granted" : "injunction denied", "#7d3c98"),
                    _ => null,
                };
                if (mark is not null) marks.Add(mark);
            }
            return marks;
        }
    }
}
