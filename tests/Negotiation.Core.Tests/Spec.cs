using Negotiation.Core.Engine;
using Negotiation.Core.Events;

namespace Negotiation.Core.Tests;

/// <summary>Given events, when a command, then events (or a refusal).</summary>
internal sealed class Spec
{
    private readonly List<RunEvent> _given = [];

    public static Spec Given(params IEnumerable<RunEvent>[] events)
    {
        var spec = new Spec();
        foreach (var batch in events) spec._given.AddRange(batch);
        return spec;
    }

    public RunState State => Evolution.Fold(_given);

    public IReadOnlyList<RunEvent> Events => _given;

    public IReadOnlyList<RunEvent> When(RunCommand command) => Decider.Decide(State, command);

    /// <summary>
    /// The moves the parties' policies choose this round, with some replaced: a bargaining move replaces the
    /// party's bargaining move in that negotiation, any other move is added. Decisions the round raises that
    /// no given move answers get the policy's answer.
    /// </summary>
    public PlayRound Round(params Move[] replacing)
    {
        var round = State.Round + 1;
        var view = Decider.ViewAtStart(State, round);
        var moves = State.Scenario.Parties.SelectMany(p => Policy.MovesOf(view, p.Id))
            .Where(m => !replacing.Any(r => r.Party == m.Party && r.Vendor == m.Vendor && r.IsBargaining && m.IsBargaining))
            .Concat(replacing)
            .ToList();
        return Simulation.Answered(State, new PlayRound(round, moves), Policy.Answer);
    }

    /// <summary>The moves as given, with nothing added: for a round a test writes out whole.</summary>
    public PlayRound Exactly(params Move[] moves) => new(State.Round + 1, moves);

    /// <summary>Plays rounds with the policies' own moves until the given round has been played.</summary>
    public Spec PlayedTo(int round)
    {
        while (State.Round < round) _given.AddRange(When(Round()));
        return this;
    }
}
