using Negotiation.Core.Engine;
using Negotiation.Core.Events;

namespace Negotiation.Actors;

/// <summary>Where the moves of a party that a person plays come from (a console, a recording, a test).</summary>
public interface IMoveSource
{
    /// <summary>The party's moves in every open negotiation it is in, chosen on the view at the round's start.</summary>
    Task<IReadOnlyList<Move>> ChooseAsync(RunState view, string party, CancellationToken ct);
}

/// <summary>A person's moves as a stored run recorded them: how <c>verify</c> re-runs a played run.</summary>
public sealed class RecordedMoveSource(IReadOnlyList<RunEvent> events) : IMoveSource
{
    public Task<IReadOnlyList<Move>> ChooseAsync(RunState view, string party, CancellationToken ct) =>
        Task.FromResult(RecordedMoves.Of(view, party, events.Where(e => e.Round == view.Round && e is not NegotiationOpened).ToList()));
}
