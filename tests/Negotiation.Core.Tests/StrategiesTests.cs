using Negotiation.Core.Engine;
using Negotiation.Core.Model;

namespace Negotiation.Core.Tests;

public class StrategiesTests
{
    private static double Target(StrategyKind kind, int round, double? exponent = null) =>
        Strategies.Target(kind, new StrategySpec(kind, exponent).EffectiveExponent, 0.4, round, 10, 0.9, null, null, 0);

    [Theory]
    [InlineData(StrategyKind.Linear, 5, 0.7)]
    [InlineData(StrategyKind.Linear, 10, 0.4)]
    [InlineData(StrategyKind.Boulware, 5, 0.98125)] // 1 - 0.6 * 0.5^5
    [InlineData(StrategyKind.Conceder, 5, 0.5237797)] // 1 - 0.6 * 0.5^(1/3)
    [InlineData(StrategyKind.Hardliner, 9, 0.9)]
    public void Time_dependent_targets_follow_the_formula(StrategyKind kind, int round, double expected) =>
        Assert.Equal(expected, Target(kind, round), 6);

    [Fact]
    public void Boulware_concedes_later_than_linear_and_conceder_earlier()
    {
        for (var t = 1; t < 10; t++)
        {
            Assert.True(Target(StrategyKind.Boulware, t) > Target(StrategyKind.Linear, t));
            Assert.True(Target(StrategyKind.Conceder, t) < Target(StrategyKind.Linear, t));
        }
    }

    [Fact]
    public void Tit_for_tat_concedes_what_the_other_side_conceded_and_never_below_reservation()
    {
        Assert.Equal(0.7, Strategies.Target(StrategyKind.TitForTat, 1, 0.4, 3, 10, 0.9, 0.8, 0.1, 3), 9);
        Assert.Equal(0.8, Strategies.Target(StrategyKind.TitForTat, 1, 0.4, 3, 10, 0.9, 0.8, -0.2, 3), 9);
        Assert.Equal(0.4, Strategies.Target(StrategyKind.TitForTat, 1, 0.4, 3, 10, 0.9, 0.45, 0.3, 3), 9);
        Assert.Equal(0.9, Strategies.Target(StrategyKind.TitForTat, 1, 0.4, 1, 10, 0.9, null, null, 0), 9);
    }

    [Fact]
    public void Tit_for_tat_opens_with_one_linear_step_once_the_other_side_has_made_its_first_offer()
    {
        // Its own last offer was worth 0.9; the other side has offered once, so there is no concession to mirror:
        // it concedes (1 - 0.4) / 10 = 0.06, the gesture that keeps two tit-for-tat parties from freezing.
        Assert.Equal(0.84, Strategies.Target(StrategyKind.TitForTat, 1, 0.4, 2, 10, 0.9, 0.9, null, 1), 9);
    }

    [Fact]
    public void Two_tit_for_tat_parties_do_not_freeze_at_their_opening_offers()
    {
        var terms = new[] { "a", "b", "c" }.Select(t => new TermDefinition(t, null, ["x", "y", "z"])).ToList();
        Dictionary<string, Preference> Likes(double[] weights, double[] values) =>
            terms.Select((t, k) => (t.Id, new Preference(weights[k], new Dictionary<string, double> { ["x"] = values[0], ["y"] = values[1], ["z"] = values[2] })))
                .ToDictionary(x => x.Id, x => x.Item2);
        var tft = new StrategySpec(StrategyKind.TitForTat);
        var scenario = new Scenario("tft", null, null, 1, 10, terms,
            new AgencySpec("dow", "D", Likes([0.4, 0.3, 0.3], [0, 0.8, 1]), [], 0, tft, SameTermsPolicy.Never, []),
            [new VendorSpec("v", "V", Likes([0.2, 0.4, 0.4], [1, 0.6, 0]), [], 0.3, tft, ThreatRule.Hold, DesignationRule.Accept, false, [])],
            null, [], []);

        var offers = Simulation.Run(scenario, 1).OfType<Negotiation.Core.Events.OfferMade>().ToList();

        // Without the opening gesture neither side has a concession to mirror, and each repeats its first offer.
        var distinct = offers.Select(o => o.From + string.Join('/', o.Terms.OrderBy(kv => kv.Key).Select(kv => kv.Value))).Distinct().Count();
        Assert.True(distinct > 2, $"only {distinct} distinct offers: the two sides froze at their openings");
    }
}
