using CsCheck;
using Negotiation.Core.Analysis;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

public class DealAnalysisTests
{
    // The agency is indifferent to `support`; the vendor prefers `on-site`. Signing `remote` leaves value on the table.
    private static readonly TermDefinition Price = new("price", null, ["low", "mid", "high"]);
    private static readonly TermDefinition Support = new("support", null, ["remote", "on-site"]);

    private static Scenario Market() => new("market", null, null, 1, 5, [Price, Support],
        new AgencySpec("dow", "Agency",
            new Dictionary<string, Preference> { ["price"] = new(1, new Dictionary<string, double> { ["low"] = 1, ["mid"] = 0.6, ["high"] = 0 }) },
            [], 0.2, StrategySpec.Default, SameTermsPolicy.Never, []),
        [new VendorSpec("acme", "Acme",
            new Dictionary<string, Preference>
            {
                ["price"] = new(0.5, new Dictionary<string, double> { ["low"] = 0, ["mid"] = 0.6, ["high"] = 1 }),
                ["support"] = new(0.5, new Dictionary<string, double> { ["remote"] = 0, ["on-site"] = 1 }),
            },
            [new RedLine("no-low", "price", null, ["low"], null)], 0.1, StrategySpec.Default,
            ThreatRule.Hold, DesignationRule.Accept, false, [])],
        null, [], []);

    private static DealAnalysis Analyse(string price, string support)
    {
        var events = Decider.Decide(RunState.Empty, new OpenRun(Market(), 1));
        var terms = new Dictionary<string, string> { ["price"] = price, ["support"] = support };
        return DealAnalysis.Analyse(Evolution.Fold(events), new AgreementSigned(1, "acme", "dow", terms, new Dictionary<string, double>()))!;
    }

    [Fact]
    public void A_deal_both_sides_could_improve_on_is_not_pareto_optimal_and_names_the_better_one()
    {
        var analysis = Analyse("mid", "remote");

        Assert.False(analysis.ParetoOptimal);
        Assert.Equal("on-site", analysis.BetterForBoth!["support"]);
        Assert.Equal("mid", analysis.BetterForBoth["price"]);
        Assert.Equal(2, analysis.PossibleDeals); // low crosses the vendor's red line; high is worth 0 to the agency, below its 0.2
    }

    [Fact]
    public void The_nash_solution_maximises_the_product_of_gains_over_reservations()
    {
        var analysis = Analyse("mid", "on-site");

        Assert.True(analysis.ParetoOptimal);
        // mid/on-site: (0.6 - 0.2) * (0.8 - 0.1) = 0.28; high/on-site: agency 0 < 0.2 is not a possible deal.
        Assert.Equal(0.28, analysis.NashProduct, 9);
        Assert.Equal(0.28, analysis.BestNashProduct, 9);
        Assert.Equal(new Dictionary<string, string> { ["price"] = "mid", ["support"] = "on-site" }, analysis.NashSolution);
        Assert.Equal(1, analysis.ParetoFrontier);
    }

    [Fact]
    public void On_generated_runs_the_analysis_is_consistent_with_its_own_definitions()
    {
        Gen.Select(Gen.Int[1, 10_000_000], Gen.Int[1, 1000]).Sample(c =>
        {
            var events = Simulation.Run(GeneratedScenarios.Build(c.Item1), c.Item2);
            var state = RunState.Empty;
            foreach (var e in events)
            {
                if (e is AgreementSigned signed && DealAnalysis.Analyse(state, signed) is { } a)
                {
                    Assert.True(a.NashProduct <= a.BestNashProduct + 1e-9);
                    Assert.True(a.ParetoFrontier >= 1 && a.PossibleDeals >= a.ParetoFrontier);
                    foreach (var party in new[] { state.AgencyId, signed.Vendor })
                    {
                        Assert.Empty(RunState.Crossed(state.RedLinesInForce(party, signed.Vendor), a.NashSolution));
                        Assert.True(a.NashUtilities[party] >= state.Reservation(party) - 1e-9);
                        if (a.BetterForBoth is { } better)
                            Assert.True(state.Model(party).Utility(better) >= signed.Utilities[party] - 1e-9);
                    }
                }
                state = Evolution.Evolve(state, e);
            }
        }, iter: 300);
    }
}
