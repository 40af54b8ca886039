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
