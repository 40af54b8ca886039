using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>Uncertain numbers (format 1.1): drawn from the seed by path, independent of each other, recorded in the first event.</summary>
public class UncertaintyTests
{
    private static Scenario With(params UncertainNumber[] ranges) => Stories.WholeStory() with { Uncertain = ranges };

    private static Scenario Opened(Scenario scenario, int seed) =>
        ((NegotiationOpened)Decider.Decide(RunState.Empty, new OpenRun(scenario, seed))[0]).Scenario;

    [Fact]
    public void The_first_event_records_the_drawn_numbers_and_no_ranges()
    {
        var scenario = With(new UncertainNumber("vendors.anthropic.reservation", 0.1, 0.3, false),
            new UncertainNumber("litigation.rounds_to_ruling", 2, 5, true),
            new UncertainNumber("agency.tactics.0.deadline_rounds", 1, 3, true),
            new UncertainNumber("vendors.openai.preferences.domestic_surveillance.values.existing-law-reference", 0.2, 0.4, false));

        var drawn = Opened(scenario, 11);

        Assert.Null(drawn.Uncertain);
        Assert.InRange(drawn.Vendor("anthropic").Reservation, 0.1, 0.3);
        Assert.InRange(drawn.Litigation!.RoundsToRuling, 2, 5);
        Assert.InRange(drawn.Agency.Tactics[0].DeadlineRounds, 1, 3);
        Assert.InRange(drawn.Vendor("openai").Preferences["domestic_surveillance"].Values["existing-law-reference"], 0.2, 0.4);
        string Json(Scenario s) => System.Text.Json.JsonSerializer.Serialize(s, EventJson.Options);
        Assert.Equal(Json(drawn), Json(Opened(scenario, 11)));
        Assert.NotEqual(drawn.Vendor("anthropic").Reservation, Opened(scenario, 12).Vendor("anthropic").Reservation);
    }

    [Fact]
    public void Making_one_more_number_uncertain_leaves_the_others_draws_as_they_were()
    {
        var one = new UncertainNumber("vendors.anthropic.reservation", 0.1, 0.3, false);
        var other = new UncertainNumber("agency.reservation", 0.4, 0.6, false);

        foreach (var seed in Enumerable.Range(1, 20))
            Assert.Equal(Opened(With(one), seed).Vendor("anthropic").Reservation, Opened(With(other, one), seed).Vendor("anthropic").Reservation);
    }

    [Fact]
    public void An_integer_range_includes_both_ends_and_nothing_outside()
    {
        var range = new UncertainNumber("litigation.rounds_to_ruling", 2, 4, true);

        var drawn = Enumerable.Range(1, 300).Select(seed => Uncertainty.Value(range, seed)).ToHashSet();

        Assert.Equal([2.0, 3.0, 4.0], drawn.Order());
    }

    [Fact]
    public void A_run_with_drawn_numbers_keeps_every_invariant_and_replays()
    {
        var scenario = With(new UncertainNumber("vendors.openai.reservation", 0.2, 0.6, false), new UncertainNumber("agency.reservation", 0.4, 0.7, false));
        foreach (var seed in Enumerable.Range(1, 10))
        {
            var events = Simulation.Run(scenario, seed);
            Invariants.Check(events);
            Assert.Equal(Invariants.Json(events), Invariants.Json(Simulation.Run(scenario, seed)));
        }
    }
}
