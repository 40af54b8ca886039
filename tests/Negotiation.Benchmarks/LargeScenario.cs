using Negotiation.Core.Model;

namespace Negotiation.Benchmarks;

/// <summary>3 vendors, 30 rounds, 10 terms of 5 options (9,765,625 possible offers), with red lines and threats.</summary>
public static class LargeScenario
{
    public static Scenario Build()
    {
        var random = new Random(2026);
        var terms = Enumerable.Range(0, 10)
            .Select(k => new TermDefinition($"term_{k}", null, Enumerable.Range(0, 5).Select(o => $"option-{o}").ToList()))
            .ToList();
        Dictionary<string, Preference> Preferences() => terms.ToDictionary(t => t.Id, t => new Preference(
            Math.Round(random.NextDouble(), 3), t.Options.ToDictionary(o => o, _ => Math.Round(random.NextDouble(), 3))));
        List<RedLine> RedLines(string party) => terms.Take(3).Select((t, i) =>
            new RedLine($"{party}-{t.Id}", t.Id, null, [t.Options[(i + party.Length) % 5]], null)).ToList();

        var agency = new AgencySpec("agency", "Agency", Preferences(), RedLines("agency"), 0.4, new StrategySpec(StrategyKind.Boulware),
            SameTermsPolicy.OnRequest, [new Tactic(TacticKind.ThreatenDesignation, 5, 3), new Tactic(TacticKind.Designate)]);
        var vendors = Enumerable.Range(0, 3).Select(i => new VendorSpec($"vendor-{i}", $"Vendor {i}", Preferences(), RedLines($"vendor-{i}"),
            0.35, new StrategySpec(i switch { 0 => StrategyKind.Linear, 1 => StrategyKind.Conceder, _ => StrategyKind.TitForTat }),
            ThreatRule.Concede, DesignationRule.Litigate, i == 0, [])).ToList();
        return new Scenario("large", null, null, 1, 30, terms, agency, vendors, new LitigationSpec(3, 0.5), [], []);
    }
}
