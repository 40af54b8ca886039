using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Core.Seats;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>
/// classroom.md 1.1: a statement or act a person could choose (a scripted statement, a request for the same terms)
/// is never made in a person's name by the scenario; the person is offered it as a choice. Whoever nobody plays
/// still says and asks what the file says, and runs opened before this still verify as they were played.
/// </summary>
public class ScriptOfferedTests
{
    /// <summary>A run played to its end: every party's moves are the policy's, plus what <paramref name="extra"/> adds.</summary>
    private static List<RunEvent> Play(Scenario scenario, IReadOnlyList<string>? humans, Func<RunState, IEnumerable<Move>>? extra = null, bool before = false)
    {
        var events = Decider.Decide(RunState.Empty, new OpenRun(scenario, 7, humans)).ToList();
        // A run opened before the script was offered: its first event has no ScriptOffered.
        if (before) events[0] = ((NegotiationOpened)events[0]) with { ScriptOffered = null };
        var state = Evolution.Fold(events);
        while (!state.Concluded)
        {
            var view = Decider.ViewAtStart(state, state.Round + 1);
            var moves = state.Scenario.Parties.SelectMany(p => Policy.MovesOf(view, p.Id)).Concat(extra?.Invoke(view) ?? []).ToList();
            var decided = Decider.Decide(state, Simulation.Answered(state, new PlayRound(state.Round + 1, moves), Policy.Answer));
            events.AddRange(decided);
            state = decided.Aggregate(state, Evolution.Evolve);
        }
        return events;
    }

    private static bool Scripted(RunEvent e, string party) => e is StatementMade s && s.Party == party && s.Trigger != StatementTrigger.Unprompted;

    [Fact]
    public void Nobody_plays_them_and_the_file_speaks_and_asks_for_them()
    {
        var events = Play(Stories.WholeStory(), humans: null);

        Assert.Contains(events, e => Scripted(e, "anthropic"));
        Assert.Contains(events, e => e is SameTermsRequested { Vendor: "openai" });
    }

    [Fact]
    public void A_person_is_never_made_to_say_or_ask_what_they_did_not_choose()
    {
        var events = Play(Stories.WholeStory(), humans: ["anthropic", "openai"]);

        Assert.True(((NegotiationOpened)events[0]).ScriptOffered);
        Assert.DoesNotContain(events, e => Scripted(e, "anthropic") || Scripted(e, "openai"));
        Assert.DoesNotContain(events, e => e is SameTermsRequested { Vendor: "openai" });
        // xAI is the policy's: it signs, as the file has it, and says nothing it was not given to say.
        Assert.Contains(events, e => e is AgreementSigned { Vendor: "xai" });
    }

    [Fact]
    public void A_persons_request_for_the_same_terms_takes_effect_when_they_sign_and_is_read_back_as_their_move()
    {
        // An agency that never threatens, and an xAI that holds out for more: it is still negotiating when OpenAI signs.
        var story = Stories.WholeStory() with
        {
            Agency = Stories.Agency(threatens: false),
            Vendors = [.. Stories.WholeStory().Vendors.Select(v => v.Id == "xai" ? v with { Reservation = 0.75 } : v)],
        };
        var events = Play(story, ["openai"], view =>
            Rules.MayAskSameTerms(view, "openai").Allowed ? [new Move.AskSameTerms("openai")] : []);

        var signed = events.OfType<AgreementSigned>().Single(a => a.Vendor == "openai");
        var asked = Assert.Single(events.OfType<SameTermsRequested>());
        Assert.Equal(("openai", signed.Round), (asked.Vendor, asked.Round));
        // The agency extends on request (the story's policy) the terms OpenAI signed, to whoever is still negotiating.
        var extended = Assert.Single(events.OfType<SameTermsExtended>());
        Assert.Equal((signed.Round, "openai", signed.Terms), (extended.Round, extended.SignedBy, extended.Terms));
        Assert.Contains("xai", extended.To);
        Assert.True(events.IndexOf(extended) > events.IndexOf(signed));

        // verify re-runs a person's play from the events: the request is read back as the move that made it.
        var replayed = RecordedReplay.Of(events);
        Assert.Equal(Invariants.Json(events), Invariants.Json(replayed));
    }

    [Fact]
    public void Asking_is_a_vendors_choice_once_and_only_a_persons()
    {
        var state = Evolution.Fold(Decider.Decide(RunState.Empty, new OpenRun(Stories.WholeStory(), 7, ["openai", "dow"])));
        var policyOnly = Evolution.Fold(Decider.Decide(RunState.Empty, new OpenRun(Stories.WholeStory(), 7, ["openai"])));

        Assert.True(Rules.MayAskSameTerms(state, "openai").Allowed);
        Assert.Equal("only a vendor asks that every vendor be offered the same terms", Rules.MayAskSameTerms(state, "dow").Reason);
        Assert.Equal("the scenario decides whether this vendor asks for the same terms", Rules.MayAskSameTerms(policyOnly, "xai").Reason);
        Assert.Equal("every vendor has already been asked to be offered the same terms",
            Rules.MayAskSameTerms(state with { SameTermsAsked = true }, "openai").Reason);
        Assert.Throws<InvalidMoveException>(() => Decider.Decide(policyOnly, new PlayRound(1,
            [.. policyOnly.Scenario.Parties.SelectMany(p => Policy.MovesOf(Decider.ViewAtStart(policyOnly, 1), p.Id)), new Move.AskSameTerms("xai")])));
    }

    [Fact]
    public void A_threatened_persons_seat_is_offered_the_files_words_until_it_says_them()
    {
        var events = Play(Stories.WholeStory(), ["anthropic"]);
        var threatened = events.OfType<DesignationThreatened>().First(t => t.Vendor == "anthropic");
        var atThreat = events.TakeWhile(e => e != threatened).Append(threatened).ToList();

        var before = SeatViews.Of(events.TakeWhile(e => e != threatened).ToList(), "anthropic");
        var after = SeatViews.Of(atThreat, "anthropic");
        var said = atThreat.Append(new StatementMade(threatened.Round + 1, "anthropic", StatementTrigger.Unprompted,
            "No amount of intimidation or punishment from the Department of War will change our position.")).ToList();

        Assert.Empty(before.Scripted);
        var offered = Assert.Single(after.Scripted);
        Assert.Equal(("threatened", "No amount of intimidation or punishment from the Department of War will change our position."), (offered.On, offered.Text));
        Assert.Empty(SeatViews.Of(said, "anthropic").Scripted);
        Assert.Empty(SeatViews.Of(atThreat, "dow").Scripted);
    }

    [Fact]
    public void A_run_opened_before_the_script_was_offered_still_has_it_made_for_its_persons()
    {
        var events = Play(Stories.WholeStory(), ["anthropic", "openai"], before: true);

        Assert.Contains(events, e => Scripted(e, "anthropic"));
        Assert.Contains(events, e => e is SameTermsRequested { Vendor: "openai" });
        Assert.Empty(SeatViews.Of(events.Take(events.Count - 1).ToList(), "anthropic").Scripted);
    }
}
