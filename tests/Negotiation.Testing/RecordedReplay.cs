using Negotiation.Core.Engine;
using Negotiation.Core.Events;

namespace Negotiation.Testing;

/// <summary>A run decided again, round by round, from the moves its own events record (what verify does for a person's play).</summary>
public static class RecordedReplay
{
    public static IReadOnlyList<RunEvent> Of(IReadOnlyList<RunEvent> events)
    {
        var replayed = events.TakeWhile(e => e.Round == 0).ToList();
        var state = Evolution.Fold(replayed);
        while (!state.Concluded)
        {
            var round = state.Round + 1;
            var view = Decider.ViewAtStart(state, round);
            var recorded = events.Where(e => e.Round == round && e is not NegotiationOpened).ToList();
            var moves = state.Scenario.Parties.SelectMany(p => RecordedMoves.Of(view, p.Id, recorded)).ToList();
            var decided = Decider.Decide(state, new PlayRound(round, moves));
            replayed.AddRange(decided);
            state = decided.Aggregate(state, Evolution.Evolve);
        }
        return replayed;
    }
}
