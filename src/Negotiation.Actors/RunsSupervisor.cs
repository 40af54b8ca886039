using Akka.Actor;
using Negotiation.Core.Storage;

namespace Negotiation.Actors;

/// <summary>Starts one <see cref="RunActor"/> per run; runs share nothing but the event store.</summary>
public sealed class RunsSupervisor : ReceiveActor
{
    public RunsSupervisor(IEventStore store, IMoveSource? person)
    {
        Receive<StartRun>(start => Spawn(start.RunId, store, start, start.StopAfterRound, person));
        Receive<ContinueRun>(resume => Spawn(resume.RunId, store, resume, resume.StopAfterRound, person));
        Receive<StartFork>(fork => Spawn(fork.RunId, store, fork, null, person));
        Receive<Announce>(announce =>
        {
            var run = Context.GetChildren().FirstOrDefault(c => IsActorOf(c.Path.Name, announce.RunId));
            if (run is null) Sender.Tell(new AnnounceAnswered(announce.RunId, null, "the run is not playing"));
            else run.Forward(announce);
        });
    }

    /// <summary>
    /// Whether a child's name is the actor of this run: `run-`, the escaped id, `-` and 32 hex digits, exactly (issue
    /// 22: a prefix alone let run `abc` find the actor of run `abc-2`).
    /// </summary>
    public static bool IsActorOf(string actorName, string runId)
    {
        var prefix = $"run-{Uri.EscapeDataString(runId)}-";
        return actorName.Length == prefix.Length + 32 && actorName.StartsWith(prefix, StringComparison.Ordinal) &&
               actorName.AsSpan(prefix.Length).IndexOfAnyExcept("0123456789abcdef") < 0;
    }

    private static void Spawn(string runId, IEventStore store, object start, int? stopAfter, IMoveSource? person)
    {
        var name = $"run-{Uri.EscapeDataString(runId)}-{Guid.NewGuid():N}";
        Context.ActorOf(RunActor.Props(runId, store, Context.Sender, start, stopAfter, person), name);
    }

    // A run that fails reports to its requester and stops; it is never restarted with half its state.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);
}
