using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>
/// A whole run without actors: the reference the actor shell must match event for event, and what property
/// tests and benchmarks drive. Continues from any state, so a resumed or forked run goes on the same way.
/// </summary>
public static class Simulation
{
    public static IReadOnlyList<RunEvent> Run(Scenario scenario, int seed)
    {
        var opening = Decider.Decide(RunState.Empty, new OpenRun(scenario, seed));
        var events = new List<RunEvent>(64);
        events.AddRange(opening);
        return Continue(Evolution.Fold(opening), events, null);
    }

    public static IReadOnlyList<RunEvent> Continue(RunState state, int? untilRound = null) => Continue(state, new List<RunEvent>(64), untilRound);

    // Into one list (issue 24).
    private static List<RunEvent> Continue(RunState state, List<RunEvent> events, int? untilRound)
    {
        while (!state.Concluded && (untilRound is null || state.Round < untilRound))
        {
            // The decider folds each event as it emits it: the round's state comes with its events (issue 24).
            var round = Play(state);
            events.AddRange(round.Events);
            state = round.State;
        }
        return events;
    }

    /// <summary>Every party chooses on the view at the round's start; the decider resolves the round.</summary>
    public static IReadOnlyList<RunEvent> NextRound(RunState state) => Play(state).Events;

    private static RoundResolution.Decided Play(RunState state)
    {
        var round = state.Round + 1;
        if (round > MaxRounds(state.Scenario))
            throw new InvalidMoveException($"the run did not conclude by round {round - 1}");
        var view = Decider.ViewAtStart(state, round);
        var moves = new List<Move>(2 * state.Scenario.Vendors.Count + 1);
        foreach (var party in state.Scenario.Parties) moves.AddRange(Policy.MovesOf(view, party.Id));
        var play = new PlayRound(round, moves);
        while (true)
        {
            switch (Decider.Attempt(state, play))
            {
                case RoundResolution.Decided decided:
                    return decided;
                case RoundResolution.NeedsAnswer needs:
                    play = play with { Moves = [.. play.Moves, Policy.Answer(needs.Question)] };
                    break;
            }
        }
    }

    /// <summary>The round with every decision it raises answered, in the order it raises them.</summary>
    public static PlayRound Answered(RunState state, PlayRound play, Func<Question, Move> answer)
    {
        while (Decider.NextQuestion(state, play) is { } question) play = play with { Moves = [.. play.Moves, answer(question)] };
        return play;
    }

    /// <summary>The last round a run can reach: its deadline, a lawsuit filed then, and a negotiation its injunction reopens.</summary>
    public static int MaxRounds(Scenario scenario)
    {
        var litigation = scenario.Litigation ?? LitigationSpec.Default;
        return scenario.Rounds + litigation.RoundsToRuling + 1 + litigation.RoundsReopened(scenario.Rounds);
    }
}
