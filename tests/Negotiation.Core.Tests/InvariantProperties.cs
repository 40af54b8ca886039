using CsCheck;
using Negotiation.Core.Engine;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>The run invariants as properties over generated scenarios and seeds.</summary>
public class InvariantProperties
{
    private static readonly Gen<(int Scenario, int Seed)> Cases = Gen.Select(Gen.Int[1, 10_000_000], Gen.Int[1, 100_000]);

    [Fact]
    public void Every_run_keeps_red_lines_reservations_locks_and_reports_true_utilities() =>
        Cases.Sample(c => Invariants.Check(Simulation.Run(GeneratedScenarios.Build(c.Scenario), c.Seed)), iter: 500);

    [Fact]
    public void The_same_scenario_and_seed_give_the_same_events() =>
        Cases.Sample(c =>
        {
            var scenario = GeneratedScenarios.Build(c.Scenario);
            Assert.Equal(Invariants.Json(Simulation.Run(scenario, c.Seed)), Invariants.Json(Simulation.Run(scenario, c.Seed)));
        }, iter: 200);

    [Fact]
    public void Folding_the_events_rebuilds_the_outcomes_the_run_reported() =>
        Cases.Sample(c =>
        {
            var events = Simulation.Run(GeneratedScenarios.Build(c.Scenario), c.Seed);
            var replayed = Evolution.Fold(events.Take(events.Count - 1));
            var reported = ((Core.Events.RunConcluded)events[^1]).Outcomes;
            Assert.Equal(Invariants.Json([new Core.Events.RunConcluded(events[^1].Round, replayed.Outcomes())]),
                Invariants.Json([new Core.Events.RunConcluded(events[^1].Round, reported)]));
        }, iter: 200);

    [Fact]
    public void A_run_continued_from_any_round_ends_as_the_uninterrupted_one() =>
        Cases.Sample(c =>
        {
            var events = Simulation.Run(GeneratedScenarios.Build(c.Scenario), c.Seed);
            var stopAt = c.Seed % (events[^1].Round + 1);
            var prefix = events.TakeWhile(e => e.Round <= stopAt).ToList();
            var resumed = prefix.Concat(Simulation.Continue(Evolution.Fold(prefix))).ToList();
            Assert.Equal(Invariants.Json(events), Invariants.Json(resumed));
        }, iter: 200);

    /// <summary>Guards the generator: a reopened negotiation (an injunction with `after_injunction: reopen`) is rare, but reached.</summary>
    [Fact]
    public void Generated_runs_reach_a_negotiation_an_injunction_reopens() =>
        Assert.Contains(Enumerable.Range(1, 3000), i => Simulation.Run(GeneratedScenarios.Build(i), i).Any(e => e is Core.Events.DesignationLifted));

    /// <summary>Guards the generator: properties over runs that never sign or never threaten would prove little.</summary>
    [Fact]
    public void Generated_runs_reach_every_outcome_and_every_coercive_move()
    {
        var events = Enumerable.Range(1, 400).SelectMany(i => Simulation.Run(GeneratedScenarios.Build(i), i)).ToList();
        var results = events.OfType<Core.Events.RunConcluded>().SelectMany(c => c.Outcomes).Select(o => o.Result).ToHashSet();
        Assert.Equal(Enum.GetValues<Core.Events.OutcomeResult>().Where(r => r != Core.Events.OutcomeResult.Open).ToHashSet(), results);
        foreach (var type in new[] { typeof(Core.Events.DesignationThreatened), typeof(Core.Events.RedLinesDropped), typeof(Core.Events.ThreatMet),
                     typeof(Core.Events.CourtRuled), typeof(Core.Events.SameTermsExtended), typeof(Core.Events.OptionUnlocked), typeof(Core.Events.PartyNumberSet),
                     typeof(Core.Events.ChoiceWeighed) })
            Assert.Contains(events, e => e.GetType() == type);
    }
}
