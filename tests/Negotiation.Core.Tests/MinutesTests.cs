using Negotiation.Core.Events;
using Negotiation.Core.Reports;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>
/// The one model of the minutes (issue 22): what each line says happened, for each audience, before the plain minutes,
/// the terminal's and the pages phrase it.
/// </summary>
public class MinutesTests
{
    private static readonly NegotiationOpened Opening = new(Stories.WholeStory(), 7);

    private static readonly Dictionary<string, string> Banned = new()
    {
        [Stories.UsageScope.Id] = "all-lawful-uses", [Stories.Surveillance.Id] = "contractual-ban", [Stories.Weapons.Id] = "human-in-the-loop-required",
    };

    private static readonly Dictionary<string, string> Compromise = new()
    {
        [Stories.UsageScope.Id] = "all-lawful-uses", [Stories.Surveillance.Id] = "existing-law-reference", [Stories.Weapons.Id] = "mutually-agreed-safety-mechanisms",
    };

    private static OfferMade Offer(int round, string from, Dictionary<string, string> terms) =>
        new(round, "openai", from, terms, new Dictionary<string, double> { ["dow"] = 0.8, ["openai"] = 0.6 }, []);

    [Fact]
    public void A_world_event_s_details_are_told_only_to_the_party_it_concerns()
    {
        RunEvent[] events = [Opening, new RoundStarted(1), new OptionLocked(1, "openai", Stories.Surveillance.Id, "permitted", "A court rules")];

        var concerned = Assert.IsType<Minute.OptionChanged>(Minutes.Of(events, Audience.Of("openai")).Last());
        var other = Assert.IsType<Minute.OptionChanged>(Minutes.Of(events, Audience.Of("anthropic")).Last());
        var room = Assert.IsType<Minute.OptionChanged>(Minutes.Of(events, Audience.Room).Last());

        Assert.True(concerned.Detailed);
        Assert.False(other.Detailed);
        Assert.False(room.Detailed);
        Assert.True(Assert.IsType<Minute.OptionChanged>(Minutes.Of(events).Last()).Detailed);
        // Without words, the change is not news: only the party it concerns (and the instructor) hears of it.
        RunEvent[] silent = [Opening, new RoundStarted(1), new OptionLocked(1, "openai", Stories.Surveillance.Id, "permitted", null)];
        Assert.IsType<Minute.RoundBegan>(Minutes.Of(silent, Audience.Of("anthropic")).Last());
        Assert.IsType<Minute.OptionChanged>(Minutes.Of(silent, Audience.Of("openai")).Last());
    }

    [Fact]
    public void An_offer_is_told_against_the_same_side_s_last_with_a_rejection_on_no_red_line_folded_into_it()
    {
        RunEvent[] events =
        [
            Opening, new RoundStarted(1), Offer(1, "openai", Banned),
            new RoundStarted(2), new OfferRejected(2, "openai", "dow", Banned, []), Offer(2, "dow", Compromise), Offer(2, "openai", Banned),
            new RoundStarted(3), new OfferRejected(3, "openai", "openai", Compromise, ["no-domestic-surveillance"]), Offer(3, "openai", Compromise),
        ];

        var offers = Minutes.Of(events).ToList();

        var first = Assert.IsType<Minute.Offered>(offers[2]);
        Assert.Equal((null, false, false, "dow"), (first.Previous, first.Holds, first.AfterRejection, first.To));
        Assert.True(Assert.IsType<Minute.Offered>(offers[4]).AfterRejection);
        var held = Assert.IsType<Minute.Offered>(offers[5]);
        Assert.Equal((true, false), (held.Holds, held.AfterRejection));
        var rejected = Assert.IsType<Minute.Rejected>(offers[7]);
        Assert.Equal(("openai", "dow"), (rejected.By, rejected.Of));
        Assert.Equal(["no-domestic-surveillance"], rejected.RedLines);
        var changed = Assert.IsType<Minute.Offered>(offers[8]);
        Assert.Equal((false, false), (changed.Holds, changed.AfterRejection));
        Assert.Equal(Banned, changed.Previous);
    }

    [Fact]
    public void Each_audience_sees_only_the_worths_it_may()
    {
        RunEvent[] events = [Opening, new RoundStarted(1), Offer(1, "openai", Banned)];

        Assert.Equal(["dow", "openai"], Assert.IsType<Minute.Offered>(Minutes.Of(events).Last()).Worths.Keys.Order());
        Assert.Equal(["openai"], Assert.IsType<Minute.Offered>(Minutes.Of(events, Audience.Of("openai")).Last()).Worths.Keys);
        Assert.Empty(Minutes.Of(events, Audience.Room).OfType<Minute.Offered>());
        Assert.Empty(Minutes.Of(events, Audience.Of("anthropic")).OfType<Minute.Offered>());
    }

    [Fact]
    public void Every_round_is_marked_for_every_audience_with_why_it_is_played_past_the_deadline()
    {
        var scenario = Stories.WholeStory(rounds: 2);
        RunEvent[] events =
        [
            new NegotiationOpened(scenario, 7), new RoundStarted(1), new Designated(1, "anthropic"),
            new LitigationFiled(1, "anthropic", 3), new RoundStarted(2), new RoundStarted(3),
        ];

        foreach (var audience in new[] { Audience.Everything, Audience.Room, Audience.Of("openai") })
        {
            var rounds = Minutes.Of(events, audience).OfType<Minute.RoundBegan>().ToList();
            Assert.Equal([1, 2, 3], rounds.Select(r => r.Round));
            Assert.Equal(["", "", "past the deadline of round 2: the run goes on until the court rules on anthropic's lawsuit, due in round 3"],
                rounds.Select(r => r.PastDeadline));
        }
    }

    [Fact]
    public void The_audit_and_the_conclusion_are_left_to_the_tables()
    {
        foreach (var (opening, e) in EventSamples.Each())
        {
            var minutes = new Minutes(Audience.Everything);
            minutes.Take(opening);
            var minute = minutes.Take(e);
            Assert.Equal(e is ProbeAssessed or RedLineAudited or RunConcluded || e is OfferRejected { CrossedRedLines.Count: 0 }, minute is null);
        }
    }
}
