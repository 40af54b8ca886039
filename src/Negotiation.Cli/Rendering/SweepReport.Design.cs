using System.Globalization;
using System.Text;
using Negotiation.Core.Exploration;
using Negotiation.Core.Reports;
using ScottPlot;

namespace Negotiation.Cli.Rendering;

/// <summary>
/// The report's design sections (cli.md 1.2): which inputs matter for each vendor's value and the agency's payoff
/// (a horizontal bar per input, first-order and total indices with their 95 % confidence, or the feature
/// ranking), and under which inputs the outcome asked for happens (PRIM: each box's limits in the inputs' own
/// values, its coverage and density, and the peeling trade-off between them).
/// </summary>
public static partial class SweepReport
{
    private static string DesignSections(SweepSummary sweep)
    {
        if (sweep.Design is not { } design) return "";
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <h2 id="design">The design</h2>
            <p>A <b>{E(design.Kind)}</b> design of {design.Samples:N0} samples: {design.Points:N0} points over {design.Inputs.Count} uncertain input(s),
            drawn from seed {design.Seed}, every point played for each of the {sweep.Seeds.Count} seeds (a point's output is its mean over them).</p>
            <table><tr><th class="l">input</th><th class="l">range</th></tr>
            """);
        foreach (var input in design.Inputs)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"l\"><code>{E(input.Path)}</code></td><td class=\"l\">{E(Span(input))}</td></tr>");
        html.Append("</table>");
        foreach (var (cell, number) in sweep.Cells.Select((c, i) => (c, i + 1)))
        {
            var where = sweep.Cells.Count > 1 ? $" (cell {number}: {Label(cell)})" : "";
            if (cell.Sensitivity is { } sensitivity)
            {
                var sobol = sensitivity.Count > 0 && sensitivity[0].Method == "sobol";
                html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"sensitivity\">Which inputs matter{E(where)}</h2><p>{(sobol
                    ? "Sobol indices: the share of the output's variance each input explains alone (first order) and with every interaction it takes part in (total), with 95 % bootstrap confidence intervals. A total far above the first order means the input matters through others."
                    : "A feature ranking: the share of the output's variance explained by each input's bins (epsilon squared, corrected for what bins explain of noise), with 95 % bootstrap confidence intervals. A Sobol design (<code>--design sobol</code>) adds total indices.")}</p>");
                foreach (var output in sensitivity)
                {
                    // An output that never varies has no variance to share out: said, not drawn as an empty chart.
                    if (output.Inputs.All(s => s.First == 0 && s.FirstConfidence == 0 && (s.Total ?? 0) == 0))
                        html.Append(CultureInfo.InvariantCulture, $"<p><code>{E(output.Output)}</code> is the same at every point: no input moves it.</p>");
                    else html.Append(Inline(Indices(output), Math.Max(220, 60 + 34 * output.Inputs.Count)));
                }
                html.Append(Scrolling(IndexTable(sensitivity, sobol)));
            }
            if (cell.Discovery is { } discovery) html.Append(Discovered(discovery, where));
        }
        return html.ToString();
    }

    private static string Span(DesignInput input) => input switch
    {
        DesignInput.Range { Integer: true } r => $"whole numbers from {r.Low:0} to {r.High:0}",
        DesignInput.Range r => $"from {r.Low:0.###} to {r.High:0.###}",
        DesignInput.Words w => $"one of {string.Join(", ", w.Options)}",
        _ => "",
    };

    private static Plot Indices(OutputSensitivity output)
    {
        var plot = new Plot();
        plot.Title($"{output.Output}: which inputs matter", size: 14);
        var sobol = output.Method == "sobol";
        var n = output.Inputs.Count;
        var firsts = output.Inputs.Select((s, i) => new Bar
        {
            Position = n - 1 - i + (sobol ? 0.18 : 0), Value = Math.Max(0, s.First), Error = s.FirstConfidence, Size = sobol ? 0.34 : 0.6,
            FillColor = Color.FromHex("#1f5fa8"),
        }).ToList();
        var first = plot.Add.Bars(firsts);
        first.Horizontal = true;
        first.LegendText = sobol ? "first order" : "explained (epsilon squared)";
        if (sobol)
        {
            var totals = plot.Add.Bars(output.Inputs.Select((s, i) => new Bar
            {
                Position = n - 1 - i - 0.18, Value = Math.Max(0, s.Total ?? 0), Error = s.TotalConfidence ?? 0, Size = 0.34,
                FillColor = Color.FromHex("#d68910"),
            }).ToList());
            totals.Horizontal = true;
            totals.LegendText = "total";
        }
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, n).Select(i => (double)(n - 1 - i))], [.. output.Inputs.Select(s => s.Input)]);
        plot.Axes.SetLimits(0, 1.05, -0.6, n - 0.4);
        plot.XLabel("share of the output's variance");
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static string IndexTable(IReadOnlyList<OutputSensitivity> sensitivity, bool sobol)
    {
        var html = new StringBuilder("<table><tr><th class=\"l\">input</th>");
        foreach (var output in sensitivity)
            html.Append(CultureInfo.InvariantCulture, $"<th>{E(output.Output)}{(sobol ? ": first / total" : "")}</th>");
        html.Append("</tr>");
        for (var i = 0; i < sensitivity[0].Inputs.Count; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"l\"><code>{E(sensitivity[0].Inputs[i].Input)}</code></td>");
            foreach (var output in sensitivity)
            {
                var s = output.Inputs[i];
                html.Append(CultureInfo.InvariantCulture, $"<td>{s.First:0.00} ± {s.FirstConfidence:0.00}{(s.Total is { } t ? $" / {t:0.00} ± {s.TotalConfidence:0.00}" : "")}</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }

    private static string Discovered(Discovery discovery, string where)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <h2 id="discovery">When does <code>{E(discovery.Outcome)}</code> happen?{E(where)}</h2>
            <p>In {discovery.BaseRate:P0} of the {discovery.Runs:N0} runs. Scenario discovery (PRIM) looks for boxes of inputs where it happens far more often:
            <b>coverage</b> is the share of the runs where it happened that fall in the box, <b>density</b> the share of the box's runs where it happened.
            Inputs a box does not name may take any value.</p>
            """);
        if (discovery.Boxes.Count == 0)
            html.Append("<p>No box: the outcome happens as often everywhere (or never, or always).</p>");
        foreach (var (box, number) in discovery.Boxes.Select((b, i) => (b, i + 1)))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>Box {number}: coverage {box.Coverage:P0}, density {box.Density:P0}, {box.Mass:P0} of the runs</h3><table><tr><th class=\"l\">input</th><th class=\"l\">in the box</th></tr>");
            foreach (var limit in box.Limits)
                html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"l\"><code>{E(limit.Input)}</code></td><td class=\"l\">{E(limit switch
                {
                    BoxLimit.Between b => $"from {b.Low:0.###} to {b.High:0.###}",
                    BoxLimit.OneOf o => string.Join(" or ", o.Words),
                    _ => "",
                })}</td></tr>");
            html.Append("</table>");
        }
        if (discovery.Trajectory.Count > 1) html.Append(Inline(Tradeoff(discovery)));
        return html.ToString();
    }

    private static Plot Tradeoff(Discovery discovery)
    {
        var plot = new Plot();
        plot.Title("The first box's peeling: coverage against density", size: 14);
        var steps = plot.Add.Scatter(discovery.Trajectory.Select(t => t.Coverage).ToArray(), discovery.Trajectory.Select(t => t.Density).ToArray());
        steps.Color = Color.FromHex("#1f5fa8");
        steps.LegendText = "boxes met while peeling";
        if (discovery.Boxes.Count > 0)
        {
            var kept = plot.Add.Marker(discovery.Boxes[0].Coverage, discovery.Boxes[0].Density);
            kept.MarkerSize = 14;
            kept.Color = Color.FromHex("#922b21");
            kept.LegendText = "box 1";
        }
        plot.Axes.SetLimits(0, 1.05, 0, 1.05);
        plot.XLabel("coverage");
        plot.YLabel("density");
        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
