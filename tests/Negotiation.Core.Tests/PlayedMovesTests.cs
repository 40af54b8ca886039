using CsCheck;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>The two core pieces a person's play rests on: checking a move before it is made, and reading moves back.</summary>
public class PlayedMovesTests
{
    private static readonly Gen<(int Scenario, int Seed)> Cases = Gen.Select(Gen.Int[1, 10_000_000], Gen.Int[1, 100_000]);

    [Fact]
    public void The_policys_own_moves_always_pass_the_check_a_persons_moves_must_pass() =>
        Cases.Sample(c =>
        {
            var state = Evolution.Fold(Decider.Decide(RunState.Empty, new OpenRun(GeneratedScenarios.Build(c.Scenario), c.Seed)));
            while (!state.Concluded)
            {
                var view = Decider.ViewAtStart(state, state.Round + 1);
                var moves = state.Scenario.Parties.SelectMany(p => Policy.MovesOf(view, p.Id)).ToList();
                Assert.All(moves, m => Assert.Null(MoveCheck.Check(view, m).Reason));
                var play = Simulation.Answered(state, new PlayRound(state.Round + 1, moves), q =>
                {
                    var answer = Policy.Answer(q);
                    Assert.Null(MoveCheck.Check(q.View, answer).Reason);
                    return answer;
                });
                state = Decider.Decide(state, play).Aggregate(state, Evolution.Evolve);
            }
        }, iter: 200);

    [Fact]
    public void Moves_read_back_from_a_rounds_events_decide_the_same_round_again() =>
        Cases.Sample(c =>
        {
            var events = Simulation.Run(GeneratedScenarios.Build(c.Scenario), c.Seed);
            Assert.Equal(Invariants.Json(events), Invariants.Json(RecordedReplay.Of(events)));
        }, iter: 200);

    [Fact]
    public void A_refused_move_says_why_in_words_a_player_can_act_on()
    {
        var spec = Spec.Given(Decider.Decide(RunState.Empty, new OpenRun(Stories.WholeStory(), 7))).PlayedTo(1);
        var view = Decider.ViewAtStart(spec.State, 2);
        var across = new Dictionary<string, string>
        {
            ["usage_scope"] = "all-lawful-uses", ["domestic_surveillance"] = "permitted", ["autonomous_weapons"] = "unrestricted",
        };

        var offer = MoveCheck.Check(view, new Move.Offer("openai", "openai", across));
        Assert.Equal("domestic_surveillance=permitted crosses your red line \"No domestic mass surveillance\" (no-domestic-surveillance)", offer.Reason);
        Assert.StartsWith("it crosses anthropic's red line", MoveCheck.Check(view, new Move.Accept("anthropic", "anthropic")).Reason);
        Assert.Equal("openai's offers have crossed an agency red line 1 rounds in a row; a threat takes 3", MoveCheck.Check(view, new Move.Threaten("dow", "openai")).Reason);
        Assert.Equal("no threat against openai is pending", MoveCheck.Check(view, new Move.Designate("dow", "openai")).Reason);
        Assert.Equal("only the agency can threaten a designation", MoveCheck.Check(view, new Move.Threaten("openai", "openai")).Reason);
    }

    [Fact]
    public void Opening_records_who_a_person_plays_and_refuses_a_party_that_does_not_exist()
    {
        var opened = (NegotiationOpened)Decider.Decide(RunState.Empty, new OpenRun(Stories.WholeStory(), 7, ["openai"]))[0];
        Assert.Equal(["openai"], opened.Humans);
        Assert.Equal(["openai"], Evolution.Fold([opened]).Humans);
        Assert.Null(((NegotiationOpened)Decider.Decide(RunState.Empty, new OpenRun(Stories.WholeStory(), 7))[0]).Humans);
        Assert.Throws<InvalidMoveException>(() => Decider.Decide(RunState.Empty, new OpenRun(Stories.WholeStory(), 7, ["nobody"])));
    }
}
