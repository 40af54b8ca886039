using CsCheck;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>
/// The invariants hold whatever a person does within the rules, not only for the policy: a random player
/// makes any move the rules allow (any open offer, accepting, passing, dropping a red line that is not firm,
/// speaking, threatening, designating, any answer to a threat or a designation), and the run still keeps every
/// invariant, and its moves read back from the events decide every round the same way again.
/// </summary>
public class AnyPlayerProperties
{
    private static readonly Gen<(int Scenario, int Seed, int Moves)> Cases = Gen.Select(Gen.Int[1, 10_000_000], Gen.Int[1, 100_000], Gen.Int[1, int.MaxValue]);

    [Fact]
    public void Any_moves_the_rules_allow_keep_every_invariant_and_replay_from_the_events() =>
        Cases.Sample(c =>
        {
            var random = new Random(c.Moves);
            var scenario = Soften(GeneratedScenarios.Build(c.Scenario), random);
            var events = Decider.Decide(RunState.Empty, new OpenRun(scenario, c.Seed)).ToList();
            var state = Evolution.Fold(events);
            while (!state.Concluded)
            {
                var view = Decider.ViewAtStart(state, state.Round + 1);
                var moves = scenario.Parties.SelectMany(p => AnyMoves(view, p.Id, random)).ToList();
                // As the decider does: red lines dropped this round are dropped for the round's other moves.
                var dropped = moves.OfType<Move.DropRedLine>()
                    .Aggregate(view, (v, d) => Evolution.Evolve(v, new RedLineDropped(v.Round, d.Vendor, d.Party, d.RedLine)));
                Assert.All(moves, m => Assert.Null(MoveCheck.Check(m is Move.DropRedLine ? view : dropped, m).Reason));
                var play = Simulation.Answered(state, new PlayRound(state.Round + 1, moves), q => AnyAnswer(q, random));
                var round = Decider.Decide(state, play);
                events.AddRange(round);
                state = round.Aggregate(state, Evolution.Evolve);
            }

            Invariants.Check(events);
            var replayed = events.TakeWhile(e => e.Round == 0).ToList();
            var again = Evolution.Fold(replayed);
            while (!again.Concluded)
            {
                var r = again.Round + 1;
                var view = Decider.ViewAtStart(again, r);
                var recorded = events.Where(e => e.Round == r && e is not NegotiationOpened).ToList();
                var round = Decider.Decide(again, new PlayRound(r, scenario.Parties.SelectMany(p => RecordedMoves.Of(view, p.Id, recorded)).ToList()));
                replayed.AddRange(round);
                again = round.Aggregate(again, Evolution.Evolve);
            }
            Assert.Equal(Invariants.Json(events), Invariants.Json(replayed));
        }, iter: 300);

    // Half the red lines not firm, so dropping and conceding are in play.
    private static Scenario Soften(Scenario s, Random random) => s with
    {
        Agency = s.Agency with { RedLines = [.. s.Agency.RedLines.Select(l => l with { Firm = random.Next(2) == 0 })] },
        Vendors = [.. s.Vendors.Select(v => v with { RedLines = [.. v.RedLines.Select(l => l with { Firm = random.Next(2) == 0 })] })],
    };

    private static IEnumerable<Move> AnyMoves(RunState view, string party, Random random)
    {
        if (random.Next(10) == 0) yield return new Move.Speak(party, $"round {view.Round}: {random.Next()}");
        foreach (var n in view.InVendorOrder.Where(n => n.IsOpen && (party == view.AgencyId || party == n.Vendor)))
        {
            var vendor = n.Vendor;
            if (party == view.AgencyId && Rules.MayDesignate(view, party, vendor).Allowed && random.Next(2) == 0)
            {
                yield return new Move.Pass(party, vendor);
                yield return new Move.Designate(party, vendor);
                continue;
            }
            var state = view;
            if (Rules.Droppable(view, party, vendor) is { Count: > 0 } droppable && random.Next(4) == 0)
            {
                var line = droppable[random.Next(droppable.Count)];
                yield return new Move.DropRedLine(party, vendor, line.Id);
                state = Evolution.Evolve(view, new RedLineDropped(view.Round, vendor, party, line.Id));
            }
            var open = Rules.OpenOptions(state, party, vendor);
            yield return random.Next(4) switch
            {
                0 when Rules.MayAccept(view, party, vendor).Allowed => new Move.Accept(party, vendor),
                1 => new Move.Pass(party, vendor),
                _ when open.All(o => o.Length > 0) => new Move.Offer(party, vendor,
                    view.Scenario.Terms.Select((t, k) => (t.Id, t.Options[open[k][random.Next(open[k].Length)]])).ToDictionary(x => x.Id, x => x.Item2)),
                _ => Policy.Bargain(view, party, vendor),
            };
            if (party == view.AgencyId && Rules.MayThreaten(view, party, vendor).Allowed && random.Next(2) == 0)
                yield return new Move.Threaten(party, vendor);
        }
    }

    private static Move AnyAnswer(Question question, Random random) => question switch
    {
        Question.ThreatAnswer t => (ThreatResponse)random.Next(3) switch
        {
            ThreatResponse.Concede => new Move.AnswerThreat(t.Vendor, ThreatResponse.Concede,
                Rules.Droppable(t.View, t.Vendor, t.Vendor).Where(_ => random.Next(2) == 0).Select(l => l.Id).ToList()),
            var answer => new Move.AnswerThreat(t.Vendor, answer, []),
        },
        Question.DesignationAnswer d => new Move.AnswerDesignation(d.Vendor, (DesignationResponse)random.Next(3)),
        _ => throw new InvalidOperationException(),
    };
}
