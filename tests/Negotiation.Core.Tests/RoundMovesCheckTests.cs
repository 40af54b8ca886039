using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>A person's moves for a round, checked together before the round is played, and completed with passes.</summary>
public class RoundMovesCheckTests
{
    private static readonly RunState View = Decider.ViewAtStart(Evolution.Fold([new NegotiationOpened(Stories.WholeStory() with { Events = [] }, 7, ["dow"])]), 1);

    [Fact]
    public void Two_bargaining_moves_in_one_negotiation_are_refused_with_every_other_reason()
    {
        Move[] moves = [new Move.Pass("dow", "openai"), new Move.Accept("dow", "openai"), new Move.Pass("dow", "xai")];

        var reasons = MoveCheck.CheckRoundAsSeenBy(View, moves);

        Assert.Equal("one offer, acceptance or pass per negotiation: 2 in the negotiation with openai", reasons[0]);
        Assert.Equal(MoveCheck.CheckAsSeenBy(View, moves[1]).Reason, Assert.Single(reasons.Skip(1)));
        Assert.Empty(MoveCheck.CheckRoundAsSeenBy(View, [new Move.Pass("dow", "openai"), new Move.Speak("dow", "We wait.")]));
    }

    /// <summary>Issue 22: the rule has one home, so the decider refuses two bargaining moves in the words a seat is told.</summary>
    [Fact]
    public void The_decider_refuses_two_bargaining_moves_in_the_words_the_check_gives()
    {
        var state = Evolution.Fold([new NegotiationOpened(Stories.WholeStory() with { Events = [] }, 7)]);
        var view = Decider.ViewAtStart(state, 1);
        var moves = state.Scenario.Parties.SelectMany(p => Policy.MovesOf(view, p.Id)).Append(new Move.Pass("openai", "openai")).ToList();

        var refused = Assert.Throws<InvalidMoveException>(() => Decider.Decide(state, new PlayRound(1, moves)));

        Assert.Equal("round 1: openai: one offer, acceptance or pass per negotiation: 2 in the negotiation with openai", refused.Message);
        Assert.Equal(Rules.MayMakeBargainingMoves(2, "openai").Reason, MoveCheck.CheckRoundAsSeenBy(view, moves.Where(m => m.Party == "openai").ToList())[0]);
    }

    /// <summary>Issue 22: an answer needs its question, in one home: asked a question, its answer alone; asked for moves, no answer.</summary>
    [Fact]
    public void What_a_person_is_asked_decides_which_moves_may_come()
    {
        var state = Evolution.Fold([new NegotiationOpened(Stories.WholeStory() with { Events = [] }, 7, ["anthropic"])]);
        var threat = new Threat(1, 3, ["all-lawful-uses"]);
        var threatened = state with { Negotiations = state.Negotiations.SetItem("anthropic", state.Negotiation("anthropic") with { Threat = threat }) };
        var question = new Question.ThreatAnswer("anthropic", threatened, threat);
        var hold = new Move.AnswerThreat("anthropic", ThreatResponse.Hold, []);

        Assert.Empty(MoveCheck.CheckAsAsked(question, threatened, [hold]));
        Assert.Equal(["one move is asked for now: your answer to the threat"], MoveCheck.CheckAsAsked(question, threatened, [new Move.Pass("anthropic", "anthropic")]));
        Assert.Equal(["one move is asked for now: your answer to the threat"], MoveCheck.CheckAsAsked(question, threatened, [hold, hold]));
        Assert.Equal(["there is no threat or designation to answer now"], MoveCheck.CheckAsAsked(null, View, [hold]));
        Assert.Empty(MoveCheck.CheckAsAsked(null, View, [new Move.Pass("dow", "openai")]));
    }

    [Fact]
    public void A_negotiation_the_moves_leave_out_gets_a_pass_and_nothing_else_changes()
    {
        Move[] moves = [new Move.Pass("dow", "openai"), new Move.Threaten("dow", "anthropic"), new Move.Speak("dow", "We wait.")];

        var completed = MoveCheck.WithPasses(View, "dow", moves);

        Assert.Equal([.. moves, new Move.Pass("dow", "anthropic"), new Move.Pass("dow", "xai")], completed);
        Assert.Equal(completed, MoveCheck.WithPasses(View, "dow", completed));
    }
}
