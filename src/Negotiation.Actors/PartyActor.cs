using Akka.Actor;
using Akka.Event;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Storage;
using Decider = Negotiation.Core.Engine.Decider;

namespace Negotiation.Actors;

/// <summary>
/// The agency or one vendor in one run. Its state is the fold of the run's stored events: rebuilt from the
/// store when it starts or restarts, then kept by the events the run actor shares after each append. It
/// chooses moves with the core's policy; it decides nothing else.
/// </summary>
public sealed class PartyActor : ReceiveActor, IWithStash, IWithTimers
{
    private readonly string _runId;
    private readonly string _party;
    private readonly IEventStore _store;
    private readonly IMoveSource? _person;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private RunState _state = RunState.Empty;
    private long _version;
    private readonly List<RunEvent> _unheard = [];

    public PartyActor(string runId, string party, IEventStore store, IMoveSource? person)
    {
        _runId = runId;
        _party = party;
        _store = store;
        _person = person;
        Rebuilding();
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="person">where a person's moves come from, when this party is played by one</param>
    public static Props Props(string runId, string party, IEventStore store, IMoveSource? person = null) =>
        Akka.Actor.Props.Create(() => new PartyActor(runId, party, store, person));

    protected override void PreStart() =>
        _store.ReadAsync(_runId).PipeTo(Self, success: events => new Rebuilt(events), failure: e => new Status.Failure(e));

    private void Rebuilding()
    {
        Receive<Rebuilt>(rebuilt =>
        {
            _state = Evolution.Fold(rebuilt.Events.Select(e => e.Event));
            _version = rebuilt.Events.Count;
            Context.Parent.Tell(new PartyReady(_party, _version));
            Become(Ready);
            Stash.UnstashAll();
        });
        Receive<Status.Failure>(failure => throw new InvalidOperationException($"{_party} could not read run {_runId}", failure.Cause));
        ReceiveAny(_ => Stash.Stash());
    }

    private sealed record RoundTimeUp(int Round);

    // The actor owns the round's time: when it is up, the source moves for a person still asked in that round
    // (a person who has moved, or a later round, is left alone there).
    private void StartRoundTimer(int round)
    {
        if (_person?.RoundTime(_runId) is { } perRound)
            Timers.StartSingleTimer("round-time", new RoundTimeUp(round), perRound);
    }

    private void Ready()
    {
        Receive<EventsStored>(stored =>
        {
            // Only what is new to this party: after a rebuild it may already hold some of these.
            var fresh = stored.Events.Skip((int)Math.Max(0, _version - (stored.Version - stored.Events.Count))).ToList();
            _state = fresh.Aggregate(_state, Evolution.Evolve);
            _unheard.AddRange(fresh.Where(e => Hearing.IsHeardBy(e, _party, _state.AgencyId)));
            _version = Math.Max(_version, stored.Version);
        });
        Receive<RequestMoves>(request =>
        {
            var view = Decider.ViewAtStart(_state, request.Round);
            // A person is asked only while one of its negotiations is open; a recorded source (verify) is asked as it
            // always was, so a stored run that holds a finished party's statements re-runs the same.
            if (_person is not null && _state.Humans.Contains(_party) && (Rules.HasMovesToMake(view, _party) || !_person.WaitsForPerson))
            {
                var heard = _unheard.Concat(Decider.StartRound(_state, request.Round).Where(e => Hearing.IsHeardBy(e, _party, _state.AgencyId))).ToList();
                _unheard.Clear();
                var (person, runId, party) = (_person, _runId, _party);
                StartRoundTimer(request.Round);
                person.ChooseAsync(runId, view, party, heard, CancellationToken.None)
                    .PipeTo(Sender, success: moves => new MovesChosen(party, request.Round, moves, person.StoodIn(runId, party, request.Round)));
                return;
            }
            Sender.Tell(new MovesChosen(_party, request.Round, Policy.MovesOf(view, _party)));
        });
        Receive<RequestAnswer>(request =>
        {
            var round = request.Question.View.Round;
            if (_person is not null && _state.Humans.Contains(_party))
            {
                var (person, runId, party) = (_person, _runId, _party);
                StartRoundTimer(round);
                person.AnswerAsync(runId, request.Question, CancellationToken.None)
                    .PipeTo(Sender, success: answer => new AnswerChosen(party, round, answer, person.StoodIn(runId, party, round)));
                return;
            }
            Sender.Tell(new AnswerChosen(_party, round, Policy.Answer(request.Question)));
        });
        // Time stopped by a pause is given back: the source says how much is left, and the timer runs again for it.
        Receive<RoundTimeUp>(up =>
        {
            if (_person?.TimeUp(_runId, _party, up.Round) is { } left) Timers.StartSingleTimer("round-time", up, left);
        });
        Receive<FailParty>(fail =>
        {
            _log.Warning("{0} in run {1} fails on purpose: {2}", _party, _runId, fail.Reason);
            throw new InvalidOperationException(fail.Reason);
        });
    }

    private sealed record Rebuilt(IReadOnlyList<StoredEvent> Events);
}
