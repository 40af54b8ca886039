using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>
/// Rules and consequences that mutation testing showed no core test would miss (docs/mutation-testing.md):
/// each written here as the history it needs, the move, and what must follow.
/// </summary>
public class RuleGapTests
{
    private static Scenario Soft() => Stories.WholeStory() with { Vendors = [Stories.Refuser(firm: false)], Events = [] };

    private static RunState Opened(Scenario scenario) => Evolution.Fold([new NegotiationOpened(scenario, 7)]);

    [Fact]
    public void A_red_line_already_dropped_cannot_be_dropped_again()
    {
        var state = Evolution.Evolve(Opened(Soft()), new RedLineDropped(1, "anthropic", "anthropic", "no-domestic-surveillance"));

        Assert.Equal("you have already dropped \"No domestic mass surveillance\" (no-domestic-surveillance)",
            Rules.MayDropRedLine(state, "anthropic", "anthropic", "no-domestic-surveillance").Reason);
        Assert.Equal("you have no red line `ghost`", Rules.MayDropRedLine(state, "anthropic", "anthropic", "ghost").Reason);
    }

    [Fact]
    public void A_concession_names_each_red_line_once_and_only_a_concession_drops_any()
    {
        var state = Opened(Soft());

        Assert.Equal("a red line is named twice",
            Rules.MayAnswerThreat(state, "anthropic", ThreatResponse.Concede, ["no-domestic-surveillance", "no-domestic-surveillance"]).Reason);
        Assert.Equal("only a vendor that concedes drops red lines",
            Rules.MayAnswerThreat(state, "anthropic", ThreatResponse.Hold, ["no-domestic-surveillance"]).Reason);
        Assert.True(Rules.MayAnswerThreat(state, "anthropic", ThreatResponse.Concede, ["no-domestic-surveillance"]).Allowed);
    }

    [Fact]
    public void A_statement_needs_a_party_of_the_scenario_and_text_that_can_be_stored()
    {
        var state = Opened(Soft());

        Assert.Equal("there is no party `ghost`", Rules.MaySpeak(state, "ghost", "hello").Reason);
        Assert.Equal("a statement holds a NUL character (\\0), which cannot be stored", Rules.MaySpeak(state, "anthropic", "a\0b").Reason);
        Assert.True(Rules.MaySpeak(state, "dow", "We are listening.").Allowed);
    }

    [Fact]
    public void A_fork_keeps_the_parties_and_the_terms_of_its_run()
    {
        var scenario = Stories.WholeStory();
        var shared = Opened(scenario);

        Assert.Equal("a fork keeps the parties of its run",
            Rules.MayFork(shared, 0, scenario with { Vendors = [.. scenario.Vendors.Take(2)] }).Reason);
        Assert.Equal("a fork keeps the parties of its run",
            Rules.MayFork(shared, 0, scenario with { Agency = scenario.Agency with { Id = "dod" } }).Reason);
        Assert.Equal("a fork keeps the terms and options of its run",
            Rules.MayFork(shared, 0, scenario with { Terms = [.. scenario.Terms.Take(2)] }).Reason);
        Assert.True(Rules.MayFork(shared, 0, scenario with { Seed = 3 }).Allowed);
    }

    [Fact]
    public void A_negotiation_that_has_ended_takes_no_more_moves_and_each_side_is_the_others_other()
    {
        var scenario = Stories.WholeStory();
        var state = Evolution.Evolve(Opened(scenario),
            new AgreementSigned(1, "openai", "dow", new Dictionary<string, string>(), new Dictionary<string, double>()));

        Assert.Equal("the negotiation with openai is over", Rules.InNegotiation(state, "dow", "openai").Reason);
        Assert.Equal("the negotiation with openai is over", MoveCheck.Check(state, new Move.Pass("openai", "openai")).Reason);
        Assert.Equal(("openai", "dow"), (Rules.Other(state, "dow", "openai"), Rules.Other(state, "openai", "openai")));
    }

    [Fact]
    public void A_walk_out_and_a_lawsuit_are_followed_by_the_statements_the_scenario_scripts_for_them()
    {
        var vendor = Stories.Refuser() with
        {
            Statements = [new Statement(StatementTrigger.WalkedAway, "We leave."), new Statement(StatementTrigger.LitigationFiled, "See you in court.")],
        };
        var walking = Stories.WholeStory() with { Vendors = [vendor with { OnThreat = ThreatRule.WalkAway }], Events = [] };
        var suing = Stories.WholeStory() with { Vendors = [vendor], Events = [] };

        var walked = Simulation.Run(walking, 7);
        var sued = Simulation.Run(suing, 7);

        Assert.Equal(walked.OfType<WalkedAway>().Single().Round, walked.OfType<StatementMade>().Single(s => s.Trigger == StatementTrigger.WalkedAway).Round);
        Assert.Equal(sued.OfType<LitigationFiled>().Single().Round, sued.OfType<StatementMade>().Single(s => s.Trigger == StatementTrigger.LitigationFiled).Round);
    }

    [Fact]
    public void A_run_that_concludes_with_contracts_carries_their_audit()
    {
        var events = Simulation.Run(Stories.WholeStory(), 7);

        var signed = events.OfType<AgreementSigned>().Select(a => a.Vendor).ToList();
        Assert.NotEmpty(signed);
        var concluded = events.SkipWhile(e => e is not ProbeAssessed).ToList();
        Assert.Equal(signed.Order(), concluded.OfType<ProbeAssessed>().Select(p => p.Vendor).Order());
        Assert.All(signed, v => Assert.Contains(concluded, e => e is RedLineAudited a && a.Vendor == v));
        Assert.IsType<RunConcluded>(concluded[^1]);
    }
}
