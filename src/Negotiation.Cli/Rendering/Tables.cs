using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Core.Reports;
using Spectre.Console;
using static Negotiation.Cli.Rendering.Transcript;

namespace Negotiation.Cli.Rendering;

/// <summary>The outcome table, the audit per signed contract, and where each negotiation stood at an event.</summary>
public static class Tables
{
    public static void Outcomes(IAnsiConsole console, Scenario scenario, RunSummary summary)
    {
        var table = new Table().Title("[bold]Outcomes[/]").Border(TableBorder.Rounded)
            .AddColumns("Vendor", "Outcome", "Round", "Utilities", "Litigation", "Values");
        foreach (var o in summary.Outcomes)
        {
            var colour = o.Result switch
            {
                OutcomeResult.Agreement => "green",
                OutcomeResult.Designated or OutcomeResult.WalkedAway => "red",
                OutcomeResult.Open => "yellow",
                _ => "grey",
            };
            table.AddRow(
                Esc(o.Vendor),
                $"[{colour}]{Kebab(o.Result)}[/]",
                o.Round.ToString(System.Globalization.CultureInfo.InvariantCulture),
                o.Utilities is null ? "" : Esc(string.Join("\n", o.Utilities.Select(kv => $"{kv.Key} {Num(kv.Value)}"))),
                o.Litigation is null ? "" : Kebab(o.Litigation.Value),
                o.Values is null ? "" : Esc(string.Join("\n", o.Values.Select(kv => $"{kv.Key} {Num(kv.Value)}"))));
        }
        console.Write(table);
        // Every ending has a value to every party (format 1.2): the run's payoffs, the agency's the mean over vendors.
        if (summary.Payoffs.Count > 0)
            console.MarkupLine("[bold]Payoffs[/]  " + Esc(string.Join(" · ", summary.Payoffs.Select(kv =>
                $"{kv.Key} {Num(kv.Value)}" + (kv.Key == scenario.Agency.Id && scenario.Vendors.Count > 1 ? " (mean over its vendors)" : "")))));
        if (summary.Unfinished == true)
            console.MarkupLine("[yellow]the run is unfinished: an open negotiation had not ended when its events stop[/]");

        // The signed contracts side by side, a column each, so a class can compare them term by term; stacked
        // when side by side would not fit the width.
        var signed = summary.Outcomes.Where(o => o.Terms is not null).ToList();
        if (signed.Count == 0) return;
        var longest = scenario.Terms.Max(t => t.Options.Max(o => o.Length));
        var groups = 24 + signed.Count * (longest + 3) <= console.Profile.Width ? [signed] : signed.Select(o => new[] { o }.ToList()).ToList();
        foreach (var group in groups)
        {
            var terms = new Table().Title("[bold]Signed terms[/]").Border(TableBorder.Rounded).AddColumn("Term");
            foreach (var o in group) terms.AddColumn(new TableColumn(Esc(o.Vendor)).NoWrap());
            foreach (var t in scenario.Terms)
                terms.AddRow([Esc(t.Label ?? t.Id), .. group.Select(o => Esc(o.Terms!.TryGetValue(t.Id, out var option) ? option : ""))]);
            console.Write(terms);
        }
    }

    /// <summary>Each signed contract against every contract both sides could have signed: Pareto and Nash.</summary>
    public static void Analysis(IAnsiConsole console, Scenario scenario, IReadOnlyList<RunEvent> events)
    {
        var analyses = Core.Analysis.DealAnalysis.Of(events);
        if (analyses.Count == 0) return;
        var table = new Table().Title("[bold]Deal analysis[/] (against every contract both sides could have signed then)").Border(TableBorder.Rounded)
            .AddColumns("Vendor", "Measure", "Value");
        foreach (var a in analyses)
        {
            table.AddRow(Esc(a.Vendor), "possible deals", $"{a.PossibleDeals}, {a.ParetoFrontier} of them on the Pareto frontier");
            table.AddRow("", "Pareto-optimal", a.ParetoOptimal ? "[green]yes[/]" : $"[yellow]no[/]: both prefer\n{OptionLines(scenario, a.BetterForBoth!)}");
            table.AddRow("", "Nash product, signed / best", $"{Num3(a.NashProduct)} / {Num3(a.BestNashProduct)}");
            table.AddRow("", "Nash bargaining solution", $"{OptionLines(scenario, a.NashSolution)}\n{Utilities(a.NashUtilities)}");
        }
        console.Write(table);
    }

    // One option a line, in term order: no option is ever split across lines.
    private static string OptionLines(Scenario scenario, IReadOnlyDictionary<string, string> terms) =>
        string.Join("\n", scenario.Terms.Where(t => terms.ContainsKey(t.Id)).Select(t => Esc(terms[t.Id])));

    private static string Num3(double value) => value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);

    public static void Audit(IAnsiConsole console, Scenario scenario, IReadOnlyList<RunEvent> events)
    {
        foreach (var vendor in scenario.Vendors)
        {
            var probes = events.OfType<ProbeAssessed>().Where(p => p.Vendor == vendor.Id).ToList();
            if (probes.Count == 0) continue;
            var lines = events.OfType<RedLineAudited>().Where(r => r.Vendor == vendor.Id).ToList();
            var table = new Table().Title($"[bold]Audit of the contract with {Esc(vendor.Name)}[/]").Border(TableBorder.Rounded)
                .AddColumns("Use the agency might make", "Verdict");
            foreach (var p in probes)
            {
                var probe = scenario.Audit.First(x => x.Id == p.Probe);
                table.AddRow(Esc($"{probe.Id}: {probe.Text ?? ""}".TrimEnd(' ', ':')),
                    p.Verdict == ProbeVerdict.Permitted ? "[yellow]permitted[/]" : "[green]blocked[/]");
            }
            table.AddEmptyRow();
            table.AddRow("[bold]Red line[/]", "[bold]Status[/]");
            foreach (var l in lines)
            {
                var status = l.Status switch
                {
                    RedLineStatus.Holds => "[green]holds[/]",
                    RedLineStatus.HoldsOnPaperOnly => $"[yellow]holds on paper only[/] (permits {Esc(string.Join(", ", l.PermittedProbes))})",
                    _ => "[red]crossed[/]",
                } + (l.Dropped ? " [grey](dropped under threat)[/]" : "");
                table.AddRow(Esc(l.RedLine), status);
            }
            console.Write(table);
            console.MarkupLine("[grey]The verdicts answer the scenario author's probes against the terms as modelled: a hypothesis for " +
                               "discussion, not a reading of the real contract, whose details are not public.[/]");
        }
    }

    /// <summary>For <c>replay --until N</c>: where every negotiation stood after event N.</summary>
    public static void StateAt(IAnsiConsole console, RunState state, string where)
    {
        console.Write(new Rule($"[bold]{Esc(where)}[/]").LeftJustified());
        var agency = state.AgencyId;
        foreach (var n in state.InVendorOrder)
        {
            var table = new Table().Title($"[bold]{Esc(agency)} ↔ {Esc(n.Vendor)}[/]: {Kebab(n.Status)} (last offers, and what each is worth to each side)")
                .Border(TableBorder.Rounded)
                .AddColumns("", "Last offer", Esc(agency), Esc(n.Vendor));
            foreach (var (who, offer) in new[] { (agency, n.AgencyOffer), (n.Vendor, n.VendorOffer) })
                table.AddRow(Esc(who), offer is null ? "[grey]none[/]" : Transcript.Terms(state.Scenario, offer, null, "\n"),
                    offer is null ? "" : Num(state.Model(agency).Utility(offer)), offer is null ? "" : Num(state.Model(n.Vendor).Utility(offer)));
            var inForce = string.Join(", ", state.RedLinesInForce(n.Vendor, n.Vendor).Select(l => l.Id));
            table.AddRow("red lines", Esc($"{agency}: {string.Join(", ", state.RedLinesInForce(agency, n.Vendor).Select(l => l.Id))}; {n.Vendor}: {inForce}" +
                                          (n.DroppedRedLines.IsEmpty ? "" : $" (dropped: {string.Join(", ", n.DroppedRedLines)})")), "", "");
            if (n.Threat is { } threat)
                table.AddRow("[yellow]threat[/]", $"made in round {threat.Round}, deadline round {threat.DeadlineRound}", "", "");
            if (n.DeadlockRounds > 0) table.AddRow("deadlock", $"{n.DeadlockRounds} round(s) in a row across the agency's red lines", "", "");
            if (n.Lawsuit is { } suit)
                table.AddRow("[magenta]lawsuit[/]", $"filed round {suit.FiledRound}, ruling round {suit.RulingRound}: {Kebab(suit.Status)}", "", "");
            console.Write(table);
        }
    }
}
