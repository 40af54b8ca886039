using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>What the decider is asked to decide, a closed set of cases.</summary>
public abstract record RunCommand
{
    private protected RunCommand() { }
}

/// <summary>Open a run of a scenario with a seed; <paramref name="Humans"/> are the parties a person plays.</summary>
public sealed record OpenRun(Scenario Scenario, int Seed, IReadOnlyList<string>? Humans = null) : RunCommand
{
    /// <summary>
    /// Whether the persons are offered the script rather than have it made for them (classroom.md 1.1): by default
    /// they are; a re-run of a stored run (verify) gives what its first event recorded.
    /// </summary>
    public bool? ScriptOffered { get; init; }
}

/// <summary>
/// Play one round with the moves every party chose on the state after the round's start; <paramref name="StoodIn"/>
/// names the parties a person plays whose moves the policy made, and why.
/// </summary>
public sealed record PlayRound(int Round, IReadOnlyList<Move> Moves, IReadOnlyList<StandIn>? StoodIn = null) : RunCommand;

/// <summary>The policy moved for <paramref name="Party"/>, whose person did not, because of <paramref name="Reason"/>.</summary>
public sealed record StandIn(string Party, string Reason);

/// <summary>
/// A world event announced live (a class session's instructor): it takes effect at the start of the next round
/// to start, as if the scenario had scripted it there. Its <see cref="WorldEvent.Round"/> is set by the decider.
/// </summary>
public sealed record AnnounceWorld(WorldEvent World) : RunCommand;

/// <summary>
/// Go on from the state of a parent run's first <paramref name="AtRound"/> rounds under a changed scenario (a
/// what-if); <paramref name="Changes"/> are the changes as the user wrote them.
/// </summary>
public sealed record ForkRun(string ParentRunId, int AtRound, Scenario Scenario, IReadOnlyList<string> Changes) : RunCommand;

/// <summary>A move or command that breaks the rules: a bug in whoever sent it, never a normal outcome.</summary>
public sealed class InvalidMoveException(string message) : InvalidOperationException(message);
