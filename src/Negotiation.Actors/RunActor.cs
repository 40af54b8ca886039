using Akka.Actor;
using Akka.Event;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Storage;
using Decider = Negotiation.Core.Engine.Decider;

namespace Negotiation.Actors;

/// <summary>
/// One run: owns its round clock and is the single writer of its stream. Each round it takes the moves of every
/// party (the policy's, on its own state, for a party nobody plays; a person's from that party's
/// <see cref="SeatActor"/>), has the core decide the round, appends the round's events in one batch with the expected
/// version, and only then shares them with the seats. A failure keeps every round already appended.
/// </summary>
public sealed class RunActor : ReceiveActor
{
    private static readonly TimeSpan MoveTimeout = TimeSpan.FromSeconds(60);

    private readonly string _runId;
    private readonly IEventStore _store;
    private readonly IActorRef _requester;
    private readonly object _start;
    private readonly int? _stopAfterRound;
    private readonly IMoveSource? _person;
    private readonly ISeatHost? _host;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, IActorRef> _parties = [];
    private bool _started;
    private readonly HashSet<string> _ready = [];
    private readonly Dictionary<string, MovesChosen> _moves = [];
    private RunState _state = RunState.Empty;
    private long _version;
    private int _awaitingRound;
    private PlayRound? _round;
    private bool _replied;
    private bool _appending;
    private bool _decideWhenAppended;
    private readonly Queue<(Core.Model.WorldEvent World, IActorRef? AskedBy)> _announcements = new();

    /// <param name="start">how the run begins: <see cref="StartRun"/>, <see cref="StartFork"/> or <see cref="ContinueRun"/> (from the store)</param>
    public RunActor(string runId, IEventStore store, IActorRef requester, object start, int? stopAfterRound, IMoveSource? person, ISeatHost? host)
    {
        _person = person;
        _host = host;
        _runId = runId;
        _store = store;
        _requester = requester;
        _start = start;
        _stopAfterRound = stopAfterRound;

        Receive<Loaded>(OnLoaded);
        Receive<Appended>(OnAppended);
        Receive<PartyReady>(OnPartyReady);
        Receive<MovesChosen>(OnMovesChosen);
        Receive<AnswerChosen>(OnAnswerChosen);
        Receive<Announce>(announce =>
        {
            _announcements.Enqueue((announce.World, Sender));
            AnnounceNext();
        });
        // A seat's own business (what it sees, a person's moves, a pause) goes to its actor, which answers the asker.
        Receive<ToSeat>(to =>
        {
            if (_parties.TryGetValue(to.Party, out var seat)) seat.Forward(to.Message);
            else Sender.Tell(new NoSeat(_runId, to.Party));
        });
        Receive<Status.Failure>(failure => Fail(failure.Cause.Message, failure.Cause));
        Receive<Terminated>(stopped =>
        {
            if (_parties.FirstOrDefault(p => p.Value.Equals(stopped.ActorRef)) is { Key: { } party })
                Fail($"{party} stopped after repeated failures; the run keeps every round already stored");
        });
        Receive<ReceiveTimeout>(_ => Fail($"no moves for round {_awaitingRound} within {MoveTimeout.TotalSeconds} s"));
    }

    public static Props Props(string runId, IEventStore store, IActorRef requester, object start, int? stopAfterRound, IMoveSource? person, ISeatHost? host) =>
        Akka.Actor.Props.Create(() => new RunActor(runId, store, requester, start, stopAfterRound, person, host));

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(maxNrOfRetries: 5, withinTimeRange: TimeSpan.FromMinutes(1), localOnlyDecider: _ => Directive.Restart);

    protected override void PreStart()
    {
        try
        {
            switch (_start)
            {
                case StartRun start:
                    Append(Decider.Decide(RunState.Empty, new OpenRun(start.Scenario, start.Seed, start.Humans) { ScriptOffered = start.ScriptOffered }));
                    break;
                case StartFork fork:
                    // The fork's first batch: what it shares with its parent, and the fork the core decided on it.
                    Append([.. fork.Shared, .. Decider.Decide(Evolution.Fold(fork.Shared), fork.Fork)]);
                    break;
                default:
                    _store.ReadAsync(_runId).PipeTo(Self, success: events => new Loaded(events));
                    break;
            }
        }
        catch (InvalidMoveException e)
        {
            Fail(e.Message);
        }
    }

    private void OnLoaded(Loaded loaded)
    {
        if (loaded.Events.Count == 0)
        {
            Fail($"no run {_runId} in the event store");
            return;
        }
        _state = Evolution.Fold(loaded.Events.Select(e => e.Event));
        _version = loaded.Events.Count;
        StartParties();
    }

    private void Append(IReadOnlyList<RunEvent> events, IActorRef? announcedBy = null, bool announcement = false)
    {
        _appending = true;
        Task<long> append;
        try
        {
            append = _store.AppendAsync(_runId, _version, events);
        }
        catch (Exception e)
        {
            append = Task.FromException<long>(e);
        }
        append.PipeTo(Self, success: version => new Appended(events, version, announcement, announcedBy));
    }

    // Announcements are appended one at a time between the run's own appends: the stream keeps one writer.
    private void AnnounceNext()
    {
        if (_appending || _announcements.Count == 0 || !_state.IsOpened) return;
        var (world, askedBy) = _announcements.Dequeue();
        IReadOnlyList<RunEvent> events;
        try
        {
            events = Decider.Decide(_state, new AnnounceWorld(world));
        }
        catch (InvalidMoveException e)
        {
            askedBy?.Tell(new AnnounceAnswered(_runId, null, e.Message));
            AnnounceNext();
            return;
        }
        Append(events, askedBy, announcement: true);
    }

    // A re-run (verify) announces again what the stored run recorded as announced after this round.
    private void ReplayAnnouncements()
    {
        foreach (var world in _person?.AnnouncedAfter(_state.Round) ?? []) _announcements.Enqueue((world, null));
    }

    private void OnAppended(Appended appended)
    {
        _appending = false;
        _state = appended.Events.Aggregate(_state, Evolution.Evolve);
        _version = appended.Version;
        if (appended.Announcement)
        {
            foreach (var party in _parties.Values) party.Tell(new EventsStored(appended.Events, appended.Version));
            appended.AnnouncedBy?.Tell(new AnnounceAnswered(_runId, appended.Events[0], null));
            if (_announcements.Count > 0) AnnounceNext();
            else if (_started && _ready.Count == _parties.Count && _awaitingRound == 0 && !_state.Concluded) Next();
            else if (_decideWhenAppended)
            {
                _decideWhenAppended = false;
                DecideOrAsk();
            }
            return;
        }
        ReplayAnnouncements();
        if (!_started)
        {
            AnnounceNext();
            StartParties();
            return;
        }
        foreach (var party in _parties.Values) party.Tell(new EventsStored(appended.Events, appended.Version));
        if (_announcements.Count > 0 && !_state.Concluded)
        {
            _awaitingRound = 0;
            AnnounceNext();
            return;
        }
        Next();
    }

    // A seat for each party a person plays, when the run has a place their moves come from; nobody else needs an actor.
    private void StartParties()
    {
        _started = true;
        if (!_state.Concluded && (_person is not null || _host is not null))
            // Watched: a seat stopped for good (after repeated failures) fails the run at once, rather than leave a
            // person's run waiting for it until the run's time is out (issue 22: 12 hours).
            foreach (var party in _state.Scenario.Parties.Where(p => _state.Humans.Contains(p.Id)))
                _parties[party.Id] = Context.Watch(Context.ActorOf(SeatActor.Props(_runId, party.Id, _store, _person, _host), $"seat-{_parties.Count}"));
        if (_parties.Count == 0) Next();
    }

    private void OnPartyReady(PartyReady ready)
    {
        var starting = _ready.Count < _parties.Count;
        _ready.Add(ready.Party);
        if (starting)
        {
            if (_ready.Count == _parties.Count) Next();
            return;
        }
        // A party restarted while we waited for its moves: ask again, it has rebuilt its state.
        if (_awaitingRound > 0 && !_moves.ContainsKey(ready.Party))
            _parties[ready.Party].Tell(new RequestMoves(_awaitingRound));
        else if (_round is not null)
            DecideOrAsk();
    }

    private void Next()
    {
        if (_state.Concluded)
        {
            Finish(events => new RunFinished(_runId, events));
            return;
        }
        if (_stopAfterRound is { } stop && _state.Round >= stop)
        {
            Finish(_ => new RunStopped(_runId, _state.Round, _version));
            return;
        }

        _awaitingRound = _state.Round + 1;
        _moves.Clear();
        // A person takes the time they take; a recorded source answers at once, so silence means something broke.
        Context.SetReceiveTimeout(_parties.Count == 0 || _host is not null || _person is { WaitsForPerson: true } ? null : MoveTimeout);
        foreach (var party in _parties.Values) party.Tell(new RequestMoves(_awaitingRound));
        // The policy's parties move on the run's own state, as it stands at the round's start.
        var view = Decider.ViewAtStart(_state, _awaitingRound);
        foreach (var party in _state.Scenario.Parties.Where(p => !_parties.ContainsKey(p.Id)))
            OnMovesChosen(new MovesChosen(party.Id, _awaitingRound, Policy.MovesOf(view, party.Id)));
    }

    private void OnMovesChosen(MovesChosen chosen)
    {
        if (chosen.Round != _awaitingRound || _state.Scenario.Parties.All(p => p.Id != chosen.Party) || _round is not null) return;
        _moves[chosen.Party] = chosen;
        if (_moves.Count < _state.Scenario.Vendors.Count + 1) return;

        _round = new PlayRound(_awaitingRound, _state.Scenario.Parties.SelectMany(p => _moves[p.Id].Moves).ToList(),
            _state.Scenario.Parties.Where(p => _moves[p.Id].StoodIn is not null).Select(p => new StandIn(p.Id, _moves[p.Id].StoodIn!)).ToList());
        DecideOrAsk();
    }

    private void OnAnswerChosen(AnswerChosen chosen)
    {
        if (_round is null || chosen.Round != _round.Round || chosen.Answer.Party != chosen.Party) return;
        _round = _round with { Moves = [.. _round.Moves, chosen.Answer] };
        if (chosen.StoodIn is { } reason && _round.StoodIn?.Any(s => s.Party == chosen.Party) != true)
            _round = _round with { StoodIn = [.. _round.StoodIn ?? [], new StandIn(chosen.Party, reason)] };
        DecideOrAsk();
    }

    // The round is decided once every decision it raises (a threat or designation to answer) has its answer.
    private void DecideOrAsk()
    {
        if (_appending)
        {
            // An announcement is being appended: decide once it is stored, on the state that holds it.
            _decideWhenAppended = true;
            return;
        }
        var play = _round!;
        IReadOnlyList<RunEvent> events;
        try
        {
            switch (Decider.Attempt(_state, play))
            {
                case RoundResolution.NeedsAnswer needs when _parties.TryGetValue(needs.Question.Party, out var seat):
                    seat.Tell(new RequestAnswer(needs.Question));
                    return;
                case RoundResolution.NeedsAnswer needs:
                    OnAnswerChosen(new AnswerChosen(needs.Question.Party, play.Round, Policy.Answer(needs.Question)));
                    return;
                case RoundResolution.Decided decided:
                    events = decided.Events;
                    break;
                default:
                    throw new InvalidOperationException("a round is decided or needs an answer");
            }
        }
        catch (Exception e) when (e is InvalidMoveException or KeyNotFoundException)
        {
            Fail(e.Message);
            return;
        }
        Context.SetReceiveTimeout(null);
        _awaitingRound = 0;
        _round = null;
        Append(events);
    }

    private void RefuseAnnouncements(string reason)
    {
        while (_announcements.TryDequeue(out var queued)) queued.AskedBy?.Tell(new AnnounceAnswered(_runId, null, reason));
    }

    private void Finish(Func<IReadOnlyList<StoredEvent>, object> reply)
    {
        RefuseAnnouncements("the run has concluded");
        _replied = true;
        Context.SetReceiveTimeout(null);
        _store.ReadAsync(_runId).PipeTo(_requester, success: events => reply(events));
        Context.Stop(Self);
    }

    private void Fail(string reason, Exception? cause = null)
    {
        _log.Warning("run {0} failed: {1}", _runId, reason);
        RefuseAnnouncements($"the run failed: {reason}");
        _replied = true;
        _requester.Tell(new RunFailed(_runId, reason, _version, cause));
        Context.Stop(Self);
    }

    // Whatever stops this actor, the one waiting for the run hears of it.
    protected override void PostStop()
    {
        if (!_replied) _requester.Tell(new RunFailed(_runId, "the run stopped unexpectedly", _version));
    }

    private sealed record Loaded(IReadOnlyList<StoredEvent> Events);

    private sealed record Appended(IReadOnlyList<RunEvent> Events, long Version, bool Announcement, IActorRef? AnnouncedBy);
}
