using Microsoft.Extensions.Time.Testing;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Persistence;
using Negotiation.Testing;

namespace Negotiation.Actors.Tests;

/// <summary>
/// The seat actor, the one owner of a seat's question (issue 18), through the engine as the class server reaches it:
/// a person's moves, the instructor's advance, the round's time and the pause. Time is driven by hand (a fake clock
/// whose timers fire as it is moved on), and every test waits for the event itself, never for a margin.
/// </summary>
public sealed class SeatActorTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryEventStore _store = new();
    private TestSeatHost _host = null!;
    private NegotiationEngine _engine = null!;

    public async ValueTask InitializeAsync()
    {
        _host = new TestSeatHost(_clock);
        _engine = await NegotiationEngine.StartAsync(_store, Ct, seats: _host);
    }

    public async ValueTask DisposeAsync() => await _engine.DisposeAsync();

    private Task<RunFinished> Play(string runId, params string[] humans) => _engine.RunAsync(runId, Stories.WholeStory(), 7, CancellationToken.None, humans);

    private async Task<SeatSnapshot> ViewAsync(string runId, string party) =>
        Assert.IsType<SeatSnapshot>(await _engine.AskSeatAsync(runId, party, ViewSeat.Instance, Ct));

    private async Task<IReadOnlyList<RunEvent>> RoundStoredAsync(string runId, int round)
    {
        await _host.WaitForAsync(s => s.RunId == runId && s.Stored > 0 && s.Events[s.Stored - 1].Round >= round, Ct);
        return (await _store.ReadAsync(runId, null, Ct)).Select(e => e.Event).Where(e => e.Round == round).ToList();
    }

    [Fact]
    public async Task A_seat_asked_shows_the_view_it_is_asked_on_and_takes_only_moves_for_its_round()
    {
        _ = Play("asked", "anthropic");
        var asked = await _host.WaitForAsync(s => s.RunId == "asked" && s.Waiting, Ct);

        // The view the seat shows is the one it is asked on: the round's start folded on the stored run.
        Assert.Equal(1, asked.Asked!.Round);
        Assert.Same(asked.Asked.View, asked.State);
        var wrong = Assert.IsType<MovesTaken>(await _engine.AskSeatAsync("asked", "anthropic", new TakeMoves(2, [new Move.Pass("anthropic", "anthropic")]), Ct));
        Assert.IsType<MovesRefused.WrongRound>(wrong.Refused);
        var foreign = Assert.IsType<MovesTaken>(await _engine.AskSeatAsync("asked", "anthropic", new TakeMoves(1, [new Move.Pass("anthropic", "openai")]), Ct));
        Assert.IsType<MovesRefused.NotASide>(foreign.Refused);
        Assert.True((await ViewAsync("asked", "anthropic")).Waiting);
        Assert.Null(await _engine.AskSeatAsync("asked", "openai", ViewSeat.Instance, Ct));
    }

    [Fact]
    public async Task Moves_a_person_sent_first_stand_and_the_policy_is_not_recorded_as_standing_in()
    {
        _ = Play("first", "anthropic");
        await _host.WaitForAsync(s => s.RunId == "first" && s.Waiting, Ct);
        _engine.TellSeat("first", "anthropic", PauseSeat.Instance);
        await _host.WaitForAsync(s => s.RunId == "first" && s.Paused, Ct);
        Move[] mine = [new Move.Speak("anthropic", "We hold our lines.")];

        var taken = Assert.IsType<MovesTaken>(await _engine.AskSeatAsync("first", "anthropic", new TakeMoves(1, mine), Ct));
        var advanced = Assert.IsType<SeatAdvanced>(await _engine.AskSeatAsync("first", "anthropic", new AdvanceSeat("the instructor advanced the round"), Ct));
        // Held while paused: the seat still holds its question with the moves, and the round is not stored.
        var held = await ViewAsync("first", "anthropic");
        _engine.TellSeat("first", "anthropic", ResumeSeat.Instance);
        var round = await RoundStoredAsync("first", 1);

        Assert.True(taken.Taken);
        Assert.False(advanced.Advanced);
        Assert.True(held is { Taken: true, Moved: 1, State.Round: 0 });
        Assert.Contains(round, e => e is StatementMade { Party: "anthropic", Text: "We hold our lines." });
        Assert.DoesNotContain(round, e => e is PolicyStoodIn { Party: "anthropic" });
    }

    [Fact]
    public async Task The_instructors_advance_has_the_policy_move_for_a_seat_still_asked_and_says_why()
    {
        _ = Play("advanced", "anthropic");
        var asked = await _host.WaitForAsync(s => s.RunId == "advanced" && s.Waiting, Ct);

        var advanced = Assert.IsType<SeatAdvanced>(await _engine.AskSeatAsync("advanced", "anthropic", new AdvanceSeat("the instructor advanced the round"), Ct));
        var round = await RoundStoredAsync("advanced", 1);

        Assert.True(advanced.Advanced);
        Assert.Contains(new PolicyStoodIn(1, "anthropic", "the instructor advanced the round"), round);
        // Compared as maps: the stored offer is read back with its keys in order, the policy's in the scenario's term order.
        Assert.Equal(
            Policy.MovesOf(asked.Asked!.View, "anthropic").OfType<Move.Offer>().Select(o => o.Terms.OrderBy(kv => kv.Key)),
            round.OfType<OfferMade>().Where(o => o.From == "anthropic").Select(o => o.Terms.OrderBy(kv => kv.Key)));
    }

    /// <summary>
    /// A pause stops the round's clock (classroom.md 1.1): the time left when the pause began is what the seat has
    /// after the resume; the policy never moves for it during the pause, however long it lasts.
    /// </summary>
    [Fact]
    public async Task A_pause_holds_the_round_time_and_the_policy_moves_only_when_the_time_left_has_run_after_the_resume()
    {
        _host.RoundTimeOf = TimeSpan.FromSeconds(60);
        _ = Play("paused", "anthropic");
        var asked = await _host.WaitForAsync(s => s.RunId == "paused" && s.Waiting, Ct);
        var start = _clock.GetUtcNow();
        Assert.Equal(start.AddSeconds(60), asked.Asked!.Until);

        _clock.Advance(TimeSpan.FromSeconds(20));
        _engine.TellSeat("paused", "anthropic", PauseSeat.Instance);
        await _host.WaitForAsync(s => s.RunId == "paused" && s.Paused, Ct);
        // The timer fires during the pause (its message is in the seat's mailbox before the view is asked): nothing moves.
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True((await ViewAsync("paused", "anthropic")) is { Waiting: true, Paused: true });

        _engine.TellSeat("paused", "anthropic", ResumeSeat.Instance);
        var resumed = await _host.WaitForAsync(s => s.RunId == "paused" && !s.Paused, Ct);
        Assert.Equal(start.AddSeconds(60).AddMinutes(10), resumed.Asked!.Until);
        _clock.Advance(TimeSpan.FromSeconds(39));
        Assert.True((await ViewAsync("paused", "anthropic")).Waiting);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Contains(new PolicyStoodIn(1, "anthropic", SeatActor.TimeRanOut), await RoundStoredAsync("paused", 1));
    }

    [Fact]
    public async Task A_seat_asked_while_its_session_is_paused_has_its_whole_time_from_the_resume()
    {
        _host.RoundTimeOf = TimeSpan.FromSeconds(60);
        _host.PausedRuns.Add("late");
        _ = Play("late", "anthropic");
        var asked = await _host.WaitForAsync(s => s.RunId == "late" && s.Waiting, Ct);
        var pausedAt = _clock.GetUtcNow();
        Assert.Equal(pausedAt.AddSeconds(60), asked.Asked!.Until);

        _clock.Advance(TimeSpan.FromMinutes(10));
        _host.PausedRuns.Remove("late");
        _engine.TellSeat("late", "anthropic", ResumeSeat.Instance);

        Assert.Equal(_clock.GetUtcNow().AddSeconds(60), (await _host.WaitForAsync(s => s.RunId == "late" && !s.Paused, Ct)).Asked!.Until);
    }

    /// <summary>A seat's moves taken (202) are kept by its host until the round is stored: a seat started again takes them at once.</summary>
    [Fact]
    public async Task Moves_kept_for_the_round_a_seat_is_asked_in_are_taken_without_asking_again()
    {
        _host.KeptMoves[("kept", "anthropic", 1)] = [new Move.Speak("anthropic", "Kept across a restart."), new Move.Pass("anthropic", "anthropic")];
        _ = Play("kept", "anthropic");

        var round = await RoundStoredAsync("kept", 1);

        Assert.Contains(round, e => e is StatementMade { Text: "Kept across a restart." });
        Assert.DoesNotContain(round, e => e is PolicyStoodIn);
    }
}

/// <summary>A class server's side of the seats, as a test holds it: every view published, waited on by what it shows.</summary>
internal sealed class TestSeatHost(TimeProvider clock) : ISeatHost
{
    private readonly object _gate = new();
    private readonly Dictionary<(string, string), SeatSnapshot> _last = [];
    private readonly List<(Func<SeatSnapshot, bool> When, TaskCompletionSource<SeatSnapshot> Done)> _waiting = [];

    public TimeProvider Clock => clock;

    public TimeSpan? RoundTimeOf { get; set; }

    public HashSet<string> PausedRuns { get; } = [];

    public Dictionary<(string RunId, string Party, int Round), IReadOnlyList<Move>> KeptMoves { get; } = [];

    public TimeSpan? RoundTime(string runId) => RoundTimeOf;

    public bool IsPaused(string runId) => PausedRuns.Contains(runId);

    public void Keep(string runId, string party, int round, bool answer, IReadOnlyList<Move> moves) => KeptMoves[(runId, party, round)] = moves;

    public IReadOnlyList<Move>? Kept(string runId, string party, int round, bool answer, bool isAgency) => KeptMoves.GetValueOrDefault((runId, party, round));

    public void Published(SeatSnapshot snapshot)
    {
        lock (_gate)
        {
            _last[(snapshot.RunId, snapshot.Party)] = snapshot;
            foreach (var waiter in _waiting.Where(w => w.When(snapshot)).ToList())
            {
                _waiting.Remove(waiter);
                waiter.Done.TrySetResult(snapshot);
            }
        }
    }

    /// <summary>The first view a seat publishes (or has last published) that shows what is waited for.</summary>
    public Task<SeatSnapshot> WaitForAsync(Func<SeatSnapshot, bool> when, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_last.Values.FirstOrDefault(when) is { } already) return Task.FromResult(already);
            var done = new TaskCompletionSource<SeatSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((when, done));
            return done.Task.WaitAsync(TimeSpan.FromMinutes(2), ct);
        }
    }
}
