using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Core.Seats;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>
/// The decider's refusals of commands that cannot be played, and the words of the rules' refusals, whole. A refusal's
/// words are what a person reads on the seat page, what the console player prints and what `replay` and `verify`
/// report against a damaged file: who refused, in which round, and why. Written after the fourth mutation run
/// (docs/mutation-testing.md) found these unreached by the core's tests or checked only in part.
/// </summary>
public class RefusalWordsTests
{
    private static readonly Scenario Story = Stories.WholeStory();

    private static Spec Opened(params string[] humans) =>
        Spec.Given(Decider.Decide(RunState.Empty, new OpenRun(Story, 7, humans.Length == 0 ? null : humans)));

    private static Spec Concluded()
    {
        var spec = Spec.Given(Decider.Decide(RunState.Empty, new OpenRun(Stories.WholeStory(rounds: 3), 7)));
        while (!spec.State.Concluded) spec = Spec.Given(spec.Events, spec.When(spec.Round()));
        return spec;
    }

    private static string Refusal(Spec spec, RunCommand command) => Refusal(spec, () => command);

    // The policy's moves are completed by asking the decider for the round's questions, which refuses as well.
    private static string Refusal(Spec spec, Func<RunCommand> command) =>
        Assert.Throws<InvalidMoveException>(() => spec.When(command())).Message;

    private static IReadOnlyDictionary<string, string> Terms(string usage, string surveillance, string weapons) =>
        new Dictionary<string, string> { [Stories.UsageScope.Id] = usage, [Stories.Surveillance.Id] = surveillance, [Stories.Weapons.Id] = weapons };

    private static readonly IReadOnlyDictionary<string, string> Middle = Terms("all-lawful-uses", "existing-law-reference", "mutually-agreed-safety-mechanisms");

    [Fact]
    public void A_run_is_opened_once_and_only_with_parties_of_its_scenario()
    {
        Assert.Equal("the run is already open", Refusal(Opened(), new OpenRun(Story, 7)));
        Assert.Equal("no party `ghost` to play", Refusal(Spec.Given(), new OpenRun(Story, 7, ["openai", "ghost"])));
    }

    [Fact]
    public void A_round_is_played_only_in_an_open_run_and_right_after_the_last()
    {
        var round = new PlayRound(1, []);
        Assert.Equal("the run is not open", Refusal(Spec.Given(), round));
        Assert.Equal("the run is not open", Assert.Throws<InvalidMoveException>(() => Decider.Attempt(RunState.Empty, round)).Message);
        Assert.Equal("round 3 cannot follow round 0", Refusal(Opened(), new PlayRound(3, [])));
        Assert.Equal("round 1 cannot follow round 1", Refusal(Opened().PlayedTo(1), new PlayRound(1, [])));
        var concluded = Concluded();
        Assert.Equal("the run has concluded", Refusal(concluded, new PlayRound(concluded.State.Round + 1, [])));
    }

    [Fact]
    public void An_announcement_needs_a_run_that_is_open_and_not_concluded()
    {
        var news = new AnnounceWorld(new WorldEvent(0, "An inquiry opens", null, null, null));

        Assert.Equal("the run is not open", Refusal(Spec.Given(), news));
        Assert.Equal("the run has concluded", Refusal(Concluded(), news));
        Assert.Equal("announcement: a world event does one thing: unlock or lock, not both", Refusal(Opened(), new AnnounceWorld(new WorldEvent(0, null,
            new OptionChange("openai", Stories.Surveillance.Id, "permitted"), new OptionChange("openai", Stories.Surveillance.Id, "permitted"), null))));
    }

    [Fact]
    public void A_refused_fork_says_at_which_round_and_why()
    {
        var spec = Opened().PlayedTo(2);

        Assert.Equal("fork at round 2: the fork goes on after round 2, so `rounds` must be more than 2, not 2",
            Refusal(spec, new ForkRun("parent", 2, Story with { Rounds = 2 }, ["rounds"])));
        Assert.Equal("fork at round 1: there is no run to fork", Refusal(Spec.Given(), new ForkRun("parent", 1, Story, [])));
        Assert.Equal("fork at round 3: the run concluded by round 3; fork before its last round",
            Refusal(Concluded(), new ForkRun("parent", 3, Story, [])));
    }

    [Fact]
    public void A_fork_keeps_the_parties_the_terms_and_each_terms_options()
    {
        var reordered = Story with { Terms = [Stories.UsageScope, Stories.Surveillance, Stories.Weapons with { Options = ["unrestricted", "mutually-agreed-safety-mechanisms", "human-in-the-loop-required"] }] };
        var renamed = Story with { Terms = [Stories.UsageScope with { Id = "scope" }, Stories.Surveillance, Stories.Weapons] };

        Assert.True(Rules.KeepsShape(Story, Story with { Rounds = 20, Seed = 9 }).Allowed);
        Assert.Equal("a fork keeps the terms and options of its run", Rules.KeepsShape(Story, reordered).Reason);
        Assert.Equal("a fork keeps the terms and options of its run", Rules.KeepsShape(Story, renamed).Reason);
        Assert.Equal("a fork keeps the parties of its run", Rules.KeepsShape(Story, Story with { Vendors = Story.Vendors.Take(2).ToList() }).Reason);
    }

    [Fact]
    public void A_refused_move_names_its_round_and_its_party()
    {
        var spec = Opened().PlayedTo(1);

        Assert.Equal("round 2: openai: 4 statements in one round; at most 3", Refusal(spec, () => spec.Round(
            new Move.Speak("openai", "one"), new Move.Speak("openai", "two"), new Move.Speak("openai", "three"), new Move.Speak("openai", "four"))));
        Assert.Equal("round 2: xai: a statement needs some words", Refusal(spec, () => spec.Round(new Move.Speak("xai", " "))));
        Assert.Equal("round 2: openai: you have no red line `ghost`", Refusal(spec, () => spec.Round(new Move.DropRedLine("openai", "openai", "ghost"))));
        Assert.Equal("round 2: anthropic: there is no term `price`",
            Refusal(spec, () => spec.Round(new Move.Offer("anthropic", "anthropic", new Dictionary<string, string>(Middle) { ["price"] = "low" }))));
        Assert.Equal("round 2: dow: usage_scope needs one of: enumerated-uses, all-lawful-uses",
            Refusal(spec, () => spec.Round(new Move.Offer("dow", "openai", Terms("some-uses", "permitted", "unrestricted")))));
    }

    [Fact]
    public void A_move_in_a_negotiation_that_is_over_is_refused_by_its_name()
    {
        var spec = Opened();
        while (spec.State.Negotiation("openai").IsOpen) spec = Spec.Given(spec.Events, spec.When(spec.Round()));
        Assert.False(spec.State.Concluded);

        Assert.Equal($"round {spec.State.Round + 1}: dow: the negotiation with openai is over", Refusal(spec, () => spec.Round(new Move.Pass("dow", "openai"))));
        // An answer is not a move in the negotiation: a stray one is refused as an answer nobody asked for.
        Assert.Equal($"round {spec.State.Round + 1}: openai answered a designation that was not made",
            Refusal(spec, () => spec.Round(new Move.AnswerDesignation("openai", DesignationResponse.Litigate))));
    }

    [Fact]
    public void An_answer_to_a_threat_nobody_made_is_refused_as_such()
    {
        var spec = Opened().PlayedTo(1);

        Assert.Equal("round 2: openai answered a threat that was not made",
            Refusal(spec, () => spec.Round(new Move.AnswerThreat("openai", ThreatResponse.Hold, []))));
    }

    [Fact]
    public void A_round_that_designates_waits_for_the_designated_vendor_s_answer()
    {
        var spec = Opened();
        while (true)
        {
            var view = Decider.ViewAtStart(spec.State, spec.State.Round + 1);
            var moves = spec.State.Scenario.Parties.SelectMany(p => Policy.MovesOf(view, p.Id)).ToList();
            if (moves.OfType<Move.Designate>().Any())
            {
                var round = new PlayRound(spec.State.Round + 1, moves);
                Assert.Equal($"round {round.Round}: anthropic has not answered the designation", Refusal(spec, round));
                var question = Assert.IsType<Question.DesignationAnswer>(Decider.NextQuestion(spec.State, round));
                Assert.Equal("anthropic", question.Party);
                return;
            }
            Assert.False(spec.State.Concluded, "the agency never designated");
            spec = Spec.Given(spec.Events, spec.When(spec.Round()));
        }
    }

    [Fact]
    public void Only_a_person_s_vendor_is_offered_the_script_and_the_first_event_says_so()
    {
        var played = Assert.IsType<NegotiationOpened>(Decider.Decide(RunState.Empty, new OpenRun(Story, 7, ["openai"]))[0]);
        var declined = Assert.IsType<NegotiationOpened>(Decider.Decide(RunState.Empty, new OpenRun(Story, 7, ["openai"]) { ScriptOffered = false })[0]);
        var nobody = Assert.IsType<NegotiationOpened>(Decider.Decide(RunState.Empty, new OpenRun(Story, 7) { ScriptOffered = true })[0]);

        Assert.True(played.ScriptOffered);
        Assert.Null(declined.ScriptOffered);
        Assert.Null(nobody.ScriptOffered);
    }

    [Fact]
    public void An_offer_names_the_vendor_and_the_term_it_gets_wrong()
    {
        var state = Opened().PlayedTo(1).State;

        Assert.Equal("there is no vendor `ghost`", Rules.MayOffer(state, "dow", "ghost", Middle).Reason);
        Assert.Equal("there is no term `price`", Rules.MayOffer(state, "dow", "openai", new Dictionary<string, string>(Middle) { ["price"] = "low" }).Reason);
        Assert.Equal("autonomous_weapons needs one of: human-in-the-loop-required, mutually-agreed-safety-mechanisms, unrestricted",
            Rules.MayOffer(state, "dow", "openai", Terms("all-lawful-uses", "permitted", "never")).Reason);
        Assert.Equal("domestic_surveillance needs one of: contractual-ban, existing-law-reference, permitted",
            Rules.MayOffer(state, "dow", "openai", new Dictionary<string, string> { [Stories.UsageScope.Id] = "all-lawful-uses", [Stories.Weapons.Id] = "unrestricted" }).Reason);
    }

    [Fact]
    public void A_signature_refused_says_whose_reservation_or_red_line_or_lock_it_meets()
    {
        var state = Opened().PlayedTo(1).State;

        // The agency values the middle terms at 0.4 x 1 + 0.3 x 0.8 + 0.3 x 0.8 = 0.88; openai at 0.2 x 0.6 + 0.4 x 0.6 + 0.4 x 0.6 = 0.60.
        var demanding = Spec.Given([new NegotiationOpened(Story with { Agency = Story.Agency with { Reservation = 0.95 } }, 7)]).PlayedTo(1).State;
        Assert.Equal("it is worth 0.88 to the agency, below the reservation of 0.95", Rules.MaySign(demanding, "dow", "openai", Middle).Reason);
        Assert.True(Rules.MaySign(state, "openai", "openai", Middle).Allowed);
        var pickyOpenAi = Spec.Given([new NegotiationOpened(Story with { Vendors = [Story.Vendors[0], Story.Vendors[1] with { Reservation = 0.7 }, Story.Vendors[2]] }, 7)]).PlayedTo(1).State;
        Assert.Equal("it is worth 0.60 to openai, below the reservation of 0.70", Rules.MaySign(pickyOpenAi, "openai", "openai", Middle).Reason);
        Assert.Equal("it crosses the agency's red line \"The military decides lawful use\" (all-lawful-uses)",
            Rules.MaySign(state, "dow", "openai", Terms("enumerated-uses", "permitted", "unrestricted")).Reason);
        Assert.Equal("it crosses openai's red line \"No domestic mass surveillance\" (no-domestic-surveillance)",
            Rules.MaySign(state, "openai", "openai", Terms("all-lawful-uses", "permitted", "human-in-the-loop-required")).Reason);

        var locked = Spec.Given([new NegotiationOpened(Story with
        {
            Events = [new WorldEvent(1, null, null, new OptionChange("dow", Stories.Weapons.Id, "mutually-agreed-safety-mechanisms"), null)],
        }, 7)]).PlayedTo(1).State;
        Assert.Equal("autonomous_weapons=mutually-agreed-safety-mechanisms is locked for dow", Rules.MaySign(locked, "openai", "openai", Middle).Reason);
        var lockedForOpenAi = Spec.Given([new NegotiationOpened(Story with
        {
            Events = [new WorldEvent(1, null, null, new OptionChange("openai", Stories.Weapons.Id, "mutually-agreed-safety-mechanisms"), null)],
        }, 7)]).PlayedTo(1).State;
        Assert.Equal("autonomous_weapons=mutually-agreed-safety-mechanisms is locked for openai", Rules.MaySign(lockedForOpenAi, "dow", "openai", Middle).Reason);
    }

    [Fact]
    public void Terms_worth_exactly_the_reservation_may_be_signed_by_the_model_asked()
    {
        var state = Opened().PlayedTo(1).State;
        var worth = state.Model("dow").Utility(Middle);
        var atReservation = Spec.Given([new NegotiationOpened(Story with { Agency = Story.Agency with { Reservation = worth } }, 7)]).PlayedTo(1).State;

        Assert.True(Rules.MaySign(atReservation, "dow", "openai", Middle).Allowed);
        // The model a party decides by (its belief, when it is uncertain of its own numbers) is the one the rule asks.
        // A model that values the middle terms at 1 (every option of them at its best): the rule signs by it, not by the
        // party's own numbers, which value them at 0.88, below a reservation of 0.99.
        var fond = Story.Agency with
        {
            Preferences = Story.Terms.ToDictionary(t => t.Id, t => new Preference(1, t.Options.ToDictionary(o => o, o => o == Middle[t.Id] ? 1.0 : 0.0))),
        };
        var believed = Spec.Given([new NegotiationOpened(Story with { Agency = fond }, 7)]).State.Model("dow");
        var strict = Spec.Given([new NegotiationOpened(Story with { Agency = Story.Agency with { Reservation = 0.99 } }, 7)]).PlayedTo(1).State;
        Assert.True(Rules.MaySign(strict, "dow", "openai", Middle, believed).Allowed);
        Assert.Equal("it is worth 0.88 to the agency, below the reservation of 0.99", Rules.MaySign(strict, "dow", "openai", Middle).Reason);
    }

    [Fact]
    public void Acceptances_threats_designations_and_requests_are_refused_in_their_own_words()
    {
        var opened = Opened("anthropic").State;
        Assert.Equal("there is no offer to accept", Rules.MayAccept(opened, "dow", "openai").Reason);
        Assert.Equal("only the agency can designate a vendor", Rules.MayDesignate(opened, "openai", "openai").Reason);
        var noThreats = Spec.Given([new NegotiationOpened(Story with { Agency = Stories.Agency(threatens: false) }, 7)]).State;
        Assert.Equal("the scenario gives the agency no threat tactic", Rules.MayThreaten(noThreats, "dow", "anthropic").Reason);
        Assert.Equal("no offer, acceptance or pass in the negotiation with xai", Rules.MayMakeBargainingMoves(0, "xai").Reason);
        Assert.Equal("one offer, acceptance or pass per negotiation: 2 in the negotiation with xai", Rules.MayMakeBargainingMoves(2, "xai").Reason);

        var afterOne = Opened("anthropic").PlayedTo(1);
        var vendorOffer = afterOne.State.Negotiation("anthropic").VendorOffer!;
        var other = Terms("all-lawful-uses", "permitted", "unrestricted");
        Assert.NotEqual(vendorOffer, other);
        Assert.Equal("the offer on the table is no longer the one you accepted: it is now "
                     + string.Join(", ", Story.Terms.Select(t => $"{t.Id}={vendorOffer[t.Id]}")),
            Rules.MayAccept(afterOne.State, "dow", "anthropic", other).Reason);
        Assert.Equal("openai's last offer crosses none of the agency's red lines",
            Rules.MayThreaten(Spec.Given(afterOne.Events, afterOne.When(afterOne.Round(new Move.Offer("openai", "openai", Middle)))).State, "dow", "openai").Reason);
    }

    [Fact]
    public void A_designation_waits_for_the_threat_s_deadline()
    {
        var spec = Opened();
        while (spec.State.Negotiation("anthropic").Threat is null) spec = Spec.Given(spec.Events, spec.When(spec.Round()));
        var threat = spec.State.Negotiation("anthropic").Threat!;

        Assert.Equal($"the threat against anthropic runs until round {threat.DeadlineRound}", Rules.MayDesignate(spec.State, "dow", "anthropic").Reason);
    }

    [Fact]
    public void A_vendor_asks_for_the_same_terms_only_while_its_negotiation_is_open()
    {
        var spec = Opened("openai");
        while (spec.State.Negotiation("openai").IsOpen) spec = Spec.Given(spec.Events, spec.When(spec.Round()));

        Assert.Equal("your negotiation is over", Rules.MayAskSameTerms(spec.State, "openai").Reason);
    }

    [Fact]
    public void A_threatened_vendor_may_drop_only_lines_it_has()
    {
        var state = Opened().PlayedTo(1).State;

        Assert.Equal("you have no red line `ghost`", Rules.MayAnswerThreat(state, "anthropic", ThreatResponse.Concede, ["ghost"]).Reason);
        Assert.Equal("only a vendor that concedes drops red lines", Rules.MayAnswerThreat(state, "anthropic", ThreatResponse.Hold, ["ghost"]).Reason);
    }

    [Fact]
    public void An_announcement_names_a_number_a_world_event_may_set()
    {
        var state = Opened().PlayedTo(1).State;

        Assert.Equal($"`field` must be {NumberFields.Expected}, not `budget`",
            Rules.MayAnnounce(state, new WorldEvent(0, null, null, null, new NumberChange("dow", "budget", 0.5))).Reason);
    }

    [Fact]
    public void A_seat_is_built_only_for_a_party_of_the_run()
    {
        var events = Opened().PlayedTo(1).Events;

        var refusal = Assert.Throws<ArgumentException>(() => SeatViews.Of(events, "ghost"));

        Assert.StartsWith("no party `ghost`", refusal.Message);
        Assert.Equal("party", refusal.ParamName);
    }

    [Fact]
    public void A_vendor_whose_negotiation_is_over_is_offered_no_script_while_the_run_goes_on()
    {
        var spec = Opened("openai");
        while (spec.State.Negotiation("openai").IsOpen) spec = Spec.Given(spec.Events, spec.When(spec.Round()));
        Assert.False(spec.State.Concluded);
        Assert.NotEmpty(ScriptedStatements.Offered(spec.Events, spec.State, "openai"));

        Assert.Empty(SeatViews.Of(spec.Events, "openai").Scripted);
    }

    [Fact]
    public void A_threatened_vendor_valuing_by_best_response_alone_is_shown_the_numbers_and_what_it_would_do_if_designated()
    {
        var plain = Stories.BreakEven(0.5);
        var scenario = plain with { Vendors = [plain.Vendors[0] with { Outcomes = null }] };
        var events = Simulation.Run(scenario, 1);
        var at = events.ToList().FindIndex(e => e is DesignationThreatened);
        var state = Evolution.Fold(events.Take(at + 1).ToList());

        var question = SeatViews.QuestionFor(new Question.ThreatAnswer("anthropic", state, state.Negotiation("anthropic").Threat!));

        Assert.All(question.Choices, c => Assert.NotNull(c.Value));
        Assert.Contains("holding (then suing if designated)", question.Text);
    }

    [Fact]
    public void A_threat_and_the_same_terms_are_shown_with_every_line_and_term()
    {
        var items = SeatViews.Of([
            new NegotiationOpened(Story, 7),
            new RoundStarted(1),
            new DesignationThreatened(1, "anthropic", 3, ["no-surveillance-ban", "no-weapons-ban"]),
            new SameTermsExtended(1, "openai", ["anthropic", "xai"], Middle),
        ], "xai").Public;

        Assert.Equal("unless its offers respect no-surveillance-ban, no-weapons-ban by round 3", items.Single(i => i.Kind == "threatened").Text);
        var extended = items.Single(i => i.Kind == "same_terms_extended");
        Assert.Equal("openai", extended.Vendor);
        Assert.Equal(Middle, extended.Terms);
    }

    [Fact]
    public void A_seat_with_every_option_of_a_term_closed_is_told_which_term()
    {
        var scenario = Story with
        {
            Events = Stories.Weapons.Options.Select(o => new WorldEvent(1, null, null, new OptionChange("xai", Stories.Weapons.Id, o), null))
                .Concat(Stories.UsageScope.Options.Select(o => new WorldEvent(1, null, null, new OptionChange("xai", Stories.UsageScope.Id, o), null))).ToList(),
        };
        var events = Spec.Given([new NegotiationOpened(scenario, 7)]).PlayedTo(1).Events;

        var offer = SeatViews.Of(events, "xai").Allowed.Single(m => m.Kind == "offer");

        Assert.False(offer.Allowed);
        Assert.Equal("no option of usage_scope, autonomous_weapons is open to you", offer.Reason);
    }
}

/// <summary>
/// What a world event may be, in one place for a file and the instructor's desk: each problem names the field it lies
/// in (the loader reports it at that field's line), the word given and the words that would do.
/// </summary>
public class WorldEventProblemTests
{
    private static readonly Scenario Story = Stories.WholeStory();

    private static IReadOnlyList<WorldEventProblem> Problems(WorldEvent world) => Rules.WorldEventProblems(Story.Parties.ToList(), Story.Terms, world);

    [Fact]
    public void Each_problem_of_a_lock_or_unlock_names_its_field_the_word_given_and_the_words_that_would_do()
    {
        var unlock = Assert.Single(Problems(new WorldEvent(2, null, new OptionChange("opnai", Stories.Surveillance.Id, "permitted"), null, null)));
        Assert.Equal(new WorldEventProblem("unlock.party", "there is no party `opnai`", "opnai", ["dow", "anthropic", "openai", "xai"]), unlock with { Known = unlock.Known!.ToList() }, Comparer);
        var term = Assert.Single(Problems(new WorldEvent(2, null, null, new OptionChange("openai", "surveillance", "permitted"), null)));
        Assert.Equal(("lock.term", "there is no term `surveillance`", "surveillance"), (term.Field, term.Reason, term.Given));
        Assert.Equal(Story.Terms.Select(t => t.Id), term.Known!);
        var option = Assert.Single(Problems(new WorldEvent(2, null, null, new OptionChange("openai", Stories.Surveillance.Id, "allowed"), null)));
        Assert.Equal(("lock.option", "`domestic_surveillance` has no option `allowed`: contractual-ban, existing-law-reference, permitted", "allowed"),
            (option.Field, option.Reason, option.Given));
        Assert.Equal(Stories.Surveillance.Options, option.Known!);
    }

    [Fact]
    public void Each_problem_of_a_number_set_names_its_field()
    {
        var party = Assert.Single(Problems(new WorldEvent(2, null, null, null, new NumberChange("ghost", "reservation", 0.5))));
        Assert.Equal(("set.party", "there is no party `ghost`", "ghost"), (party.Field, party.Reason, party.Given));
        var field = Assert.Single(Problems(new WorldEvent(2, null, null, null, new NumberChange("dow", "budget", 0.5))));
        Assert.Equal(("set.field", "budget"), (field.Field, field.Given));
        Assert.Contains("preferences.usage_scope.weight", field.Known!);
        var value = Assert.Single(Problems(new WorldEvent(2, null, null, null, new NumberChange("dow", "strategy.exponent", 0))));
        Assert.Equal(("set.value", "`value` must be between 0.001 and 1000 for strategy.exponent, not 0"), (value.Field, value.Reason));
    }

    [Fact]
    public void An_event_that_does_two_things_or_nothing_or_says_what_a_page_cannot_show_is_refused_as_a_whole()
    {
        var change = new OptionChange("openai", Stories.Surveillance.Id, "permitted");

        Assert.Equal([("", "a world event does one thing: unlock or lock, not both")],
            Problems(new WorldEvent(2, null, change, change, null)).Select(p => (p.Field, p.Reason)));
        Assert.Equal([("", "a world event does one thing: lock or set, not both")],
            Problems(new WorldEvent(2, null, null, change, new NumberChange("dow", "reservation", 0.5))).Select(p => (p.Field, p.Reason)));
        Assert.Equal([("", "a world event needs words (`text`) or a change (`unlock`, `lock` or `set`)")],
            Problems(new WorldEvent(2, "  ", null, null, null)).Select(p => (p.Field, p.Reason)));
        Assert.Equal([("text", "a world event's text holds a NUL character (\\0), which cannot be stored")],
            Problems(new WorldEvent(2, "news\0", null, null, null)).Select(p => (p.Field, p.Reason)));
        Assert.Empty(Problems(new WorldEvent(2, "An inquiry opens", null, change, null)));
    }

    private static readonly IEqualityComparer<WorldEventProblem> Comparer = EqualityComparer<WorldEventProblem>.Create(
        (a, b) => a!.Field == b!.Field && a.Reason == b.Reason && a.Given == b.Given && (a.Known ?? []).SequenceEqual(b.Known ?? []),
        p => p.Field.GetHashCode());
}
