using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Core.Seats;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>
/// Issue 22: five mutants applied by hand survived every core test (and the golden streams). Each is killed here
/// by the behaviour it would break, written as the history it needs.
/// </summary>
public class ReviewMutantTests
{
    private static readonly TermDefinition Stack = new("stack", "Who runs the safety stack", ["agency", "joint", "vendor"]);

    private static Preference Likes(params double[] values) => new(1, Stack.Options.Select((o, i) => (o, values[i])).ToDictionary(x => x.o, x => x.Item2));

    /// <summary>
    /// Two agency red lines on one term, and the vendor's own line that rules out the only option inside both. A
    /// vendor that conceded to both cannot keep inside them, so it may offer what its own lines allow. (`All` → `Any`
    /// in the conceded-line check made it refuse that offer: one agency line alone allowed another option.)
    /// </summary>
    [Fact]
    public void A_conceding_vendor_that_cannot_keep_inside_every_named_line_on_a_term_may_offer_what_its_own_lines_allow()
    {
        var agency = new AgencySpec("dow", "Agency", new Dictionary<string, Preference> { [Stack.Id] = Likes(1, 0.5, 0) },
            [new RedLine("not-agency", Stack.Id, null, ["agency"], null), new RedLine("not-joint", Stack.Id, null, ["joint"], null)],
            0, StrategySpec.Default, SameTermsPolicy.Never, []);
        var vendor = new VendorSpec("acme", "Acme", new Dictionary<string, Preference> { [Stack.Id] = Likes(0.5, 1, 0) },
            [new RedLine("not-vendor", Stack.Id, null, ["vendor"], null)], 0, StrategySpec.Default, ThreatRule.Concede, DesignationRule.Accept, false, []);
        var scenario = new Scenario("two-lines", null, null, 1, 5, [Stack], agency, [vendor], null, [], []);
        var state = Evolution.Fold([new NegotiationOpened(scenario, 1), new RedLinesDropped(1, "acme", [], ["not-agency", "not-joint"])]);

        Assert.True(Rules.MayUse(state, "acme", "acme", Stack, "joint").Allowed);
        Assert.False(Rules.MayUse(state, "acme", "acme", Stack, "vendor").Allowed);
    }

    /// <summary>An offer's "crosses your red lines" counts only the lines the party still holds: a line it dropped is not crossed.</summary>
    [Fact]
    public void An_offer_crosses_only_the_red_lines_the_seat_still_holds()
    {
        var story = Stories.WholeStory() with { Vendors = [Stories.Refuser(firm: false)], Events = [] };
        var events = new List<RunEvent>
        {
            new NegotiationOpened(story, 7),
            new RoundStarted(1),
            new RedLineDropped(1, "anthropic", "anthropic", "no-domestic-surveillance"),
            new OfferMade(1, "anthropic", "dow", TermSheets.AllLawful, new Dictionary<string, double>(), []),
        };

        var offer = SeatViews.Of(events, "anthropic").Negotiations.Single().TheirStandingOffer!;

        Assert.Equal(["no-autonomous-weapons"], offer.CrossesYourRedLines);
    }

    /// <summary>Once a negotiation has ended, its seat is shown no standing offer to accept.</summary>
    [Fact]
    public void A_negotiation_that_ended_shows_no_standing_offer()
    {
        var events = Simulation.Run(Stories.WholeStory(), 7);
        var view = SeatViews.Of(events, "dow");

        Assert.All(view.Negotiations, n =>
        {
            Assert.NotEqual("open", n.Status);
            Assert.Null(n.TheirStandingOffer);
            Assert.Null(n.YourStandingOffer);
        });
        Assert.Contains(events, e => e is OfferMade);
    }

    /// <summary>When no option of a term is open to the party, the seat is told it cannot offer, and why.</summary>
    [Fact]
    public void A_seat_with_no_option_open_on_a_term_may_not_offer_and_is_told_which_term()
    {
        var story = Stories.WholeStory() with { Events = [] };
        var locks = Stories.UsageScope.Options.Select(o => new OptionLocked(1, "openai", Stories.UsageScope.Id, o, null));
        var events = new List<RunEvent> { new NegotiationOpened(story, 7), new RoundStarted(1) };
        events.AddRange(locks);

        var offer = SeatViews.Of(events, "openai").Allowed.Single(m => m.Kind == "offer");

        Assert.False(offer.Allowed);
        Assert.Equal($"no option of {Stories.UsageScope.Id} is open to you", offer.Reason);
    }

    /// <summary>`same_terms_for_all: on-request` extends a signed contract only once a signer has asked: nobody asked, nothing is extended.</summary>
    [Fact]
    public void On_request_the_same_terms_are_extended_only_when_a_signer_asked()
    {
        var story = Stories.WholeStory() with
        {
            Agency = Stories.Agency(SameTermsPolicy.OnRequest),
            Vendors = [.. Stories.WholeStory().Vendors.Select(v => v with { AsksSameTermsForAll = false })],
        };

        var events = Simulation.Run(story, 7);

        Assert.Contains(events, e => e is AgreementSigned);
        Assert.DoesNotContain(events, e => e is SameTermsExtended or SameTermsRequested);
        var asked = Simulation.Run(Stories.WholeStory() with { Agency = Stories.Agency(SameTermsPolicy.OnRequest) }, 7);
        Assert.Contains(asked, e => e is SameTermsExtended);
    }
}
