using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>A world event announced live takes effect at the start of the next round to start, as a scripted one would.</summary>
public class AnnouncementTests
{
    private static Spec AfterRoundOne() => Spec.Given([new NegotiationOpened(Stories.WholeStory() with { Events = [] }, 7)]).PlayedTo(1);

    [Fact]
    public void An_announcement_after_round_one_is_recorded_and_reported_at_the_start_of_round_three()
    {
        var spec = AfterRoundOne();

        var announced = spec.When(new AnnounceWorld(new WorldEvent(0, "Congress opens an inquiry", null, null, null)));

        Assert.Equal([EventJson.Serialize(new WorldAnnounced(1, new WorldEvent(3, "Congress opens an inquiry", null, null, null)) { BringsForward = [] })],
            announced.Select(EventJson.Serialize));
        var next = Spec.Given([.. SpecEvents(spec), .. announced]);
        Assert.DoesNotContain(next.When(next.Round()), e => e is NewsReported);
        next.PlayedTo(2);
        var third = next.When(next.Round());
        Assert.Equal(new NewsReported(3, "Congress opens an inquiry"), third.OfType<NewsReported>().Single());
        Assert.IsType<RoundStarted>(third[0]);
        Assert.Empty(third.Aggregate(next.State, Evolution.Evolve).Announced);
    }

    [Fact]
    public void A_lock_announced_live_binds_the_party_from_its_round()
    {
        var spec = AfterRoundOne();
        var lockIt = new WorldEvent(0, null, null, new OptionChange("openai", "domestic_surveillance", "existing-law-reference"), null);

        var next = Spec.Given([.. SpecEvents(spec), .. spec.When(new AnnounceWorld(lockIt))]).PlayedTo(3);

        Assert.True(next.State.IsLocked("openai", "domestic_surveillance", "existing-law-reference"));
    }

    [Theory]
    [InlineData(null, "nowhere", "x", "there is no term `nowhere`")]
    [InlineData("ghost", "domestic_surveillance", "permitted", "there is no party `ghost`")]
    [InlineData("openai", "domestic_surveillance", "maybe", "`domestic_surveillance` has no option `maybe`: contractual-ban, existing-law-reference, permitted")]
    public void An_announcement_that_names_what_the_scenario_does_not_have_is_refused(string? party, string term, string option, string reason)
    {
        var spec = AfterRoundOne();

        var refusal = Assert.Throws<InvalidMoveException>(() =>
            spec.When(new AnnounceWorld(new WorldEvent(0, null, null, new OptionChange(party ?? "openai", term, option), null))));

        Assert.Equal($"announcement: {reason}", refusal.Message);
        Assert.Equal("announcement: a world event needs words (`text`) or a change (`unlock`, `lock` or `set`)",
            Assert.Throws<InvalidMoveException>(() => spec.When(new AnnounceWorld(new WorldEvent(0, " ", null, null, null)))).Message);
        Assert.Equal("announcement: `value` must be between 0 and 1 for reservation, not 1.5",
            Assert.Throws<InvalidMoveException>(() => spec.When(new AnnounceWorld(new WorldEvent(0, null, null, null, new NumberChange("dow", "reservation", 1.5))))).Message);
    }

    [Fact]
    public void Announcing_a_scripted_event_early_brings_it_forward_and_it_does_not_happen_again_in_its_own_round()
    {
        var (spec, cloud) = CloudDealScriptedForRoundFour();

        var announced = spec.When(new AnnounceWorld(cloud with { Round = 0 }));
        var played = Spec.Given([.. SpecEvents(spec), .. announced]).PlayedTo(4);

        Assert.Equal([new OptionUnlocked(2, "openai", "domestic_surveillance", "existing-law-reference", cloud.Text)], played.Events.OfType<OptionUnlocked>());
        Assert.False(played.State.IsLocked("openai", "domestic_surveillance", "existing-law-reference"));
    }

    /// <summary>
    /// Issue 22: the fold ran the bringing-forward rule, so changing the rule would change old streams. The decider
    /// records what an announcement brings forward and the fold reads it; only streams stored before ask the rule.
    /// </summary>
    [Fact]
    public void What_an_announcement_brings_forward_is_recorded_and_the_fold_reads_it_rather_than_the_rule()
    {
        var (spec, cloud) = CloudDealScriptedForRoundFour();
        var announced = Assert.IsType<WorldAnnounced>(Assert.Single(spec.When(new AnnounceWorld(cloud with { Round = 0 }))));

        var recordedNone = Spec.Given([.. SpecEvents(spec), announced with { BringsForward = [] }]).PlayedTo(4);
        var storedBefore = Spec.Given([.. SpecEvents(spec), announced with { BringsForward = null }]).PlayedTo(4);

        Assert.Equal(cloud, Assert.Single(announced.BringsForward!));
        // Recorded as bringing nothing forward: the scripted event happens in its own round too, whatever the rule says.
        Assert.Equal([2, 4], recordedNone.Events.OfType<OptionUnlocked>().Select(u => u.Round));
        Assert.Equal([2], storedBefore.Events.OfType<OptionUnlocked>().Select(u => u.Round));
    }

    [Fact]
    public void An_announcement_that_differs_from_the_scripted_event_leaves_the_script_as_it_was()
    {
        var (spec, cloud) = CloudDealScriptedForRoundFour();

        var announced = spec.When(new AnnounceWorld(cloud with { Round = 0, Text = "Rumours of a cloud deal" }));
        var played = Spec.Given([.. SpecEvents(spec), .. announced]).PlayedTo(4);

        Assert.Equal([2, 4], played.Events.OfType<OptionUnlocked>().Select(u => u.Round));
    }

    [Fact]
    public void A_scripted_event_already_played_is_not_brought_forward_by_an_announcement_that_repeats_it()
    {
        var (spec, cloud) = CloudDealScriptedForRoundFour();
        spec.PlayedTo(4);

        var announced = spec.When(new AnnounceWorld(cloud with { Round = 0 }));

        Assert.Null(Rules.BringsForward(spec.State, Assert.IsType<WorldAnnounced>(Assert.Single(announced)).World));
    }

    // The option is locked for openai until the scripted round, as a cloud only becomes available with the deal.
    private static (Spec Spec, WorldEvent Cloud) CloudDealScriptedForRoundFour()
    {
        var cloud = new WorldEvent(4, "OpenAI and Amazon announce models on AWS", new OptionChange("openai", "domestic_surveillance", "existing-law-reference"), null, null);
        return (Spec.Given([new NegotiationOpened(Stories.WholeStory() with { Events = [cloud] }, 7)]), cloud);
    }

    private static IEnumerable<RunEvent> SpecEvents(Spec spec) => spec.Events;
}
