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
}
