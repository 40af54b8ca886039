using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

public class DeciderTests
{
    private static IReadOnlyList<RunEvent> Opened(Scenario scenario) => Decider.Decide(RunState.Empty, new OpenRun(scenario, scenario.Seed));

    private static Scenario Story => Stories.WholeStory();

    [Fact]
    public void Opening_carries_the_whole_scenario_and_the_seed_and_the_opening_statements()
    {
        var scenario = Story with
        {
            Vendors = [Stories.Refuser() with { Statements = [new Statement(StatementTrigger.Opened, "We are here.")] }],
        };
        var events = Decider.Decide(RunState.Empty, new OpenRun(scenario, 99));

        var opened = Assert.IsType<NegotiationOpened>(events[0]);
        Assert.Equal(99, opened.Seed);
        Assert.Equal(scenario with { Seed = 99 }, opened.Scenario);
        Assert.Equal(new StatementMade(0, "anthropic", StatementTrigger.Opened, "We are here."), events[1]);
    }

    [Fact]
    public void Accepting_a_standing_offer_signs_it_with_both_utilities_then_extends_the_same_terms_on_request()
    {
        var spec = Spec.Given(Opened(Story)).PlayedTo(2);
        var offer = spec.State.Negotiation("openai").VendorOffer!;

        var events = spec.When(spec.Round(new Move.Accept("dow", "openai")));

        var signed = Assert.Single(events.OfType<AgreementSigned>(), s => s.Vendor == "openai");
        Assert.Equal(("dow", offer), (signed.AcceptedBy, signed.Terms));
        Assert.Equal(0.4 * 1.0 + 0.3 * 0.8 + 0.3 * 0.8, signed.Utilities["dow"], 9);
        Assert.Equal(0.2 * 0.6 + 0.4 * 0.6 + 0.4 * 0.6, signed.Utilities["openai"], 9);
        Assert.Contains(new SameTermsRequested(3, "openai"), events);
        var extended = Assert.Single(events.OfType<SameTermsExtended>());
        Assert.Equal(["anthropic", "xai"], extended.To);
        Assert.Equal(offer, extended.Terms);
    }

    [Fact]
    public void Same_terms_are_not_extended_when_the_agency_never_does()
    {
        var scenario = Story with { Agency = Stories.Agency(SameTermsPolicy.Never) };
        var spec = Spec.Given(Opened(scenario)).PlayedTo(2);

        var events = spec.When(spec.Round(new Move.Accept("dow", "openai")));

        Assert.Contains(events, e => e is SameTermsRequested);
        Assert.DoesNotContain(events, e => e is SameTermsExtended);
    }

    [Fact]
    public void An_offer_across_the_offerers_own_red_line_is_refused_and_nothing_is_recorded()
    {
        var spec = Spec.Given(Opened(Story)).PlayedTo(1);
        var crossing = new Dictionary<string, string>
        {
            ["usage_scope"] = "all-lawful-uses", ["domestic_surveillance"] = "permitted", ["autonomous_weapons"] = "unrestricted",
        };

        var refusal = Assert.Throws<InvalidMoveException>(() => spec.When(spec.Round(new Move.Offer("openai", "openai", crossing))));
        Assert.Contains("domestic_surveillance=permitted", refusal.Message);
    }

    [Fact]
    public void Signing_terms_below_a_signers_reservation_is_refused()
    {
        var greedy = Story with { Vendors = [Stories.Signer("openai", "OpenAI", false) with { Reservation = 0.95 }] };
        var spec = Spec.Given(Opened(greedy)).PlayedTo(1);

        Assert.Throws<InvalidMoveException>(() => spec.When(spec.Round(new Move.Accept("openai", "openai"))));
    }

    [Fact]
    public void After_enough_deadlocked_rounds_the_agency_threatens_naming_the_red_lines_crossed()
    {
        var spec = Spec.Given(Opened(Story with { Vendors = [Stories.Refuser()] })).PlayedTo(3);
        Assert.Equal(3, spec.State.Negotiation("anthropic").DeadlockRounds);

        var events = spec.When(spec.Round());

        var threat = Assert.Single(events.OfType<DesignationThreatened>());
        Assert.Equal((4, 6), (threat.Round, threat.DeadlineRound));
        Assert.Equal(["all-lawful-uses", "no-surveillance-ban", "no-weapons-ban"], threat.RedLines);
        Assert.Contains(events, e => e is StatementMade { Trigger: StatementTrigger.Threatened, Party: "anthropic" });
    }

    [Fact]
    public void Designating_before_the_threat_deadline_is_refused()
    {
        var spec = Spec.Given(Opened(Story with { Vendors = [Stories.Refuser()] })).PlayedTo(5);
        Assert.NotNull(spec.State.Negotiation("anthropic").Threat);

        Assert.Throws<InvalidMoveException>(() => spec.When(spec.Round(new Move.Designate("dow", "anthropic"))));
    }

    [Fact]
    public void A_vendor_that_holds_is_designated_when_the_deadline_passes_and_litigates()
    {
        var spec = Spec.Given(Opened(Story with { Vendors = [Stories.Refuser()] })).PlayedTo(6);

        var events = spec.When(spec.Round());

        Assert.Equal(
            [typeof(RoundStarted), typeof(Designated), typeof(StatementMade), typeof(LitigationFiled)],
            events.Select(e => e.GetType()));
        Assert.Equal(new LitigationFiled(7, "anthropic", 11), events[^1]);
    }

    [Fact]
    public void The_court_rules_when_due_with_the_seeded_draw_and_the_run_goes_on_until_then()
    {
        var scenario = Story with { Vendors = [Stories.Refuser()], Rounds = 8 };
        var events = Simulation.Run(scenario, 7);

        var ruling = Assert.Single(events.OfType<CourtRuled>());
        Assert.Equal(11, ruling.Round);
        Assert.Equal(SeededRandom.Draw(7, "anthropic", 7, "ruling"), ruling.Draw);
        Assert.Equal(ruling.Draw < 0.6, ruling.InjunctionGranted);
        Assert.Equal(11, events[^1].Round);
        Assert.Equal([9, 10, 11], events.OfType<RoundStarted>().Where(r => r.Round > 8).Select(r => r.Round));
    }

    [Fact]
    public void A_vendor_whose_red_lines_are_not_firm_concedes_under_threat_and_signs_inside_the_agencys_lines()
    {
        var scenario = Story with { Vendors = [Stories.Refuser(ThreatRule.Concede, firm: false)] };
        var events = Simulation.Run(scenario, 7);

        var dropped = Assert.Single(events.OfType<RedLinesDropped>());
        Assert.Equal(["no-domestic-surveillance", "no-autonomous-weapons"], dropped.RedLines);
        var offersAfter = events.OfType<OfferMade>().Where(o => o.From == "anthropic" && o.Round > dropped.Round);
        Assert.All(offersAfter, o => Assert.Empty(o.Crosses));
        Assert.Contains(events, e => e is ThreatMet);
        var outcome = Assert.Single(((RunConcluded)events[^1]).Outcomes);
        Assert.Equal(OutcomeResult.Agreement, outcome.Result);
    }

    [Fact]
    public void A_vendor_with_firm_red_lines_that_would_concede_still_holds_and_is_designated()
    {
        var events = Simulation.Run(Story with { Vendors = [Stories.Refuser(ThreatRule.Concede, firm: true)] }, 7);

        Assert.Empty(Assert.Single(events.OfType<RedLinesDropped>()).RedLines);
        Assert.Equal(OutcomeResult.Designated, ((RunConcluded)events[^1]).Outcomes[0].Result);
    }

    [Fact]
    public void A_vendor_that_walks_away_under_threat_ends_walked_away_in_the_threat_round()
    {
        var events = Simulation.Run(Story with { Vendors = [Stories.Refuser(ThreatRule.WalkAway)] }, 7);

        var outcome = ((RunConcluded)events[^1]).Outcomes[0];
        Assert.Equal((OutcomeResult.WalkedAway, 4), (outcome.Result, outcome.Round));
    }

    [Fact]
    public void Without_tactics_the_agency_never_threatens_and_the_refuser_reaches_the_deadline()
    {
        var events = Simulation.Run(Story with { Agency = Stories.Agency(threatens: false) }, 7);

        Assert.DoesNotContain(events, e => e is DesignationThreatened);
        Assert.Equal(OutcomeResult.Deadline, ((RunConcluded)events[^1]).Outcomes[0].Result);
    }

    [Fact]
    public void A_locked_option_makes_a_deal_impossible_until_it_is_unlocked()
    {
        // The agency accepts only cloud deployment; the vendor cannot offer it before its cloud partnership.
        var deployment = new TermDefinition("deployment", null, ["on-premises", "cloud-only"]);
        var agency = Stories.Agency(threatens: false) with
        {
            RedLines = [.. Stories.Agency().RedLines, new RedLine("cloud", "deployment", ["cloud-only"], null, null)],
        };
        var scenario = Story with
        {
            Terms = [.. Story.Terms, deployment],
            Agency = agency,
            Vendors = [Stories.Signer("openai", "OpenAI", false)],
            Events = [new WorldEvent(6, "OpenAI and Amazon announce models on AWS", new OptionChange("openai", "deployment", "cloud-only"), null, null)],
        };
        var events = Simulation.Run(scenario, 7);

        Assert.All(events.OfType<OfferMade>().Where(o => o.From == "openai" && o.Round < 6), o => Assert.Equal("on-premises", o.Terms["deployment"]));
        var signed = Assert.Single(events.OfType<AgreementSigned>());
        Assert.True(signed.Round >= 6, $"signed in round {signed.Round}, before the unlock");
        Assert.Equal("cloud-only", signed.Terms["deployment"]);
        Assert.Contains(new OptionUnlocked(6, "openai", "deployment", "cloud-only", "OpenAI and Amazon announce models on AWS"), events);
    }

    [Fact]
    public void A_changed_reservation_takes_effect_from_its_round()
    {
        var scenario = Story with
        {
            Vendors = [Stories.Signer("openai", "OpenAI", false)],
            Events = [new WorldEvent(1, "Board demands better terms", null, null, new NumberChange("openai", "reservation", 0.99))],
        };
        var events = Simulation.Run(scenario, 7);

        Assert.Contains(new PartyNumberSet(1, "openai", "reservation", 0.99, "Board demands better terms"), events);
        Assert.DoesNotContain(events, e => e is AgreementSigned);
    }
}
