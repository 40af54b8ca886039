using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Core.Seats;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>
/// What a seat is shown, item by item (the leak properties of <see cref="SeatViewTests"/> say what it is not shown):
/// the question it answers, the public items, the moves open to it, its brief and its negotiations. Written after a
/// mutation run found most of the seat view's content unchecked by the core's tests (docs/mutation-testing.md).
/// </summary>
public class SeatViewContentTests
{
    private static (IReadOnlyList<RunEvent> Events, RunState State) Until<T>(Scenario scenario, int seed, Func<T, bool>? which = null) where T : RunEvent
    {
        var events = Simulation.Run(scenario, seed);
        var at = events.ToList().FindIndex(e => e is T t && (which?.Invoke(t) ?? true));
        Assert.True(at >= 0, $"no {typeof(T).Name} in the run");
        var prefix = events.Take(at + 1).ToList();
        return (prefix, Evolution.Fold(prefix));
    }

    [Fact]
    public void A_threatened_vendor_is_asked_about_the_threat_with_each_answer_worth_and_the_lines_it_may_drop()
    {
        var (_, state) = Until<DesignationThreatened>(Stories.BreakEven(0.5), 1);
        var threat = state.Negotiation("anthropic").Threat!;

        var question = SeatViews.QuestionFor(new Question.ThreatAnswer("anthropic", state, threat));

        Assert.Equal("threat", question.Kind);
        Assert.Equal(new SeatThreat(threat.Round, threat.DeadlineRound, threat.RedLines), question.Threat);
        var estimates = BestResponse.ToThreat(state, "anthropic");
        Assert.Equal(estimates.Select(e => (e.Choice.Replace('-', '_'), (double?)Math.Round(e.Value, 6))), question.Choices.Select(c => (c.Answer, c.Value)));
        Assert.Contains("walk_away", question.Choices.Select(c => c.Answer));
        Assert.StartsWith("By your numbers", question.Text);
        Assert.Equal(["enumerated-only"], question.Droppable.Select(l => l.Id));
    }

    [Fact]
    public void A_designated_vendor_is_asked_about_the_designation_and_may_drop_nothing()
    {
        var (_, state) = Until<Designated>(Stories.BreakEven(0.5), 1);

        var question = SeatViews.QuestionFor(new Question.DesignationAnswer("anthropic", state));

        Assert.Equal("designation", question.Kind);
        Assert.Null(question.Threat);
        Assert.Equal(["litigate", "accept", "exit"], question.Choices.Select(c => c.Answer).OrderBy(a => a == "litigate" ? 0 : a == "accept" ? 1 : 2));
        Assert.All(question.Choices, c => Assert.NotNull(c.Value));
        Assert.Empty(question.Droppable);
    }

    [Fact]
    public void A_vendor_whose_file_values_no_ending_is_asked_without_numbers()
    {
        var (_, state) = Until<DesignationThreatened>(Stories.WholeStory(), 7, t => t.Vendor == "anthropic");

        var question = SeatViews.QuestionFor(new Question.ThreatAnswer("anthropic", state, state.Negotiation("anthropic").Threat!));

        Assert.All(question.Choices, c => Assert.Null(c.Value));
        Assert.Null(question.Text);
    }

    [Fact]
    public void Every_public_event_is_shown_as_its_kind_with_its_words()
    {
        string[] lines = ["no-domestic-surveillance"];
        var expected = new (RunEvent Event, string Kind, string? Text)[]
        {
            (new NewsReported(2, "An inquiry opens"), "news", "An inquiry opens"),
            (new OptionLocked(2, "anthropic", "deployment", "cloud-only", null), "locked", "deployment=cloud-only is locked for you"),
            (new OptionLocked(2, "anthropic", "deployment", "cloud-only", "A court closes the cloud"), "locked", "A court closes the cloud"),
            (new OptionUnlocked(2, "anthropic", "deployment", "cloud-only", null), "unlocked", "deployment=cloud-only is open to you again"),
            (new PartyNumberSet(2, "anthropic", "reservation", 0.4, null), "set", "your reservation is now 0.4"),
            (new PartyNumberSet(2, "anthropic", "reservation", 0.4, "A budget cut"), "set", "A budget cut"),
            (new StatementMade(2, "openai", StatementTrigger.Unprompted, "We sign."), "statement", "We sign."),
            (new DesignationThreatened(4, "anthropic", 6, lines), "threatened", "unless its offers respect no-domestic-surveillance by round 6"),
            (new Designated(6, "anthropic"), "designated", null),
            (new WalkedAway(5, "anthropic", "nothing signable"), "walked_away", "nothing signable"),
            (new VendorExited(6, "anthropic"), "exited", null),
            (new LitigationFiled(6, "anthropic", 8), "litigation_filed", "ruling due in round 8"),
            (new CourtRuled(8, "anthropic", true, 0.1), "court_ruled", "injunction granted"),
            (new CourtRuled(8, "anthropic", false, 0.9), "court_ruled", "injunction denied"),
            (new SameTermsRequested(3, "openai"), "same_terms_requested", null),
            (new DeadlinePassed(10, ["anthropic", "xai"]), "deadline", "anthropic, xai"),
            (new DesignationLifted(8, "anthropic", 11), "designation_lifted", "its negotiation reopens until round 11"),
        };
        foreach (var (e, kind, text) in expected)
        {
            var item = SeatViews.PublicItemOf(e, "anthropic");
            Assert.True(item is not null, $"{e.GetType().Name} is not shown");
            Assert.Equal((e.Round, kind, text), (item.Round, item.Kind, item.Text));
        }
        // News that concerns another party is its text only, as news.
        Assert.Equal(("news", "A court closes the cloud"), SeatViews.PublicItemOf(new OptionLocked(2, "openai", "deployment", "cloud-only", "A court closes the cloud"), "anthropic") is { } other ? (other.Kind, other.Text) : default);
        Assert.Equal("openai", SeatViews.PublicItemOf(new SameTermsExtended(4, "openai", ["xai"], new Dictionary<string, string>()), "xai")!.Vendor);
        Assert.Null(SeatViews.PublicItemOf(new OfferMade(2, "anthropic", "dow", new Dictionary<string, string>(), new Dictionary<string, double>(), []), "anthropic"));
    }

    [Fact]
    public void The_agency_may_threaten_designate_offer_accept_pass_drop_and_speak_and_a_vendor_neither_threatens_nor_designates()
    {
        var events = Simulation.Run(Stories.WholeStory(), 7).Take(1).ToList();
        var state = Decider.ViewAtStart(Evolution.Fold(events), 1);

        var agency = SeatViews.Of(events, state, "dow").Allowed;
        var vendor = SeatViews.Of(events, state, "anthropic").Allowed;

        foreach (var v in new[] { "anthropic", "openai", "xai" })
        {
            Assert.Equal(["offer", "accept", "pass", "threaten", "designate", "drop_red_line", "drop_red_line", "drop_red_line"],
                agency.Where(m => m.Vendor == v).Select(m => m.Kind));
            Assert.True(agency.Single(m => m.Vendor == v && m.Kind == "offer").Allowed);
            Assert.True(agency.Single(m => m.Vendor == v && m.Kind == "pass").Allowed);
        }
        Assert.Equal(["offer", "accept", "pass", "drop_red_line", "drop_red_line"], vendor.Where(m => m.Vendor == "anthropic").Select(m => m.Kind));
        Assert.Equal(["no-domestic-surveillance", "no-autonomous-weapons"], vendor.Where(m => m.Kind == "drop_red_line").Select(m => m.RedLine));
        Assert.Equal("statement", agency[^1].Kind);
        Assert.Equal("statement", vendor[^1].Kind);
        Assert.DoesNotContain(vendor, m => m.Kind == "ask_same_terms");
    }

    [Fact]
    public void A_vendor_a_person_plays_is_offered_the_same_terms_request_and_its_script_while_it_has_moves_to_make()
    {
        var opened = Decider.Decide(RunState.Empty, new OpenRun(Stories.WholeStory(), 7, ["openai", "anthropic"]));
        var start = Decider.ViewAtStart(Evolution.Fold(opened), 1);
        var events = opened.Concat(Simulation.Continue(Evolution.Fold(opened))).ToList();
        var threatened = events.FindIndex(e => e is DesignationThreatened { Vendor: "anthropic" });
        var atThreat = events.Take(threatened + 1).ToList();

        Assert.Single(SeatViews.Of(opened, start, "openai").Allowed, m => m.Kind == "ask_same_terms" && m.Vendor == "openai");
        Assert.DoesNotContain(SeatViews.Of(opened, start, "xai").Allowed, m => m.Kind == "ask_same_terms");
        Assert.Contains(SeatViews.Of(atThreat, Evolution.Fold(atThreat), "anthropic").Scripted, s => s.On == "threatened");
        // Once the run is over nothing is offered, though the person never said it.
        Assert.Empty(SeatViews.Of(events, Evolution.Fold(events), "anthropic").Scripted);
    }

    [Fact]
    public void A_concluded_run_offers_no_moves_and_no_script_and_each_negotiation_names_the_other_side()
    {
        var events = Simulation.Run(Stories.WholeStory(), 7);
        var state = Evolution.Fold(events);

        var agency = SeatViews.Of(events, state, "dow");
        var vendor = SeatViews.Of(events, state, "anthropic");

        Assert.Empty(agency.Allowed);
        Assert.Empty(vendor.Scripted);
        Assert.True(agency.Brief.IsAgency);
        Assert.False(vendor.Brief.IsAgency);
        Assert.Equal(["anthropic", "openai", "xai"], agency.Negotiations.Select(n => n.With));
        Assert.Equal(["dow"], vendor.Negotiations.Select(n => n.With));
        foreach (var n in agency.Negotiations)
            Assert.Equal(events.OfType<OfferRejected>().Where(r => r.Vendor == n.Vendor).Select(r => r.Round), n.Rejections.Select(r => r.Round));
        Assert.Throws<ArgumentException>(() => SeatViews.Of(events, state, "nobody"));
    }
}
