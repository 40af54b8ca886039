using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Storage;
using Decider = Negotiation.Core.Engine.Decider;

namespace Negotiation.Actors;

/// <summary>
/// A party a person plays, in one run: the one owner of its open question (issue 18). It holds the stored run as far
/// as the seat has it (rebuilt from the store when it starts or restarts, then kept by the events the run shares),
/// what it is asked and on which view, the moves held for it, the round's time and the pause, and publishes its view
/// to its host on every change. Moves come to it from the person: through the class server (<see cref="TakeMoves"/>),
/// or from a <see cref="IMoveSource"/> (a console, a recording). It decides nothing: the core's rules check the moves,
/// the core's policy stands in; the run decides the round.
/// </summary>
public sealed class SeatActor : ReceiveActor, IWithStash
{
    public const string TimeRanOut = "the round's time ran out";

    private readonly string _runId;
    private readonly string _party;
    private readonly IEventStore _store;
    private readonly IMoveSource? _person;
    private readonly ISeatHost? _host;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private RunState _state = RunState.Empty;
    private long _version;
    // Immutable, so that a snapshot shares it rather than copying the run at every publication.
    private ImmutableList<RunEvent> _events = [];
    private readonly List<RunEvent> _unheard = [];

    // The open question, the round's start it is asked on, the moves held for it and why they are the policy's.
    private Asked? _asked;
    private IReadOnlyList<RunEvent> _start = [];
    private IReadOnlyList<Move>? _held;
    private string? _stoodIn;
    private int? _moved;
    private bool _paused;
    private DateTimeOffset _pausedAt;
    private ITimer? _timer;

    public SeatActor(string runId, string party, IEventStore store, IMoveSource? person, ISeatHost? host)
    {
        _runId = runId;
        _party = party;
        _store = store;
        _person = person;
        _host = host;
        Rebuilding();
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(string runId, string party, IEventStore store, IMoveSource? person, ISeatHost? host) =>
        Akka.Actor.Props.Create(() => new SeatActor(runId, party, store, person, host));

    protected override void PreStart()
    {
        if (_host?.IsPaused(_runId) == true) (_paused, _pausedAt) = (true, _host.Clock.GetUtcNow());
        _store.ReadAsync(_runId).PipeTo(Self, success: events => new Rebuilt(events), failure: e => new Status.Failure(e));
    }

    protected override void PostStop() => _timer?.Dispose();

    private bool WaitsForPerson => _host is not null || _person?.WaitsForPerson == true;

    private void Rebuilding()
    {
        Receive<Rebuilt>(rebuilt =>
        {
            _events = _events.AddRange(rebuilt.Events.Select(e => e.Event));
            _state = Evolution.Fold(_events);
            _version = rebuilt.Events.Count;
            Context.Parent.Tell(new PartyReady(_party, _version));
            Become(Ready);
            Publish();
            Stash.UnstashAll();
        });
        Receive<Status.Failure>(failure => throw new InvalidOperationException($"{_party} could not read run {_runId}", failure.Cause));
        ReceiveAny(_ => Stash.Stash());
    }

    private void Ready()
    {
        Receive<EventsStored>(stored =>
        {
            // Only what is new to this seat: after a rebuild it may already hold some of these.
            var fresh = stored.Events.Skip((int)Math.Max(0, _version - (stored.Version - stored.Events.Count))).ToList();
            if (fresh.Count == 0) return;
            _events = _events.AddRange(fresh);
            _state = fresh.Aggregate(_state, Evolution.Evolve);
            _unheard.AddRange(fresh.Where(e => Hearing.IsHeardBy(e, _party, _state.AgencyId)));
            _version = Math.Max(_version, stored.Version);
            Publish();
        });
        Receive<RequestMoves>(request =>
        {
            // The round's start, folded once: the view the seat is asked on (Decider.ViewAtStart).
            var start = Decider.StartRound(_state, request.Round);
            var view = start.Aggregate(_state, Evolution.Evolve);
            // A person is asked only while one of its negotiations is open; a recorded source (verify) is asked as it
            // always was, so a stored run that holds a finished party's statements re-runs the same.
            if (WaitsForPerson && !Rules.HasMovesToMake(view, _party))
            {
                Context.Parent.Tell(new MovesChosen(_party, request.Round, Policy.MovesOf(view, _party)));
                return;
            }
            AskPerson(new Asked.ForMoves(view, request.Round, Until()), start);
            if (_held is not null || _person is null) return;
            var heard = _unheard.Concat(start.Where(e => Hearing.IsHeardBy(e, _party, _state.AgencyId))).ToList();
            _unheard.Clear();
            var (person, runId, party, round) = (_person, _runId, _party, request.Round);
            person.ChooseAsync(runId, view, party, heard, CancellationToken.None)
                .PipeTo(Self, success: moves => new FromSource(round, moves, person.StoodIn(runId, party, round)), failure: e => new SourceFailed(e));
        });
        Receive<RequestAnswer>(request =>
        {
            AskPerson(new Asked.ForAnswer(request.Question, Until()), Decider.StartRound(_state, request.Question.View.Round));
            if (_held is not null || _person is null) return;
            var (person, runId, party, round) = (_person, _runId, _party, request.Question.View.Round);
            person.AnswerAsync(runId, request.Question, CancellationToken.None)
                .PipeTo(Self, success: answer => new FromSource(round, [answer], person.StoodIn(runId, party, round)), failure: e => new SourceFailed(e));
        });
        Receive<FromSource>(chosen =>
        {
            if (_asked?.Round == chosen.Round && _held is null) Hold(chosen.Moves, chosen.StoodIn);
        });
        // A source that fails (a console closed mid-question) fails the run, which keeps every round already stored.
        Receive<SourceFailed>(failed => Context.Parent.Tell(new Status.Failure(failed.Cause)));
        Receive<TakeMoves>(take => Sender.Tell(Take(take)));
        Receive<AdvanceSeat>(advance => Sender.Tell(new SeatAdvanced(Advance(advance.Reason))));
        Receive<RoundTimeUp>(up =>
        {
            // A pause stopped the clock (the resume sets the timer again); time moved on by a pause is given back.
            if (_asked is not { } asked || asked.Round != up.Round || _held is not null || _paused) return;
            var now = _host!.Clock.GetUtcNow();
            if (asked.Until is { } until && until > now) StartTimer(until - now);
            else Advance(TimeRanOut);
        });
        Receive<PauseSeat>(_ =>
        {
            if (_paused) return;
            (_paused, _pausedAt) = (true, _host?.Clock.GetUtcNow() ?? DateTimeOffset.UtcNow);
            Publish();
        });
        Receive<ResumeSeat>(_ =>
        {
            if (!_paused) return;
            _paused = false;
            // The time the session stood still is given back.
            if (_asked is { Until: { } until } asked)
            {
                var now = _host?.Clock.GetUtcNow() ?? DateTimeOffset.UtcNow;
                _asked = asked with { Until = until + (now - _pausedAt) };
                if (_held is null) StartTimer(_asked.Until!.Value - now);
            }
            if (_held is not null) Release();
            else Publish();
        });
        Receive<ViewSeat>(_ => Sender.Tell(Snapshot()));
        Receive<FailParty>(fail =>
        {
            _log.Warning("{0} in run {1} fails on purpose: {2}", _party, _runId, fail.Reason);
            throw new InvalidOperationException(fail.Reason);
        });
    }

    // A seat asked during a pause has its whole time from the resume.
    private DateTimeOffset? Until() =>
        _host?.RoundTime(_runId) is { } perRound ? (_paused ? _pausedAt : _host.Clock.GetUtcNow()) + perRound : null;

    private void AskPerson(Asked asked, IReadOnlyList<RunEvent> start)
    {
        (_asked, _start, _held, _stoodIn) = (asked, start, null, null);
        if (asked.Until is { } until && !_paused) StartTimer(until - _host!.Clock.GetUtcNow());
        // Moves a person sent for this round before a restart are taken at once, if the rules still take them.
        var isAnswer = asked is Asked.ForAnswer;
        if (_host?.Kept(_runId, _party, asked.Round, isAnswer, _party == _state.AgencyId) is { } kept && Check(asked, kept).Count == 0)
            Hold(kept, null);
        else Publish();
    }

    private static IReadOnlyList<string> Check(Asked asked, IReadOnlyList<Move> moves) =>
        MoveCheck.CheckAsAsked((asked as Asked.ForAnswer)?.Question, asked.View, moves);

    private MovesTaken Take(TakeMoves take)
    {
        if (Refusal(take) is { } refused) return new MovesTaken(refused);
        var asked = _asked!;
        // A negotiation the person left without a bargaining move gets a pass.
        var moves = asked is Asked.ForMoves ? MoveCheck.WithPasses(asked.View, _party, take.Moves) : take.Moves;
        _host?.Keep(_runId, _party, asked.Round, asked is Asked.ForAnswer, moves);
        Hold(moves, null);
        return new MovesTaken(null, moves.Count);
    }

    // Checked on the view the seat is asked on, the one its page shows: a negotiation not the seat's first, then an
    // acceptance of terms no longer on the table (the xAI case of issue 18), then the rules.
    private MovesRefused? Refusal(TakeMoves take)
    {
        if (_asked is not { } asked || _held is not null) return new MovesRefused.NotAsked();
        if (asked.Round != take.Round) return new MovesRefused.WrongRound(take.Round, asked.Round);
        var view = asked.View;
        if (take.Moves.Where(m => m.Vendor is { } v && view.Negotiations.ContainsKey(v)).Select(m => Rules.IsSide(view.Scenario, _party, m.Vendor!).Reason)
                .FirstOrDefault(reason => reason is not null) is { } foreign)
            return new MovesRefused.NotASide(foreign);
        if (take.Moves.OfType<Move.Accept>().Select(a => (a.Vendor, Now: Rules.StandingIfChanged(view, _party, a.Vendor, a.Seen)))
                .FirstOrDefault(x => x.Now is not null) is { Now: { } standing } changed)
            return new MovesRefused.OfferChanged(changed.Vendor, view.Scenario.Terms.ToDictionary(t => t.Id, t => standing[t.Id]));
        return Check(asked, take.Moves) is { Count: > 0 } errors ? new MovesRefused.Broken(errors) : null;
    }

    // The person's own moves, when they arrived first, stand: only moves the policy made are recorded as such.
    private bool Advance(string reason)
    {
        if (_asked is not { } asked) return false;
        if (_held is not null)
        {
            if (!_paused) Release();
            return false;
        }
        Hold(asked switch
        {
            Asked.ForMoves m => Policy.MovesOf(m.Start, _party),
            Asked.ForAnswer a => [Policy.Answer(a.Question)],
            _ => throw new InvalidOperationException("a seat is asked for moves or an answer"),
        }, reason);
        return true;
    }

    // Held moves go to the run at once, unless the session is paused: then at the resume.
    private void Hold(IReadOnlyList<Move> moves, string? stoodIn)
    {
        (_held, _stoodIn) = (moves, stoodIn);
        _timer?.Dispose();
        if (_paused) Publish();
        else Release();
    }

    private void Release()
    {
        var (asked, held) = (_asked!, _held!);
        (_asked, _held, _start, _moved) = (null, null, [], asked.Round);
        Context.Parent.Tell(asked is Asked.ForAnswer
            ? new AnswerChosen(_party, asked.Round, held[0], _stoodIn)
            : new MovesChosen(_party, asked.Round, held, _stoodIn));
        Publish();
    }

    private void StartTimer(TimeSpan due)
    {
        _timer?.Dispose();
        var (self, up) = (Self, new RoundTimeUp(_asked!.Round));
        _timer = _host!.Clock.CreateTimer(_ => self.Tell(up), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    // A person asked to move sees the start of the round (its news and world events), as the policy does.
    private SeatSnapshot Snapshot()
    {
        var asking = _asked is not null && _held is null && _state.Round == _asked.Round - 1;
        var events = asking ? _events.AddRange(_start) : _events;
        var state = !asking ? _state : _asked is Asked.ForMoves moves ? moves.Start : _start.Aggregate(_state, Evolution.Evolve);
        var moved = _asked is not null && _held is not null ? _asked.Round : _asked is null && _moved > _state.Round ? _moved : null;
        return new SeatSnapshot(_runId, _party, _events.Count, events, state, _asked, _held is not null, moved, _paused);
    }

    private void Publish() => _host?.Published(Snapshot());

    private sealed record Rebuilt(IReadOnlyList<StoredEvent> Events);

    private sealed record RoundTimeUp(int Round);

    private sealed record FromSource(int Round, IReadOnlyList<Move> Moves, string? StoodIn);

    private sealed record SourceFailed(Exception Cause);
}
