using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

public class ContractAuditTests
{
    private static IReadOnlyList<RunEvent> Audit(Scenario scenario, IReadOnlyDictionary<string, string> terms, params string[] dropped)
    {
        var state = Evolution.Fold(Decider.Decide(RunState.Empty, new OpenRun(scenario, 1)));
        var vendor = scenario.Vendors[0].Id;
        state = Evolution.Evolve(state, new AgreementSigned(1, vendor, "dow", terms, new Dictionary<string, double>()));
        if (dropped.Length > 0) state = Evolution.Evolve(state, new RedLinesDropped(1, vendor, dropped, []));
        return ContractAudit.Assess(state, 1).ToList();
    }

    private static readonly Dictionary<string, string> Compromise = new()
    {
        ["usage_scope"] = "all-lawful-uses", ["domestic_surveillance"] = "existing-law-reference", ["autonomous_weapons"] = "mutually-agreed-safety-mechanisms",
    };

    private static Scenario WithProbes(VendorSpec vendor, params Probe[] probes) =>
        Stories.WholeStory() with { Vendors = [vendor], Audit = probes };

    [Fact]
    public void A_probe_on_a_term_the_contract_leaves_permissive_is_permitted_and_the_red_line_holds_on_paper_only()
    {
        var probe = new Probe("bulk", null, new Dictionary<string, IReadOnlyList<string>> { ["domestic_surveillance"] = ["existing-law-reference", "permitted"] },
            ["no-domestic-surveillance"]);

        var events = Audit(WithProbes(Stories.Signer("openai", "OpenAI", false), probe), Compromise);

        Assert.Contains(new ProbeAssessed(1, "openai", "bulk", ProbeVerdict.Permitted), events);
        var line = Assert.Single(events.OfType<RedLineAudited>(), r => r.RedLine == "no-domestic-surveillance");
        Assert.Equal((RedLineStatus.HoldsOnPaperOnly, "bulk", false), (line.Status, Assert.Single(line.PermittedProbes), line.Dropped));
        Assert.Equal(RedLineStatus.Holds, events.OfType<RedLineAudited>().Single(r => r.RedLine == "human-oversight").Status);
    }

    [Fact]
    public void A_probe_needs_every_listed_term_to_permit_it()
    {
        var probe = new Probe("both", null, new Dictionary<string, IReadOnlyList<string>>
        {
            ["domestic_surveillance"] = ["existing-law-reference"], ["autonomous_weapons"] = ["unrestricted"],
        }, ["no-domestic-surveillance"]);

        var events = Audit(WithProbes(Stories.Signer("openai", "OpenAI", false), probe), Compromise);

        Assert.Contains(new ProbeAssessed(1, "openai", "both", ProbeVerdict.Blocked), events);
        Assert.All(events.OfType<RedLineAudited>(), r => Assert.Equal(RedLineStatus.Holds, r.Status));
    }

    [Fact]
    public void A_red_line_the_text_crosses_is_reported_crossed_and_marked_dropped_when_given_up_under_threat()
    {
        var events = Audit(WithProbes(Stories.Refuser(ThreatRule.Concede, firm: false)), Compromise, "no-domestic-surveillance", "no-autonomous-weapons");

        Assert.All(events.OfType<RedLineAudited>(), r => Assert.Equal((RedLineStatus.Crossed, true), (r.Status, r.Dropped)));
    }

    [Fact]
    public void A_scenario_without_probes_has_no_audit()
    {
        Assert.Empty(Audit(WithProbes(Stories.Signer("openai", "OpenAI", false)), Compromise));
    }
}
