using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Testing;

namespace Negotiation.Classroom.Tests;

/// <summary>The seat desk's orderings that pages and runs rely on, without a server in between.</summary>
public class SeatDeskTests
{
    private static readonly RunState View = Decider.ViewAtStart(Evolution.Fold([new NegotiationOpened(Stories.WholeStory(), 7, ["anthropic", "openai"])]), 1);

    [Fact]
    public void A_run_is_marked_changed_before_its_question_can_be_seen_and_once_per_stored_round()
    {
        var desk = new SeatDesk();
        var changes = new List<Waiting?>();
        desk.Changed += run => changes.Add(desk.WaitingFor(run, "anthropic"));

        _ = desk.ChooseAsync("run", View, "anthropic", [], CancellationToken.None);
        _ = desk.ChooseAsync("run", View, "openai", [], CancellationToken.None);

        // Whoever sees the question reads the run again: the change came first, when nothing was asked yet.
        Assert.Equal([null], changes);
        Assert.NotNull(desk.WaitingFor("run", "anthropic"));
        desk.Stored("run");
        Assert.Equal(2, changes.Count);
    }

    [Fact]
    public async Task Moves_a_person_sent_first_stand_and_the_policy_is_not_recorded_as_standing_in()
    {
        var desk = new SeatDesk();
        var moves = desk.ChooseAsync("run", View, "anthropic", [], CancellationToken.None);
        desk.Pause("run");
        var waiting = desk.WaitingFor("run", "anthropic")!;
        Move[] mine = [new Move.Pass("anthropic", "anthropic")];

        Assert.True(desk.Take("run", "anthropic", waiting, mine));
        Assert.Empty(desk.Advance("run"));
        desk.Resume("run");

        Assert.Equal(mine, await moves);
        Assert.Null(desk.StoodIn("run", "anthropic", 1));
    }

    /// <summary>
    /// A pause stops the round's clock (classroom.md 1.1), on a clock driven by hand: the time left when the pause
    /// began is what the seat has after the resume, the policy never moves for it during the pause, and a seat asked
    /// during a pause gets its whole time from the resume.
    /// </summary>
    [Fact]
    public async Task A_pause_holds_the_round_time_and_the_policy_moves_only_when_the_time_left_has_run_after_the_resume()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var desk = new SeatDesk(clock);
        desk.Time("run", TimeSpan.FromSeconds(60));
        var moves = desk.ChooseAsync("run", View, "anthropic", [], CancellationToken.None);
        var asked = clock.GetUtcNow();
        Assert.Equal(asked.AddSeconds(60), desk.WaitingFor("run", "anthropic")!.Until);

        clock.Advance(TimeSpan.FromSeconds(20));
        desk.Pause("run");
        clock.Advance(TimeSpan.FromMinutes(10));
        // The actor's timer fires during the pause: nothing moves, and 40 s are still the seat's.
        Assert.Equal(TimeSpan.FromSeconds(40), desk.TimeUp("run", "anthropic", 1));
        Assert.False(moves.IsCompleted);
        Assert.Null(desk.StoodIn("run", "anthropic", 1));
        var askedWhilePaused = desk.ChooseAsync("run", View, "openai", [], CancellationToken.None);
        Assert.Equal(clock.GetUtcNow().AddMinutes(-10).AddSeconds(60), desk.WaitingFor("run", "openai")!.Until);

        desk.Resume("run");
        Assert.Equal(asked.AddSeconds(60).AddMinutes(10), desk.WaitingFor("run", "anthropic")!.Until);
        Assert.Equal(clock.GetUtcNow().AddSeconds(60), desk.WaitingFor("run", "openai")!.Until);
        clock.Advance(TimeSpan.FromSeconds(39));
        Assert.Equal(TimeSpan.FromSeconds(1), desk.TimeUp("run", "anthropic", 1));
        Assert.False(moves.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(desk.TimeUp("run", "anthropic", 1));

        Assert.Equivalent(Policy.MovesOf(View, "anthropic"), await moves, strict: true);
        Assert.Equal("the round's time ran out", desk.StoodIn("run", "anthropic", 1));
        Assert.False(askedWhilePaused.IsCompleted);
    }

    [Fact]
    public async Task The_policy_moves_for_a_seat_whose_time_is_up_in_its_round_only_and_says_why()
    {
        var desk = new SeatDesk();
        var moves = desk.ChooseAsync("run", View, "anthropic", [], CancellationToken.None);

        desk.TimeUp("run", "anthropic", 2);
        Assert.False(moves.IsCompleted);
        desk.TimeUp("run", "anthropic", 1);

        Assert.Equivalent(Policy.MovesOf(View, "anthropic"), await moves, strict: true);
        Assert.Equal("the round's time ran out", desk.StoodIn("run", "anthropic", 1));
    }
}
