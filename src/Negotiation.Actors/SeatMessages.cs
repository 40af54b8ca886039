using Negotiation.Core.Engine;
using Negotiation.Core.Events;

namespace Negotiation.Actors;

/// <summary>
/// What a seat is asked now (closed): its moves for a round, or its answer to a threat or a designation. The view it
/// is asked on is the view it shows, and the one its moves are checked against.
/// </summary>
public abstract record Asked(int Round, DateTimeOffset? Until)
{
    /// <summary>The state the seat is asked on.</summary>
    public abstract RunState View { get; }

    public sealed record ForMoves(RunState Start, int Round, DateTimeOffset? Until) : Asked(Round, Until)
    {
        public override RunState View => Start;
    }

    public sealed record ForAnswer(Question Question, DateTimeOffset? Until) : Asked(Question.View.Round, Until)
    {
        public override RunState View => Question.View;
    }
}

/// <summary>
/// A seat as its actor holds it at one moment: the stored run as far as the seat has it (<paramref name="Stored"/>
/// events; <paramref name="Events"/> and their fold add the start of the round it is asked in), what it is asked, whether its moves for that are in, the
/// last round it moved in, and whether its session is paused. Every page, push and status is built from this.
/// </summary>
public sealed record SeatSnapshot(
    string RunId,
    string Party,
    int Stored,
    IReadOnlyList<RunEvent> Events,
    RunState State,
    Asked? Asked,
    bool Taken,
    int? Moved,
    bool Paused)
{
    /// <summary>Asked and still to answer: what the room's "waiting for" lists.</summary>
    public bool Waiting => Asked is not null && !Taken;
}

/// <summary>To the engine: deliver <paramref name="Message"/> to the seat of <paramref name="Party"/> in a playing run.</summary>
public sealed record ToSeat(string RunId, string Party, object Message);

/// <summary>The run is not playing, or nobody plays that party in it: no actor owns such a seat now.</summary>
public sealed record NoSeat(string RunId, string Party);

/// <summary>Seat: how do you stand? The reply is a <see cref="SeatSnapshot"/>.</summary>
public sealed record ViewSeat
{
    public static readonly ViewSeat Instance = new();
}

/// <summary>Seat: a person's moves (or answer) for the round, already read; the reply is <see cref="MovesTaken"/>.</summary>
public sealed record TakeMoves(int Round, IReadOnlyList<Move> Moves);

/// <summary>The seat's verdict on moves it was sent: taken (no refusal; <paramref name="Count"/> with the passes it added), or refused.</summary>
public sealed record MovesTaken(MovesRefused? Refused, int Count = 0)
{
    public bool Taken => Refused is null;
}

/// <summary>Why a seat took none of the moves it was sent (closed): each case is one answer of the API.</summary>
public abstract record MovesRefused(string Message)
{
    /// <summary>Nothing is asked of the seat now: it has moved this round, or the round is not open.</summary>
    public sealed record NotAsked() : MovesRefused("your moves are not asked for now: you have moved this round, or the round is not open");

    /// <summary>The moves are for another round than the one the seat is asked in.</summary>
    public sealed record WrongRound(int Sent, int AskedRound) : MovesRefused($"round {Sent} is not the round asked for: {AskedRound}");

    /// <summary>A move in a negotiation the seat is not a side of.</summary>
    public sealed record NotASide(string Reason) : MovesRefused(Reason);

    /// <summary>An acceptance of terms that are no longer the offer on the table: what stands now.</summary>
    public sealed record OfferChanged(string Vendor, IReadOnlyDictionary<string, string> Standing)
        : MovesRefused($"the offer on the table in the negotiation with {Vendor} is no longer the one you accepted: nothing was taken");

    /// <summary>The rules refuse the moves, in their words.</summary>
    public sealed record Broken(IReadOnlyList<string> Errors) : MovesRefused(Errors[0]);
}

/// <summary>Seat: the policy moves for you now, for this reason, if you are still asked; the reply is <see cref="SeatAdvanced"/>.</summary>
public sealed record AdvanceSeat(string Reason);

/// <summary>Whether the policy's moves were held for the seat (false: its person's own stood, or it was not asked).</summary>
public sealed record SeatAdvanced(bool Advanced);

/// <summary>Seat: your session is paused: no round of yours closes and your time stands still until the resume.</summary>
public sealed record PauseSeat
{
    public static readonly PauseSeat Instance = new();
}

/// <summary>Seat: your session goes on: the time it stood still is given back, moves held are sent.</summary>
public sealed record ResumeSeat
{
    public static readonly ResumeSeat Instance = new();
}
