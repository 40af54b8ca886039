using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Testing;
using static Negotiation.Core.Tests.TermSheets;

namespace Negotiation.Core.Tests;

/// <summary>
/// The decider's consequences and boundaries that the second mutation run showed only the CLI's golden streams
/// guarded (docs/mutation-testing.md): the decider's own refusal of a threat, the lapse of a threat, the
/// statements a signature sets off, the deadline, a threat met, and the vendor's rejection of a standing offer.
/// </summary>
public class DeciderBoundaryTests
{
    private static readonly Dictionary<string, double> NoUtilities = [];

    private static Scenario OneRefuser(bool designates = true, int rounds = 10, bool redLines = true)
    {
        var story = Stories.WholeStory(rounds);
        var tactics = story.Agency.Tactics.Where(t => designates || t.Do != TacticKind.Designate).ToList();
        var refuser = redLines ? Stories.Refuser() : Stories.Refuser() with { RedLines = [] };
        return story with { Agency = story.Agency with { Tactics = tactics }, Vendors = [refuser], Events = [] };
    }

    private static IEnumerable<RunEvent> Round(int r, IReadOnlyDictionary<string, string> vendorOffer, IReadOnlyList<string> crosses) =>
    [
        new RoundStarted(r),
        new OfferMade(r, "anthropic", "dow", AllLawful, NoUtilities, ["no-domestic-surveillance", "no-autonomous-weapons"]),
        new OfferMade(r, "anthropic", "anthropic", vendorOffer, NoUtilities, crosses),
    ];

    /// <summary>Rounds 1 to 3 deadlocked, the threat made in round 4 with a deadline in round 6, and held.</summary>
    private static IEnumerable<RunEvent> Threatened(Scenario scenario) =>
    [
        new NegotiationOpened(scenario, 7),
        .. Round(1, Banned, ["no-surveillance-ban", "no-weapons-ban"]),
        .. Round(2, Banned, ["no-surveillance-ban", "no-weapons-ban"]),
        .. Round(3, Banned, ["no-surveillance-ban", "no-weapons-ban"]),
        .. Round(4, Banned, ["no-surveillance-ban", "no-weapons-ban"]),
        new DesignationThreatened(4, "anthropic", 6, ["all-lawful-uses", "no-surveillance-ban", "no-weapons-ban"]),
    ];

    private static IEnumerable<RunEvent> Held(int from, int to) =>
        Enumerable.Range(from, to - from + 1).SelectMany(r => Round(r, Banned, ["no-surveillance-ban", "no-weapons-ban"]));

    private static PlayRound Bargain(Spec spec, IReadOnlyDictionary<string, string> vendorOffer) =>
        spec.Exactly(new Move.Offer("dow", "anthropic", AllLawful), new Move.Offer("anthropic", "anthropic", vendorOffer));

    [Fact]
    public void The_decider_itself_refuses_a_threat_without_grounds()
    {
        var spec = Spec.Given([new NegotiationOpened(OneRefuser(), 7), .. Round(1, Banned, ["no-surveillance-ban", "no-weapons-ban"])]);

        var refusal = Assert.Throws<InvalidMoveException>(() => spec.When(spec.Exactly(
            new Move.Offer("dow", "anthropic", AllLawful), new Move.Threaten("dow", "anthropic"),
            new Move.Offer("anthropic", "anthropic", Banned), new Move.AnswerThreat("anthropic", ThreatResponse.Hold, []))));

        Assert.Equal("round 2: dow: anthropic's offers have crossed an agency red line 1 rounds in a row; a threat takes 3", refusal.Message);
    }

    [Fact]
    public void Without_a_designate_tactic_a_threat_lapses_the_round_after_its_deadline_and_not_before()
    {
        var atDeadline = Spec.Given(Threatened(OneRefuser(designates: false)), Held(5, 5));
        var afterDeadline = Spec.Given(Threatened(OneRefuser(designates: false)), Held(5, 6));

        Assert.DoesNotContain(atDeadline.When(Bargain(atDeadline, Banned)), e => e is ThreatLapsed);
        var lapsed = afterDeadline.When(Bargain(afterDeadline, Banned));
        Assert.Equal(new ThreatLapsed(7, "anthropic"), Assert.Single(lapsed.OfType<ThreatLapsed>()));
        Assert.Null(lapsed.Aggregate(afterDeadline.State, Evolution.Evolve).Negotiation("anthropic").Threat);
    }

    [Fact]
    public void With_a_designate_tactic_a_threat_past_its_deadline_stands_until_the_agency_designates()
    {
        var spec = Spec.Given(Threatened(OneRefuser()), Held(5, 6));

        var events = spec.When(Bargain(spec, Banned));

        Assert.DoesNotContain(events, e => e is ThreatLapsed);
        Assert.NotNull(events.Aggregate(spec.State, Evolution.Evolve).Negotiation("anthropic").Threat);
    }

    [Fact]
    public void A_threat_is_met_by_a_later_offer_inside_the_agencys_red_lines_and_not_by_one_that_crosses_them()
    {
        // A vendor without red lines of its own, so that its offer may meet the agency's.
        var spec = Spec.Given(Threatened(OneRefuser(redLines: false)));

        var met = spec.When(Bargain(spec, Compromise));
        var unmet = spec.When(Bargain(spec, Banned));

        Assert.Equal(new ThreatMet(5, "anthropic"), Assert.Single(met.OfType<ThreatMet>()));
        Assert.DoesNotContain(unmet, e => e is ThreatMet);
    }

    [Fact]
    public void An_offer_without_a_pending_threat_meets_nothing()
    {
        var spec = Spec.Given([new NegotiationOpened(OneRefuser(redLines: false), 7), .. Round(1, Banned, ["no-surveillance-ban", "no-weapons-ban"])]);

        Assert.DoesNotContain(spec.When(Bargain(spec, Compromise)), e => e is ThreatMet);
    }

    [Fact]
    public void A_vendors_new_offer_rejects_the_agencys_standing_offer_naming_the_vendors_lines_it_crosses()
    {
        var spec = Spec.Given([new NegotiationOpened(OneRefuser(), 7), .. Round(1, Banned, ["no-surveillance-ban", "no-weapons-ban"])]);

        var events = spec.When(Bargain(spec, Banned));

        var byVendor = Assert.Single(events.OfType<OfferRejected>(), e => e.By == "anthropic");
        Assert.Equal((2, "anthropic"), (byVendor.Round, byVendor.Vendor));
        Assert.Equal(AllLawful, byVendor.Terms);
        Assert.Equal(["no-domestic-surveillance", "no-autonomous-weapons"], byVendor.CrossedRedLines);
        var byAgency = Assert.Single(events.OfType<OfferRejected>(), e => e.By == "dow");
        Assert.Equal(Banned, byAgency.Terms);
    }

    [Fact]
    public void A_signature_sets_off_the_signers_signed_statement_and_each_rivals_rival_signed_statement()
    {
        static VendorSpec Speaking(string id, string name) => Stories.Signer(id, name, asks: false) with
        {
            Statements = [new Statement(StatementTrigger.Signed, $"{name} signed."), new Statement(StatementTrigger.RivalSigned, $"{name} notes a rival signed.")],
        };
        var scenario = Stories.WholeStory() with { Vendors = [Speaking("openai", "OpenAI"), Speaking("xai", "xAI")], Events = [] };
        var spec = Spec.Given([
            new NegotiationOpened(scenario, 7), new RoundStarted(1),
            new OfferMade(1, "openai", "dow", Compromise, NoUtilities, []),
            new OfferMade(1, "xai", "dow", Compromise, NoUtilities, []),
        ]);

        var events = spec.When(spec.Exactly(
            new Move.Pass("dow", "openai"), new Move.Accept("openai", "openai"),
            new Move.Pass("dow", "xai"), new Move.Pass("xai", "xai")));

        var said = events.OfType<StatementMade>().Select(s => (s.Party, s.Trigger, s.Text)).ToList();
        Assert.Equal([("openai", StatementTrigger.Signed, "OpenAI signed."), ("xai", StatementTrigger.RivalSigned, "xAI notes a rival signed.")], said);
        var order = events.ToList();
        Assert.True(order.FindIndex(e => e is StatementMade) > order.FindIndex(e => e is AgreementSigned));
    }

    [Fact]
    public void The_deadline_passes_in_the_last_round_and_not_before_and_ends_the_run()
    {
        var scenario = OneRefuser(designates: false, rounds: 3);
        var passes = new Move[] { new Move.Pass("dow", "anthropic"), new Move.Pass("anthropic", "anthropic") };
        var beforeLast = Spec.Given([new NegotiationOpened(scenario, 7), new RoundStarted(1)]);
        var last = Spec.Given([new NegotiationOpened(scenario, 7), new RoundStarted(1), new RoundStarted(2)]);

        var round2 = beforeLast.When(beforeLast.Exactly(passes));
        var round3 = last.When(last.Exactly(passes));

        Assert.DoesNotContain(round2, e => e is DeadlinePassed or RunConcluded);
        Assert.Equal(["anthropic"], Assert.Single(round3.OfType<DeadlinePassed>()).Vendors);
        Assert.IsType<RunConcluded>(round3[^1]);
    }

    [Fact]
    public void A_last_round_that_ends_the_last_negotiation_concludes_without_a_deadline()
    {
        var scenario = OneRefuser(designates: false, rounds: 3, redLines: false);
        var spec = Spec.Given([
            new NegotiationOpened(scenario, 7), new RoundStarted(1), new RoundStarted(2),
            new OfferMade(2, "anthropic", "dow", Compromise, NoUtilities, []),
        ]);

        var events = spec.When(spec.Exactly(new Move.Pass("dow", "anthropic"), new Move.Accept("anthropic", "anthropic")));

        Assert.Contains(events, e => e is AgreementSigned { Round: 3 });
        Assert.DoesNotContain(events, e => e is DeadlinePassed);
        Assert.IsType<RunConcluded>(events[^1]);
    }
}
