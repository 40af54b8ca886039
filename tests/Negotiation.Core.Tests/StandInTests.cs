using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Reports;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>When the policy moves for a person who did not, the run says so: the round records who and why.</summary>
public class StandInTests
{
    private static Spec OpenedWithAPerson() => Spec.Given([new NegotiationOpened(Stories.WholeStory() with { Events = [] }, 7, ["anthropic"])]);

    [Fact]
    public void A_stand_in_is_recorded_at_the_start_of_the_round_heard_only_by_its_party_and_told_in_the_minutes()
    {
        var spec = OpenedWithAPerson();
        var round = spec.Round() with { StoodIn = [new StandIn("anthropic", "the instructor advanced the round")] };

        var events = spec.When(round);

        Assert.IsType<RoundStarted>(events[0]);
        Assert.Equal(new PolicyStoodIn(1, "anthropic", "the instructor advanced the round"), events[1]);
        Assert.Equal(spec.When(spec.Round()).Select(EventJson.Serialize), events.Where(e => e is not PolicyStoodIn).Select(EventJson.Serialize));
        Assert.True(Hearing.IsHeardBy(events[1], "anthropic", "dow"));
        Assert.False(Hearing.IsHeardBy(events[1], "openai", "dow"));
        Assert.Contains("  Nobody moved for anthropic in time: its policy moved for it (the instructor advanced the round).",
            PlainMinutes.Lines("run", [.. spec.Events, .. events]));
    }

    [Fact]
    public void The_policy_cannot_stand_in_for_a_party_nobody_plays()
    {
        var spec = OpenedWithAPerson();

        var refusal = Assert.Throws<InvalidMoveException>(() => spec.When(spec.Round() with { StoodIn = [new StandIn("dow", "the round's time ran out")] }));

        Assert.Equal("round 1: dow is not played by a person, so the policy cannot stand in for one", refusal.Message);
    }
}
