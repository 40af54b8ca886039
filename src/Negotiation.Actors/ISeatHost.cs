using Negotiation.Core.Engine;

namespace Negotiation.Actors;

/// <summary>
/// What a class server gives the seats of its runs (see <see cref="SeatActor"/>): their clock, their session's round
/// time and pause, a durable place for the moves a person sent until their round is stored, and where each seat's
/// view is published for the pages that follow it. The seat's question itself is the seat actor's alone.
/// </summary>
public interface ISeatHost
{
    TimeProvider Clock { get; }

    /// <summary>How long a person has to move in a round of the run, when its session has a round timer.</summary>
    TimeSpan? RoundTime(string runId);

    /// <summary>Whether the run's session is paused now: what a seat started (or restarted) during a pause begins with.</summary>
    bool IsPaused(string runId);

    /// <summary>Keeps the moves a person sent for a round (202) until the round is stored: a restart does not ask again.</summary>
    void Keep(string runId, string party, int round, bool answer, IReadOnlyList<Move> moves);

    /// <summary>The moves kept for the round the seat is asked in, if any; kept moves of earlier rounds go.</summary>
    IReadOnlyList<Move>? Kept(string runId, string party, int round, bool answer, bool isAgency);

    /// <summary>The seat's view has changed: here it is, as its actor holds it now.</summary>
    void Published(SeatSnapshot snapshot);
}
