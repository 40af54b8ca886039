using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Core.Storage;

namespace Negotiation.Actors;

/// <summary>Start a new run of a scenario; the reply is <see cref="RunFinished"/> or <see cref="RunFailed"/>.</summary>
/// <paramref name="StopAfterRound"/> stops the run once that round is stored, as a process dying between rounds would.
public sealed record StartRun(string RunId, Scenario Scenario, int Seed, int? StopAfterRound = null, IReadOnlyList<string>? Humans = null)
{
    /// <summary>See <see cref="OpenRun.ScriptOffered"/>: null for a new run, the stored run's for a re-run.</summary>
    public bool? ScriptOffered { get; init; }
}

/// <summary>Continue a stored run from its events to the end it would have reached (resume, and the tail of a fork).</summary>
public sealed record ContinueRun(string RunId, int? StopAfterRound = null);

/// <summary>Start a what-if: append the parent's <paramref name="Shared"/> events and the decided fork, then go on.</summary>
public sealed record StartFork(string RunId, IReadOnlyList<RunEvent> Shared, ForkRun Fork);

public sealed record RunFinished(string RunId, IReadOnlyList<StoredEvent> Events);

public sealed record RunStopped(string RunId, int Round, long Version);

/// <summary>The run stopped; <paramref name="Cause"/> is the failure behind it, when one was thrown (a store that failed, say).</summary>
public sealed record RunFailed(string RunId, string Reason, long EventsKept, Exception? Cause = null);

/// <summary>Run to party: choose your moves for this round.</summary>
public sealed record RequestMoves(int Round);

public sealed record MovesChosen(string Party, int Round, IReadOnlyList<Move> Moves, string? StoodIn = null);

/// <summary>Run to party: the round put this decision to you.</summary>
public sealed record RequestAnswer(Question Question);

public sealed record AnswerChosen(string Party, int Round, Move Answer, string? StoodIn = null);

/// <summary>Run to parties: these events are now stored; fold them into your state.</summary>
public sealed record EventsStored(IReadOnlyList<RunEvent> Events, long Version);

/// <summary>Party to run: my state is rebuilt from the stored events (after a start or a restart).</summary>
public sealed record PartyReady(string Party, long Version);

/// <summary>Announce a world event in a running run (a class session's instructor); the reply is <see cref="AnnounceAnswered"/>.</summary>
public sealed record Announce(string RunId, WorldEvent World);

/// <summary>The announcement's event as stored, or why it was refused.</summary>
public sealed record AnnounceAnswered(string RunId, RunEvent? Stored, string? Refused);

/// <summary>Makes a party actor throw, to exercise restart and rebuild; nothing in the engine sends it.</summary>
public sealed record FailParty(string Reason);
