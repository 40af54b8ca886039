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
            .AddColumns("Vendor", "Outcome", "Round", "Terms", "Utilities", "Litigation");
        foreach (var o in summary.Outcomes)
        {
            var colour = o.Result switch
            {
                OutcomeResult.Agreement => "green",
                OutcomeResult.Designated or OutcomeResult.WalkedAway => "red",
                _ => "grey",
            };
            table.AddRow(
                Esc(o.Vendor),
                $"[{colour}]{Kebab(o.Result)}[/]",
                o.Round.ToString(System.Globalization.CultureInfo.InvariantCulture),
                o.Terms is null ? "" : Esc(string.Join("\n", o.Terms.Select(kv => $"{kv.Key}={kv.Value}"))),
                o.Utilities is null ? "" : Esc(string.Join("\n", o.Utilities.Select(kv => $"{kv.Key} {Num(kv.Value)}"))),
                o.Litigation is null ? "" : Kebab(o.Litigation.Value));
        }
        console.Write(table);
    }

    /// <summary>Each signed contract against every contract both sides could have signed: Pareto and Nash.</summary>
    public static void Analysis(IAnsiConsole console, Scenario scenario, IReadOnlyList<RunEvent> events)
    {
        var analyses = Core.Analysis.DealAnalysis.Of(events);
        if (analyses.Count == 0) return;
        var table = new Table().Title("[bold]Deal analysis[/] (against every contract both sides could have signed then)").Border(TableBorder.Rounded)
            .AddColumns("Vendor", "Possible deals", "Pareto-optimal", "Nash product: signed / best", "Nash bargaining solution");
        foreach (var a in analyses)
            table.AddRow(
                Esc(a.Vendor),
                a.PossibleDeals.ToString(System.Globalization.CultureInfo.InvariantCulture) + $" ({a.ParetoFrontier} on the frontier)",
                a.ParetoOptimal ? "[green]yes[/]" : $"[yellow]no[/]: both prefer {Options(scenario, a.BetterForBoth!, null)}",
                $"{a.NashProduct:0.000} / {a.BestNashProduct:0.000}",
                $"{Options(scenario, a.NashSolution, null)} {Utilities(a.NashUtilities)}");
        console.Write(table);
    }

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
        }
    }

    /// <summary>For <c>replay --until N</c>: where every negotiation stood after event N.</summary>
    public static void StateAt(IAnsiConsole console, RunState state, long eventNumber)
    {
        console.Write(new Rule($"[bold]After event {eventNumber} (round {state.Round})[/]").LeftJustified());
        var agency = state.AgencyId;
        foreach (var n in state.InVendorOrder)
        {
            var table = new Table().Title($"[bold]{Esc(agency)} ↔ {Esc(n.Vendor)}[/]: {Kebab(n.Status)}").Border(TableBorder.Rounded)
                .AddColumns("", "Last offer", $"Worth to {Esc(agency)}", $"Worth to {Esc(n.Vendor)}");
            foreach (var (who, offer) in new[] { (agency, n.AgencyOffer), (n.Vendor, n.VendorOffer) })
                table.AddRow(Esc(who), offer is null ? "[grey]none[/]" : Transcript.Terms(state.Scenario, offer, null),
                    offer is null ? "" : Num(state.Model(agency).Utility(offer)), offer is null ? "" : Num(state.Model(n.Vendor).Utility(offer)));
            var inForce = string.Join(", ", state.RedLinesInForce(n.Vendor, n.Vendor).Select(l => l.Id));
            table.AddRow("red lines", Esc($"{agency}: {string.Join(", ", state.Scenario.Agency.RedLines.Select(l => l.Id))}; {n.Vendor}: {inForce}" +
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
