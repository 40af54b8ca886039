using Akka.Actor;
using Negotiation.Core.Storage;

namespace Negotiation.Actors;

/// <summary>Starts one <see cref="RunActor"/> per run; runs share nothing but the event store.</summary>
public sealed class RunsSupervisor : ReceiveActor
{
    // The actor of each run playing now, by its id: where an announcement or a seat's business goes.
    private readonly Dictionary<string, IActorRef> _playing = [];

    public RunsSupervisor(IEventStore store, IMoveSource? person, ISeatHost? host = null)
    {
        Receive<StartRun>(start => Spawn(start.RunId, store, start, start.StopAfterRound, person, host));
        Receive<ContinueRun>(resume => Spawn(resume.RunId, store, resume, resume.StopAfterRound, person, host));
        Receive<StartFork>(fork => Spawn(fork.RunId, store, fork, null, person, host));
        Receive<Announce>(announce =>
        {
            if (_playing.TryGetValue(announce.RunId, out var run)) run.Forward(announce);
            else Sender.Tell(new AnnounceAnswered(announce.RunId, null, "the run is not playing"));
        });
        Receive<ToSeat>(to =>
        {
            if (_playing.TryGetValue(to.RunId, out var run)) run.Forward(to);
            else Sender.Tell(new NoSeat(to.RunId, to.Party));
        });
        Receive<Terminated>(stopped =>
        {
            foreach (var (runId, run) in _playing.Where(p => p.Value.Equals(stopped.ActorRef)).ToList()) _playing.Remove(runId);
        });
    }

    private void Spawn(string runId, IEventStore store, object start, int? stopAfter, IMoveSource? person, ISeatHost? host)
    {
        var name = $"run-{Uri.EscapeDataString(runId)}-{Guid.NewGuid():N}";
        _playing[runId] = Context.Watch(Context.ActorOf(RunActor.Props(runId, store, Context.Sender, start, stopAfter, person, host), name));
    }

    // A run that fails reports to its requester and stops; it is never restarted with half its state.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);
}
