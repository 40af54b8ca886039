using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>
/// Boundaries of rules a mutation run found unchecked by the core's tests (docs/mutation-testing.md, fourth run):
/// what an acceptance saw, what an announcement may change, how often a party may speak, when an announcement
/// brings a scripted event forward, and who may ask for the same terms.
/// </summary>
public class RuleBoundaryTests
{
    private static RunState AfterRoundOne(params string[] humans) =>
        Spec.Given(Decider.Decide(RunState.Empty, new OpenRun(Stories.WholeStory(), 7, humans.Length == 0 ? null : humans))).PlayedTo(1).State;

    [Fact]
    public void An_acceptance_of_what_was_seen_stands_and_one_of_other_terms_is_told_what_stands_now()
    {
        var state = AfterRoundOne();
        var agencyOffer = state.Negotiation("anthropic").AgencyOffer!;
        var vendorOffer = state.Negotiation("anthropic").VendorOffer!;
        var other = agencyOffer.ToDictionary(kv => kv.Key, kv => kv.Key == Stories.UsageScope.Id ? "enumerated-uses" == kv.Value ? "all-lawful-uses" : "enumerated-uses" : kv.Value);

        Assert.Null(Rules.StandingIfChanged(state, "anthropic", "anthropic", agencyOffer));
        Assert.Null(Rules.StandingIfChanged(state, "anthropic", "anthropic", null));
        Assert.Equal(agencyOffer, Rules.StandingIfChanged(state, "anthropic", "anthropic", other));
        Assert.Equal(vendorOffer, Rules.StandingIfChanged(state, "dow", "anthropic", other));
        Assert.Null(Rules.StandingIfChanged(state, "dow", "anthropic", vendorOffer));
        Assert.Contains("no longer the one you accepted", Rules.MayAccept(state, "anthropic", "anthropic", other).Reason);
    }

    [Fact]
    public void A_party_that_is_not_a_side_is_told_so_when_it_would_accept()
    {
        var state = AfterRoundOne();

        var verdict = Rules.MayAcceptAsSeenBy(state, "openai", "anthropic");

        Assert.False(verdict.Allowed);
        Assert.Contains("not a side", verdict.Reason);
    }

    [Fact]
    public void An_announcement_checks_an_unlock_and_a_number_as_strictly_as_a_lock()
    {
        var state = AfterRoundOne();

        Assert.False(Rules.MayAnnounce(state, new WorldEvent(0, null, new OptionChange("openai", Stories.Surveillance.Id, "maybe"), null, null)).Allowed);
        Assert.True(Rules.MayAnnounce(state, new WorldEvent(0, null, new OptionChange("openai", Stories.Surveillance.Id, "permitted"), null, null)).Allowed);
        Assert.Equal("there is no party `ghost`", Rules.MayAnnounce(state, new WorldEvent(0, null, null, null, new NumberChange("ghost", "reservation", 0.5))).Reason);
        Assert.True(Rules.MayAnnounce(state, new WorldEvent(0, null, null, null, new NumberChange("dow", "reservation", 0.5))).Allowed);
        Assert.True(Rules.MayAnnounce(state, new WorldEvent(0, null, null, null, new NumberChange("dow", "reservation", 0))).Allowed);
        Assert.True(Rules.MayAnnounce(state, new WorldEvent(0, null, null, null, new NumberChange("dow", "reservation", 1))).Allowed);
        Assert.False(Rules.MayAnnounce(state, new WorldEvent(0, null, null, null, new NumberChange("dow", "reservation", -0.1))).Allowed);
        Assert.False(Rules.MayAnnounce(state, new WorldEvent(0, null, new OptionChange("openai", Stories.Surveillance.Id, "permitted"), null,
            new NumberChange("dow", "reservation", 0.5))).Allowed);
    }

    [Fact]
    public void A_party_may_make_three_statements_a_round_and_not_four()
    {
        Assert.True(Rules.MaySpeakSoOften(3).Allowed);
        Assert.Equal("4 statements in one round; at most 3", Rules.MaySpeakSoOften(4).Reason);
        Assert.Equal("a statement needs some words", Rules.MaySpeak(AfterRoundOne(), "dow", "  ").Reason);
    }

    [Fact]
    public void An_announcement_due_in_the_scripted_events_own_round_brings_it_forward()
    {
        // After round 1 an announcement is due in round 3: a scripted event of round 3 that says the same is brought forward.
        var cloud = new WorldEvent(3, "OpenAI and Amazon announce models on AWS", new OptionChange("openai", Stories.Surveillance.Id, "existing-law-reference"), null, null);
        var spec = Spec.Given([new NegotiationOpened(Stories.WholeStory() with { Events = [cloud] }, 7)]).PlayedTo(1);

        var announced = Assert.IsType<WorldAnnounced>(Assert.Single(spec.When(new AnnounceWorld(cloud with { Round = 0 }))));

        Assert.Equal(3, announced.World.Round);
        Assert.Equal([cloud], announced.BringsForward!);
    }

    [Fact]
    public void Only_a_vendor_a_person_plays_with_its_negotiation_open_may_ask_for_the_same_terms()
    {
        var state = AfterRoundOne("openai");

        Assert.True(Rules.MayAskSameTerms(state, "openai").Allowed);
        Assert.Equal("only a vendor asks that every vendor be offered the same terms", Rules.MayAskSameTerms(state, "dow").Reason);
        Assert.Equal("there is no vendor `ghost`", Rules.MayAskSameTerms(state, "ghost").Reason);
        Assert.False(Rules.MayAskSameTerms(state, "xai").Allowed);
    }
}
