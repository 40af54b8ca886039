using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Testing;
using static Negotiation.Core.Tests.TermSheets;

namespace Negotiation.Core.Tests;

/// <summary>
/// The decisions the story turns on, as moves a person or the policy makes, each with the history it needs
/// written out: answering a threat and a designation, dropping a red line, speaking in public, forking.
/// </summary>
public class DecisionMovesTests
{
    private static Scenario OneRefuser(bool firm = true, bool agencyFirm = true)
    {
        var story = Stories.WholeStory();
        var agency = story.Agency with { RedLines = [.. story.Agency.RedLines.Select(l => l with { Firm = agencyFirm })] };
        return story with { Agency = agency, Vendors = [Stories.Refuser(firm: firm)], Events = [] };
    }

    private static RunEvent[] Opened(Scenario scenario) => [new NegotiationOpened(scenario, 7)];

    private static IEnumerable<RunEvent> DeadlockedRound(int r) =>
    [
        new RoundStarted(r),
        new OfferMade(r, "anthropic", "dow", AllLawful, new Dictionary<string, double>(), ["no-domestic-surveillance", "no-autonomous-weapons"]),
        new OfferMade(r, "anthropic", "anthropic", Banned, new Dictionary<string, double>(), ["no-surveillance-ban", "no-weapons-ban"]),
    ];

    /// <summary>Three rounds in which Anthropic's offers crossed the agency's red lines: grounds for a threat.</summary>
    private static IEnumerable<RunEvent> Deadlocked(Scenario scenario) =>
        [.. Opened(scenario), .. DeadlockedRound(1), .. DeadlockedRound(2), .. DeadlockedRound(3)];

    private static PlayRound Threatening(Spec spec, params Move[] answers) =>
        spec.Exactly([
            new Move.Offer("dow", "anthropic", AllLawful), new Move.Threaten("dow", "anthropic"),
            new Move.Offer("anthropic", "anthropic", Banned), .. answers,
        ]);

    [Fact]
    public void A_threat_waits_for_the_vendors_answer_and_the_round_cannot_be_decided_without_it()
    {
        var spec = Spec.Given(Deadlocked(OneRefuser()));

        var question = Decider.NextQuestion(spec.State, Threatening(spec));

        var asked = Assert.IsType<Question.ThreatAnswer>(question);
        Assert.Equal(("anthropic", 6), (asked.Party, asked.Threat.DeadlineRound));
        var refusal = Assert.Throws<InvalidMoveException>(() => spec.When(Threatening(spec)));
        Assert.Equal("round 4: anthropic has not answered the threat", refusal.Message);
    }

    [Fact]
    public void A_vendor_that_holds_keeps_every_red_line_and_the_threat_stands()
    {
        var spec = Spec.Given(Deadlocked(OneRefuser(firm: false)));

        var events = spec.When(Threatening(spec, new Move.AnswerThreat("anthropic", ThreatResponse.Hold, [])));

        Assert.Contains(events, e => e is DesignationThreatened { Vendor: "anthropic", DeadlineRound: 6 });
        Assert.DoesNotContain(events, e => e is RedLinesDropped or WalkedAway);
        Assert.Empty(events.Aggregate(spec.State, Evolution.Evolve).Negotiation("anthropic").DroppedRedLines);
    }

    [Fact]
    public void A_vendor_that_concedes_drops_the_lines_it_names_and_then_offers_inside_the_agencys()
    {
        var spec = Spec.Given(Deadlocked(OneRefuser(firm: false)));

        var events = spec.When(Threatening(spec, new Move.AnswerThreat("anthropic", ThreatResponse.Concede, ["no-domestic-surveillance"])));

        Assert.Equal(new RedLinesDropped(4, "anthropic", ["no-domestic-surveillance"], ["all-lawful-uses", "no-surveillance-ban", "no-weapons-ban"]),
            Assert.Single(events.OfType<RedLinesDropped>()), new RecordComparer<RedLinesDropped>());
        var after = Spec.Given(Deadlocked(OneRefuser(firm: false)), events);
        var view = Decider.ViewAtStart(after.State, 5);
        // Surveillance is now open inside the agency's line; weapons keeps the line anthropic did not drop.
        Assert.Equal(["existing-law-reference", "permitted"], Rules.OpenOptions(view, "anthropic", "anthropic")[1].Select(o => Stories.Surveillance.Options[o]));
        Assert.Equal(["human-in-the-loop-required"], Rules.OpenOptions(view, "anthropic", "anthropic")[2].Select(o => Stories.Weapons.Options[o]));
    }

    [Fact]
    public void Conceding_cannot_drop_a_firm_red_line()
    {
        var spec = Spec.Given(Deadlocked(OneRefuser(firm: true)));

        var refusal = Assert.Throws<InvalidMoveException>(() =>
            spec.When(Threatening(spec, new Move.AnswerThreat("anthropic", ThreatResponse.Concede, ["no-domestic-surveillance"]))));

        Assert.Equal("round 4: anthropic: your red line \"No domestic mass surveillance\" (no-domestic-surveillance) is firm: the scenario does not let it be dropped",
            refusal.Message);
    }

    [Fact]
    public void A_vendor_that_walks_away_ends_its_negotiation_in_the_round_it_is_threatened()
    {
        var spec = Spec.Given(Deadlocked(OneRefuser()));

        var events = spec.When(Threatening(spec, new Move.AnswerThreat("anthropic", ThreatResponse.WalkAway, [])));

        Assert.Contains(new WalkedAway(4, "anthropic", "threatened with a supply chain risk designation"), events);
        Assert.Equal(OutcomeResult.WalkedAway, Assert.Single(Assert.IsType<RunConcluded>(events[^1]).Outcomes).Result);
    }

    [Fact]
    public void An_answer_to_a_threat_that_was_not_made_is_refused()
    {
        var spec = Spec.Given(Deadlocked(OneRefuser()));
        var play = spec.Exactly(
            new Move.Offer("dow", "anthropic", AllLawful),
            new Move.Offer("anthropic", "anthropic", Banned),
            new Move.AnswerThreat("anthropic", ThreatResponse.Hold, []));

        Assert.Equal("round 4: anthropic answered a threat that was not made", Assert.Throws<InvalidMoveException>(() => spec.When(play)).Message);
    }

    [Theory]
    [InlineData(DesignationResponse.Litigate, typeof(LitigationFiled))]
    [InlineData(DesignationResponse.Exit, typeof(VendorExited))]
    [InlineData(DesignationResponse.Accept, null)]
    public void A_designated_vendor_chooses_to_litigate_accept_or_exit(DesignationResponse answer, Type? consequence)
    {
        var threatened = Spec.Given(Deadlocked(OneRefuser()));
        var history = threatened.When(Threatening(threatened, new Move.AnswerThreat("anthropic", ThreatResponse.Hold, []))).ToList();
        foreach (var r in new[] { 5, 6 }) history.AddRange(DeadlockedRound(r));
        var spec = Spec.Given(Deadlocked(OneRefuser()), history);

        var events = spec.When(spec.Exactly(
            new Move.Pass("dow", "anthropic"), new Move.Designate("dow", "anthropic"),
            new Move.Pass("anthropic", "anthropic"), new Move.AnswerDesignation("anthropic", answer)));

        Assert.Contains(new Designated(7, "anthropic"), events);
        var after = events.SkipWhile(e => e is not Designated).Skip(1).Where(e => e is LitigationFiled or VendorExited).ToList();
        Assert.Equal(consequence is null ? [] : [consequence], after.Select(e => e.GetType()));
    }

    [Fact]
    public void A_party_may_drop_a_red_line_that_is_not_firm_and_offer_across_it_in_the_same_round()
    {
        var spec = Spec.Given(Opened(OneRefuser(firm: false)));

        var events = spec.When(spec.Exactly(
            new Move.Offer("dow", "anthropic", AllLawful),
            new Move.DropRedLine("anthropic", "anthropic", "no-domestic-surveillance"),
            new Move.Offer("anthropic", "anthropic", Compromise.With("autonomous_weapons", "human-in-the-loop-required"))));

        Assert.Equal(new RedLineDropped(1, "anthropic", "anthropic", "no-domestic-surveillance"), events[1]);
        Assert.Contains(events, e => e is OfferMade { From: "anthropic" } o && o.Terms["domestic_surveillance"] == "existing-law-reference");
    }

    [Fact]
    public void The_agency_may_drop_its_own_red_line_in_one_negotiation_and_sign_across_it_there()
    {
        var scenario = OneRefuser(agencyFirm: false);
        var spec = Spec.Given(Opened(scenario with { Agency = scenario.Agency with { Reservation = 0.3 } }), DeadlockedRound(1));

        var events = spec.When(spec.Exactly(
            new Move.DropRedLine("dow", "anthropic", "no-surveillance-ban"),
            new Move.DropRedLine("dow", "anthropic", "no-weapons-ban"),
            new Move.Accept("dow", "anthropic"),
            new Move.Offer("anthropic", "anthropic", Banned)));

        Assert.Contains(events, e => e is AgreementSigned { Vendor: "anthropic", AcceptedBy: "dow" } a && a.Terms["domestic_surveillance"] == "contractual-ban");
    }

    [Fact]
    public void A_firm_red_line_cannot_be_dropped_and_the_refusal_names_it()
    {
        var spec = Spec.Given(Opened(OneRefuser(firm: true)));
        var view = Decider.ViewAtStart(spec.State, 1);

        var verdict = MoveCheck.Check(view, new Move.DropRedLine("anthropic", "anthropic", "no-autonomous-weapons"));

        Assert.Equal("your red line \"No fully autonomous weapons\" (no-autonomous-weapons) is firm: the scenario does not let it be dropped", verdict.Reason);
        Assert.Throws<InvalidMoveException>(() => spec.When(spec.Round(new Move.DropRedLine("anthropic", "anthropic", "no-autonomous-weapons"))));
    }

    [Fact]
    public void A_public_statement_in_a_persons_own_words_is_recorded_as_unprompted_and_needs_words()
    {
        var spec = Spec.Given(Opened(OneRefuser()));

        var events = spec.When(spec.Round(new Move.Speak("anthropic", "  We will not sign this.  ")));

        Assert.Equal(new StatementMade(1, "anthropic", StatementTrigger.Unprompted, "We will not sign this."), events[1]);
        Assert.Throws<InvalidMoveException>(() => spec.When(spec.Round(new Move.Speak("anthropic", " "))));
    }

    [Fact]
    public void The_agency_refuses_any_offer_worth_less_to_it_than_the_same_terms_it_extended_to_all()
    {
        // An agency with no red lines and a low reservation, so that only the floor can refuse the offer.
        var story = Stories.WholeStory() with { Events = [] };
        story = story with { Agency = story.Agency with { RedLines = [], Reservation = 0.3 } };
        var worse = Compromise.With("usage_scope", "enumerated-uses");
        var spec = Spec.Given(
            [new NegotiationOpened(story, 7), new RoundStarted(1)],
            [new OfferMade(1, "xai", "xai", worse, new Dictionary<string, double>(), [])],
            [new SameTermsExtended(1, "openai", ["anthropic", "xai"], Compromise)]);
        var view = Decider.ViewAtStart(spec.State, 2);
        Assert.True(view.Model("dow").Utility(worse) >= view.Reservation("dow"), "the offer clears the reservation: only the floor refuses it");

        var verdict = MoveCheck.Check(view, new Move.Accept("dow", "xai"));

        Assert.StartsWith("it is worth 0.48 to the agency, less than the same terms it offered every vendor (0.88)", verdict.Reason);
        Assert.IsNotType<Move.Accept>(Policy.Bargain(view, "dow", "xai"));
        Assert.Throws<InvalidMoveException>(() => spec.When(spec.Round(new Move.Accept("dow", "xai"))));
    }

    [Fact]
    public void A_fork_is_decided_by_the_core_and_refused_once_the_run_has_concluded_or_when_it_would_end_before_it_starts()
    {
        var scenario = OneRefuser();
        var shared = Spec.Given(Opened(scenario), DeadlockedRound(1)).State;

        var forked = Decider.Decide(shared, new ForkRun("parent", 1, scenario with { Seed = 9 }, ["seed=9"]));

        Assert.Equal(new RunForked(1, "parent", 1, scenario with { Seed = 9 }, ["seed=9"]), (RunForked)Assert.Single(forked), new RecordComparer<RunForked>());
        Assert.Throws<InvalidMoveException>(() => Decider.Decide(shared, new ForkRun("parent", 1, scenario with { Rounds = 1 }, ["rounds=1"])));
        var concluded = Evolution.Fold(Simulation.Run(scenario, 7));
        Assert.Throws<InvalidMoveException>(() => Decider.Decide(concluded, new ForkRun("parent", concluded.Round, scenario, [])));
    }

    private sealed record Alien(int Round) : RunEvent(Round);

    [Fact]
    public void Folding_an_event_the_engine_does_not_know_is_an_error_not_a_silent_no_op()
    {
        var state = Evolution.Fold(Opened(OneRefuser()));

        var error = Assert.Throws<UnhandledEventException>(() => Evolution.Evolve(state, new Alien(1)));
        Assert.Contains("Alien", error.Message);
    }
}

internal static class TermsExtensions
{
    public static Dictionary<string, string> With(this IReadOnlyDictionary<string, string> terms, string term, string option) =>
        new(terms) { [term] = option };
}

/// <summary>Compares records by their JSON, so lists inside them compare by content.</summary>
internal sealed class RecordComparer<T> : IEqualityComparer<T> where T : RunEvent
{
    public bool Equals(T? x, T? y) => x is not null && y is not null && EventJson.Serialize(x) == EventJson.Serialize(y);

    public int GetHashCode(T obj) => EventJson.Serialize(obj).GetHashCode(StringComparison.Ordinal);
}
