using CsCheck;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Testing;
using static Negotiation.Testing.Stories;

namespace Negotiation.Core.Tests;

/// <summary>
/// Format 1.2: every ending has a value to every party, and a vendor can answer a threat or a designation by
/// expected value. The break-even odds are worked out by hand (see <see cref="Stories.BreakEven"/>) and the
/// engine must flip there, with ties to hold.
/// </summary>
public class EndingValueTests
{
    private static ChoiceWeighed Weighed(IReadOnlyList<RunEvent> events, WeighedQuestion question) =>
        Assert.Single(events.OfType<ChoiceWeighed>(), c => c.Question == question);

    private static Outcome Anthropic(IReadOnlyList<RunEvent> events) => ((RunConcluded)events[^1]).Outcomes.Single(o => o.Vendor == "anthropic");

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.49999)]
    [InlineData(BreakEvenOdds)]
    [InlineData(0.50001)]
    [InlineData(0.9)]
    public void A_threatened_vendor_holds_exactly_when_suing_is_worth_at_least_conceding(double p)
    {
        Assert.Equal(0.5, BreakEvenOdds, 12);
        var events = Simulation.Run(BreakEven(p), 1);

        var weighed = Weighed(events, WeighedQuestion.Threat);
        var holding = p * Lifted + (1 - p) * DesignatedWorth;
        Assert.Equal(["hold", "concede", "walk-away"], weighed.Estimates.Select(e => e.Choice));
        Assert.Equal([holding, ConcedeWorth, 0.2], weighed.Estimates.Select(e => e.Value), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal("litigate", weighed.IfDesignated);
        Assert.Equal(p, weighed.Belief);
        // A tie goes to hold, as the format says.
        var holds = p >= BreakEvenOdds;
        Assert.Equal(holds ? "hold" : "concede", weighed.Choice);
        var outcome = Anthropic(events);
        Assert.Equal(holds ? OutcomeResult.Designated : OutcomeResult.Agreement, outcome.Result);
        if (!holds) Assert.Equal(ConcedeWorth, outcome.Utilities!["anthropic"], 12);
    }

    [Theory]
    [InlineData(0.9, 0.45, "concede")]
    [InlineData(0.1, 0.55, "hold")]
    [InlineData(0.1, BreakEvenOdds, "hold")]
    public void A_vendor_chooses_by_the_odds_it_believes_not_the_courts(double court, double belief, string choice)
    {
        var weighed = Weighed(Simulation.Run(BreakEven(court, belief), 1), WeighedQuestion.Threat);

        Assert.Equal(belief, weighed.Belief);
        Assert.Equal(choice, weighed.Choice);
    }

    [Fact]
    public void The_cost_of_suing_moves_the_break_even_odds_up_by_its_cost_over_the_spread()
    {
        // Two rounds to the ruling at 0.01 a round: holding is worth 0.02 less, so it pays from (0.3 + 0.02) / 0.6.
        var flip = (ConcedeWorth - DesignatedWorth + 0.02) / (Lifted - DesignatedWorth);
        Assert.Equal("concede", Weighed(Simulation.Run(BreakEven(flip - 1e-6, costPerRound: 0.01), 1), WeighedQuestion.Threat).Choice);
        Assert.Equal("hold", Weighed(Simulation.Run(BreakEven(flip + 1e-6, costPerRound: 0.01), 1), WeighedQuestion.Threat).Choice);

        // The suing vendor's value is lowered by the cost over the rounds from filing to ruling.
        var events = Simulation.Run(BreakEven(0.9, costPerRound: 0.01), 1);
        var values = Endings.ValuesOf(Evolution.Fold(events), Evolution.Fold(events).Negotiation("anthropic"))!;
        var ruled = events.OfType<CourtRuled>().Single();
        Assert.Equal((ruled.InjunctionGranted ? Lifted : DesignatedWorth) - 0.02, values["anthropic"], 12);
    }

    [Theory]
    [InlineData(0.5, 0.1, 0.0, "litigate")]   // 0.5 x 0.7 + 0.5 x 0.1 = 0.4 against 0.1 and 0.0
    [InlineData(0.0, 0.1, 0.05, "accept")]    // suing is worth 0.1, a tie with accepting: litigate comes first
    [InlineData(0.0, 0.1, 0.3, "exit")]
    public void A_designated_vendor_sues_accepts_or_exits_by_expected_value_ties_in_the_formats_order(double p, double designated, double exited, string expected)
    {
        var story = BreakEven(p);
        var vendor = story.Vendors[0] with
        {
            OnThreat = ThreatRule.Hold,
            OnDesignation = DesignationRule.BestResponse,
            Outcomes = new OutcomeValues(0.2, designated, Lifted, exited),
        };
        var events = Simulation.Run(story with { Vendors = [vendor] }, 1);

        var weighed = Weighed(events, WeighedQuestion.Designation);
        Assert.Equal(["litigate", "accept", "exit"], weighed.Estimates.Select(e => e.Choice));
        // At p = 0 suing is worth exactly `designated`: a tie with accepting, which litigate wins as the first listed.
        Assert.Equal(p == 0 && exited < designated ? "litigate" : expected, weighed.Choice);
        Assert.DoesNotContain(events, e => e is ChoiceWeighed { Question: WeighedQuestion.Threat });
    }

    [Fact]
    public void Every_ending_without_a_contract_takes_the_formats_defaults()
    {
        var story = BreakEven(0.0) with { Vendors = [BreakEven(0.0).Vendors[0] with { Outcomes = null, OnThreat = ThreatRule.Hold, OnDesignation = DesignationRule.Exit }] };
        var state = Evolution.Fold(Simulation.Run(story, 1));

        // Designated, then left the market: exited defaults to designated, which defaults to 0; the agency alike.
        var n = state.Negotiation("anthropic");
        Assert.True(n.Exited);
        Assert.Equal(new Dictionary<string, double> { ["dow"] = 0, ["anthropic"] = 0 }, Endings.ValuesOf(state, n));
        // no_deal defaults to the reservation, designation_lifted to no_deal.
        Assert.Equal(0.3, Endings.Value(state, "anthropic", Ending.NoDeal));
        Assert.Equal(0.3, Endings.Value(state, "anthropic", Ending.DesignationLifted));
        Assert.Equal(0.5, Endings.Value(state, "dow", Ending.DesignationLifted));
    }

    [Fact]
    public void The_agencys_payoff_is_the_mean_of_its_values_over_the_vendors()
    {
        var events = Simulation.Run(WholeStory(), 7);
        var state = Evolution.Fold(events);

        var payoffs = Endings.Payoffs(state);
        var agencyValues = state.InVendorOrder.Select(n => Endings.ValuesOf(state, n)![state.AgencyId]).ToList();
        Assert.Equal(agencyValues.Average(), payoffs["dow"], 12);
        foreach (var n in state.InVendorOrder) Assert.Equal(Endings.ValuesOf(state, n)![n.Vendor], payoffs[n.Vendor]);
        Assert.Equal(4, payoffs.Count);
    }

    [Fact]
    public void An_injunction_that_reopens_lifts_the_designation_for_the_rounds_the_file_gives_past_the_deadline_and_no_second_threat_follows()
    {
        var story = BreakEven(1.0);
        story = story with { Litigation = story.Litigation! with { AfterInjunction = AfterInjunction.Reopen, ReopenRounds = 5 } };

        var events = Simulation.Run(story, 1);

        var ruled = events.OfType<CourtRuled>().Single();
        Assert.True(ruled.InjunctionGranted);
        var lifted = events.OfType<DesignationLifted>().Single();
        Assert.Equal((ruled.Round, ruled.Round + 4), (lifted.Round, lifted.DeadlineRound));
        Assert.True(lifted.DeadlineRound > story.Rounds, "the reopened negotiation runs past the scenario's own deadline");
        // Open again: both sides bargain in the reopened rounds, and the agency may not threaten a second time.
        Assert.Contains(events, e => e is OfferMade { From: "dow" } o && o.Round == lifted.Round);
        Assert.Single(events.OfType<DesignationThreatened>());
        var deadline = events.OfType<DeadlinePassed>().Single(d => d.Vendors.Contains("anthropic") && d.Round > story.Rounds);
        Assert.Equal(lifted.DeadlineRound, deadline.Round);
        Assert.InRange(events[^1].Round, lifted.DeadlineRound, Simulation.MaxRounds(story));
        // Ended without a deal after the injunction: valued designation_lifted.
        var state = Evolution.Fold(events);
        Assert.Equal(Lifted, Endings.ValuesOf(state, state.Negotiation("anthropic"))!["anthropic"], 12);
        Assert.Equal(OutcomeResult.Deadline, Anthropic(events).Result);
        Assert.Equal(LitigationStatus.InjunctionGranted, Anthropic(events).Litigation);
        var refused = Rules.MayThreaten(Evolution.Fold(events.TakeWhile(e => e != lifted).Append(lifted)), "dow", "anthropic");
        Assert.Contains("enjoined", refused.Reason);
    }

    [Fact]
    public void With_after_injunction_end_a_granted_injunction_ends_the_negotiation_valued_designation_lifted()
    {
        var events = Simulation.Run(BreakEven(1.0), 1);

        Assert.DoesNotContain(events, e => e is DesignationLifted);
        var state = Evolution.Fold(events);
        Assert.Equal(OutcomeResult.Designated, Anthropic(events).Result);
        Assert.Equal(Lifted, Endings.ValuesOf(state, state.Negotiation("anthropic"))!["anthropic"], 12);
    }

    [Fact]
    public void A_person_who_answers_against_the_numbers_is_recorded_with_their_own_choice_and_the_numbers_they_saw()
    {
        var story = BreakEven(0.9);
        var spec = Spec.Given(Decider.Decide(RunState.Empty, new OpenRun(story, 1, ["anthropic"]))).PlayedTo(1);

        var conceding = new Move.AnswerThreat("anthropic", ThreatResponse.Concede, ["enumerated-only"]);
        var round = spec.Round(conceding);
        var events = spec.When(round with { Moves = [.. round.Moves.Where(m => m is not Move.AnswerThreat || m.Equals(conceding))] });

        Assert.Contains(events, e => e is RedLinesDropped);
        var weighed = Assert.Single(events.OfType<ChoiceWeighed>());
        Assert.Equal("concede", weighed.Choice);
        Assert.Equal("hold", BestResponse.Best(weighed.Estimates).Choice);
        var minutes = Reports.PlainMinutes.Lines("r", [.. spec.Events, .. events]).ToList();
        Assert.Contains("  anthropic (played by a person) concedes; by its numbers, at the injunction odds it believes (0.90): holding (then suing if designated) is worth 0.64 to it; conceding 0.40; walking away 0.20.", minutes);
    }

    /// <summary>Over generated scenarios: every ended negotiation has both values, and every weighed choice is the best by its own numbers.</summary>
    [Fact]
    public void Every_run_values_every_negotiation_and_every_weighed_choice_is_its_best_estimate() =>
        Gen.Select(Gen.Int[1, 10_000_000], Gen.Int[1, 100_000]).Sample(c =>
        {
            var events = Simulation.Run(GeneratedScenarios.Build(c.Item1), c.Item2);
            var state = Evolution.Fold(events);
            foreach (var n in state.InVendorOrder)
            {
                var values = Endings.ValuesOf(state, n);
                Assert.NotNull(values);
                Assert.Equal([state.AgencyId, n.Vendor], values.Keys);
                if (n.Agreement is { } signed) Assert.Equal(signed.Utilities[state.AgencyId], values[state.AgencyId]);
            }
            // Nobody plays a generated scenario's parties: every weighed choice is the policy's.
            foreach (var weighed in events.OfType<ChoiceWeighed>())
            {
                var best = weighed.Estimates.Max(e => e.Value);
                Assert.Equal(weighed.Estimates.First(e => e.Value >= best - OfferSearch.Epsilon).Choice, weighed.Choice);
            }
        }, iter: 300);
}
