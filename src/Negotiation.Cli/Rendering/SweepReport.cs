using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Core.Reports;
using ScottPlot;

namespace Negotiation.Cli.Rendering;

/// <summary>
/// `sweep --report F.html`: one self-contained page (its charts inline SVG, drawn with ScottPlot; nothing to
/// fetch) with each vendor's outcome shares over the grid, a heat map of its agreement share when two paths are
/// varied, every party's payoff and each negotiation's mean value over every run (format 1.2), mean utilities of
/// agreements with their spread, and how close signed deals came to the Pareto frontier and the
/// Nash bargaining solution.
/// </summary>
public static partial class SweepReport
{
    private static readonly (OutcomeResult Result, string Colour)[] Results =
    [
        (OutcomeResult.Agreement, "#1e8449"), (OutcomeResult.Designated, "#922b21"), (OutcomeResult.WalkedAway, "#d68910"), (OutcomeResult.Deadline, "#7f8c8d"),
    ];

    public static string Html(SweepSummary sweep, Scenario scenario, IReadOnlyList<string> paths)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sweep {E(sweep.Sweep)}</title>
            <style>body{"{"}font-family:sans-serif;margin:2em;max-width:1100px{"}"} svg{"{"}max-width:100%;height:auto{"}"} table{"{"}border-collapse:collapse;margin:1em 0{"}"}
            td,th{"{"}border:1px solid #ccc;padding:4px 8px;text-align:right;white-space:nowrap{"}"} th{"{"}background:#f4f4f4{"}"} td.l,th.l{"{"}text-align:left{"}"}</style></head><body>
            <h1>{E(scenario.Title ?? scenario.Name)}</h1>
            <p>Sweep <b>{E(sweep.Sweep)}</b> of scenario <code>{E(scenario.Name)}</code>: {sweep.Cells.Count} cell(s), seeds {sweep.Seeds[0]} to {sweep.Seeds[^1]}
            ({sweep.Cells.Sum(c => c.Runs)} runs).{(paths.Count == 0 ? "" : " Varied: " + string.Join(", ", paths.Select(p => $"<code>{E(p)}</code>")) + ".")}</p>
            """);

        html.Append(Scrolling(Payoffs(sweep, scenario)));
        html.Append(DesignSections(sweep));
        foreach (var vendor in scenario.Vendors.Select(v => v.Id))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{E(vendor)}</h2>");
            html.Append(Inline(Shares(sweep, vendor)));
            if (paths.Count == 2) html.Append(Inline(HeatMap(sweep, vendor, paths)));
            html.Append(Inline(Values(sweep, scenario, vendor)));
            if (sweep.Cells.Any(c => c.Vendors.First(v => v.Vendor == vendor).MeanUtilities is not null))
                html.Append(Inline(Means(sweep, scenario, vendor, $"{vendor}: mean utilities of agreements, with their spread", "utility",
                    v => v.MeanUtilities, v => v.SpreadUtilities)));
            html.Append(Scrolling(Table(sweep, scenario, vendor)));
        }
        html.Append("<p><small>Shares are of runs; utilities, spreads (standard deviations) and deal figures are over the runs that ended in an agreement. " +
                    "Pareto-optimal: no contract both sides could have signed was better for both. Nash share: the signed deal's Nash product over the best possible.</small></p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    private static string Label(SweepCell cell) => cell.Values.Count == 0 ? "as written" : string.Join(", ", cell.Values.Select(kv => $"{kv.Key}={kv.Value}"));

    private static Plot Shares(SweepSummary sweep, string vendor)
    {
        var plot = new Plot();
        plot.Title($"{vendor}: outcomes by cell", size: 14);
        for (var c = 0; c < sweep.Cells.Count; c++)
        {
            var v = sweep.Cells[c].Vendors.First(x => x.Vendor == vendor);
            var runs = Math.Max(1, sweep.Cells[c].Runs);
            var bottom = 0.0;
            foreach (var (result, colour) in Results)
            {
                var share = (double)v.Results.GetValueOrDefault(result) / runs;
                if (share <= 0) continue;
                plot.Add.Bar(new Bar { Position = c, ValueBase = bottom, Value = bottom + share, FillColor = Color.FromHex(colour) });
                bottom += share;
            }
        }
        foreach (var (result, colour) in Results) plot.Legend.ManualItems.Add(new LegendItem { LabelText = Transcript.Kebab(result), FillColor = Color.FromHex(colour) });
        plot.ShowLegend(Edge.Right);
        Ticks(plot, sweep);
        plot.Axes.SetLimitsY(0, 1.05);
        plot.YLabel("share of runs");
        return plot;
    }

    private static Plot HeatMap(SweepSummary sweep, string vendor, IReadOnlyList<string> paths)
    {
        var xs = sweep.Cells.Select(c => c.Values[paths[0]]).Distinct().ToList();
        var ys = sweep.Cells.Select(c => c.Values[paths[1]]).Distinct().ToList();
        var shares = new double[ys.Count, xs.Count];
        foreach (var cell in sweep.Cells)
        {
            var v = cell.Vendors.First(x => x.Vendor == vendor);
            shares[ys.Count - 1 - ys.IndexOf(cell.Values[paths[1]]), xs.IndexOf(cell.Values[paths[0]])] =
                (double)v.Results.GetValueOrDefault(OutcomeResult.Agreement) / Math.Max(1, cell.Runs);
        }
        var plot = new Plot();
        plot.Title($"{vendor}: share of runs ending in an agreement", size: 14);
        var colours = new ScottPlot.Colormaps.Viridis();
        // One square per cell, its share written in it: readable where a smoothed image is not.
        for (var row = 0; row < ys.Count; row++)
            for (var column = 0; column < xs.Count; column++)
            {
                var share = shares[ys.Count - 1 - row, column];
                var square = plot.Add.Rectangle(column - 0.5, column + 0.5, row - 0.5, row + 0.5);
                square.FillColor = colours.GetColor(share);
                square.LineWidth = 0;
                var label = plot.Add.Text(share.ToString("P0", CultureInfo.InvariantCulture), column, row);
                label.LabelFontColor = share > 0.6 ? Colors.Black : Colors.White;
                label.LabelFontSize = 14;
                label.LabelAlignment = Alignment.MiddleCenter;
            }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, xs.Count).Select(i => (double)i)], [.. xs]);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, ys.Count).Select(i => (double)i)], [.. ys]);
        plot.Axes.SetLimits(-0.5, xs.Count - 0.5, -0.5, ys.Count - 0.5);
        plot.XLabel(paths[0]);
        plot.YLabel(paths[1]);
        return plot;
    }

    /// <summary>Every party's mean payoff per cell (format 1.2): each vendor's value, the agency's mean over its vendors.</summary>
    private static string Payoffs(SweepSummary sweep, Scenario scenario)
    {
        var parties = scenario.Parties.Select(p => p.Id).ToList();
        var html = new StringBuilder("<h2>Payoffs</h2><p>Every run's payoff to every party, whatever its ending: a vendor's value of its ending, " +
                                     "the agency's the mean of its values over the vendors. Mean ± standard deviation over the cell's runs.</p>");
        html.Append("<table><tr><th>#</th><th class=\"l\">cell</th>");
        foreach (var p in parties) html.Append(CultureInfo.InvariantCulture, $"<th>{E(p)}</th>");
        html.Append("</tr>");
        foreach (var (cell, number) in sweep.Cells.Select((c, i) => (c, i + 1)))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{number}</td><td class=\"l\">{E(Label(cell))}</td>");
            foreach (var p in parties)
                html.Append(CultureInfo.InvariantCulture, $"<td>{(cell.MeanPayoffs.TryGetValue(p, out var m) ? $"{m:0.000} ± {cell.SpreadPayoffs.GetValueOrDefault(p):0.000}" : "")}</td>");
            html.Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }

    private static Plot Means(SweepSummary sweep, Scenario scenario, string vendor, string title, string axis,
        Func<VendorSweep, IReadOnlyDictionary<string, double>?> mean, Func<VendorSweep, IReadOnlyDictionary<string, double>?> spreadOf)
    {
        var plot = new Plot();
        plot.Title(title, size: 14);
        foreach (var (party, colour, offset) in new[] { (scenario.Agency.Id, "#1f5fa8", -0.1), (vendor, "#c0392b", 0.1) })
        {
            var points = sweep.Cells.Select((c, i) => (i, v: c.Vendors.First(x => x.Vendor == vendor)))
                .Where(p => mean(p.v)?.ContainsKey(party) == true).ToList();
            if (points.Count == 0) continue;
            var xs = points.Select(p => p.i + offset).ToArray();
            var means = points.Select(p => mean(p.v)![party]).ToArray();
            var spread = points.Select(p => spreadOf(p.v)?.GetValueOrDefault(party) ?? 0).ToArray();
            Marks(plot, xs, means, spread, colour, party, 9);
        }
        plot.ShowLegend(Edge.Right);
        Ticks(plot, sweep);
        plot.Axes.SetLimitsY(Math.Min(0, sweep.Cells.SelectMany(c => c.Vendors).Select(v => mean(v)?.Values.DefaultIfEmpty(0).Min() ?? 0).DefaultIfEmpty(0).Min() - 0.05), 1.05);
        plot.YLabel(axis);
        return plot;
    }

    /// <summary>
    /// Per cell, the vendor's mean value of its ending, the agency's value of the same negotiation and the agency's
    /// payoff over the whole run (issue 20: the payoff beside each vendor's value), each with its 95 % confidence
    /// interval (1.96 standard errors of the mean over the cell's runs).
    /// </summary>
    private static Plot Values(SweepSummary sweep, Scenario scenario, string vendor)
    {
        var plot = new Plot();
        plot.Title($"{vendor}: mean value of every run's ending, and the agency's payoff, with 95 % confidence", size: 14);
        var agency = scenario.Agency.Id;
        var series = new (string Label, string Colour, double Offset, Func<SweepCell, (double Mean, double Spread)?> Of)[]
        {
            ($"{vendor}'s value", "#c0392b", -0.15, c => Pair(c.Vendors.First(x => x.Vendor == vendor).MeanValues, c.Vendors.First(x => x.Vendor == vendor).SpreadValues, vendor)),
            ($"{agency}'s value of this negotiation", "#1f5fa8", 0, c => Pair(c.Vendors.First(x => x.Vendor == vendor).MeanValues, c.Vendors.First(x => x.Vendor == vendor).SpreadValues, agency)),
            ($"{agency}'s payoff (all vendors)", "#7d3c98", 0.15, c => Pair(c.MeanPayoffs, c.SpreadPayoffs, agency)),
        };
        foreach (var (label, colour, offset, of) in series)
        {
            var points = sweep.Cells.Select((c, i) => (i, c, figure: of(c))).Where(p => p.figure is not null).ToList();
            if (points.Count == 0) continue;
            var xs = points.Select(p => p.i + offset).ToArray();
            var means = points.Select(p => p.figure!.Value.Mean).ToArray();
            var intervals = points.Select(p => 1.96 * p.figure!.Value.Spread / Math.Sqrt(Math.Max(1, p.c.Runs))).ToArray();
            Marks(plot, xs, means, intervals, colour, label, sweep.Cells.Count > 40 ? 5 : 9);
        }
        plot.ShowLegend(Edge.Right);
        Ticks(plot, sweep);
        plot.Axes.SetLimitsY(-0.05, 1.05);
        plot.YLabel("value");
        return plot;
    }

    /// <summary>Points without a line, each with its error bar, in one colour under one legend entry.</summary>
    private static void Marks(Plot plot, double[] xs, double[] ys, double[] errors, string colour, string label, float size)
    {
        var marks = plot.Add.Scatter(xs, ys);
        marks.LineWidth = 0;
        marks.MarkerSize = size;
        marks.Color = Color.FromHex(colour);
        marks.LegendText = label;
        var bars = plot.Add.ErrorBar(xs, ys, errors);
        bars.Color = Color.FromHex(colour);
    }

    private static (double, double)? Pair(IReadOnlyDictionary<string, double>? means, IReadOnlyDictionary<string, double>? spreads, string party) =>
        means is not null && means.TryGetValue(party, out var m) ? (m, spreads?.GetValueOrDefault(party) ?? 0) : null;

    private static void Ticks(Plot plot, SweepSummary sweep)
    {
        // Each cell by its values (issue 20: numbered cells were unreadable at 90); past 25 cells, every k-th is
        // labelled, slanted so that long values do not overlap. The tables below give every cell in full.
        var cells = sweep.Cells.Count;
        var step = Math.Max(1, (int)Math.Ceiling(cells / 25.0));
        var shown = Enumerable.Range(0, cells).Where(i => i % step == 0).ToList();
        plot.Axes.Bottom.SetTicks([.. shown.Select(i => (double)i)], [.. shown.Select(i => sweep.Cells[i].Values.Count == 0 ? "as written" : string.Join(" · ", sweep.Cells[i].Values.Values))]);
        if (cells > 6)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        }
        plot.Axes.SetLimitsX(-0.6, cells - 0.4);
        plot.XLabel(sweep.Cells.Count > 0 && sweep.Cells[0].Values.Count > 0 ? string.Join(" · ", sweep.Cells[0].Values.Keys) : "cell");
    }

    private static string Table(SweepSummary sweep, Scenario scenario, string vendor)
    {
        var results = Results.Select(r => r.Result).ToList();
        var html = new StringBuilder("<table><tr><th>#</th><th class=\"l\">cell</th><th>runs</th>");
        foreach (var r in results) html.Append(CultureInfo.InvariantCulture, $"<th>{Transcript.Kebab(r)}</th>");
        html.Append("<th>mean round ended</th><th>injunction granted / denied</th><th>mean values ± spread (every run)</th><th>mean utilities ± spread (agreements)</th><th>Pareto-optimal</th><th>Nash share</th></tr>");
        foreach (var (cell, number) in sweep.Cells.Select((c, i) => (c, i + 1)))
        {
            var v = cell.Vendors.First(x => x.Vendor == vendor);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{number}</td><td class=\"l\">{E(Label(cell))}</td><td>{cell.Runs}</td>");
            foreach (var r in results) html.Append(CultureInfo.InvariantCulture, $"<td>{Percent(v.Results.GetValueOrDefault(r), cell.Runs)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{v.MeanRound:0.0}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{v.Litigation.GetValueOrDefault(LitigationStatus.InjunctionGranted)} / {v.Litigation.GetValueOrDefault(LitigationStatus.InjunctionDenied)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{E(v.MeanValues is null ? "" : string.Join(" · ", v.MeanValues.Select(kv => $"{kv.Key} {kv.Value:0.00} ± {v.SpreadValues?.GetValueOrDefault(kv.Key) ?? 0:0.00}")))}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{E(v.MeanUtilities is null ? "" : string.Join(" · ", v.MeanUtilities.Select(kv => $"{kv.Key} {kv.Value:0.00} ± {v.SpreadUtilities?.GetValueOrDefault(kv.Key) ?? 0:0.00}")))}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{(v.ParetoOptimalShare is { } p ? $"{p:P0}" : "")}</td><td>{(v.NashShare is { } n ? $"{n:0.000}" : "")}</td></tr>");
        }
        return html.Append("</table>").ToString();
    }

    /// <summary>A wide table scrolls inside its own box, so the page never scrolls sideways (on a phone, at 100 cells).</summary>
    private static string Scrolling(string html) =>
        html.Replace("<table>", "<div style=\"overflow-x:auto\" tabindex=\"0\" role=\"region\" aria-label=\"a table that scrolls sideways\"><table>", StringComparison.Ordinal)
            .Replace("</table>", "</table></div>", StringComparison.Ordinal);

    private static string Percent(int count, int runs) => runs == 0 ? "" : ((double)count / runs).ToString("P0", CultureInfo.InvariantCulture);

    private static string Inline(Plot plot, int height = 360) => Negotiation.Presentation.InlineSvg.Of(plot, 900, height);


    private static string E(string text) => WebUtility.HtmlEncode(text);
}
