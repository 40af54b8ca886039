using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>
/// One party's additive utility: weights normalised to sum 1, times the option values.
/// <see cref="Weighted"/>[term][option] is that product, so an offer's utility is a plain sum.
/// </summary>
public sealed class UtilityModel
{
    // A party's model depends only on the scenario and the weights a world event set, so it is built once per
    // pair and shared: every rule and policy call asks for one, many times a round.
    private static readonly ConditionalWeakTable<Scenario, ConcurrentDictionary<(string Party, IReadOnlyDictionary<string, double>? Weights), UtilityModel>> Built = new();

    private readonly Scenario _scenario;

    public static UtilityModel For(Scenario scenario, string party, IReadOnlyDictionary<string, double>? weightOverrides) =>
        Built.GetValue(scenario, _ => new())
            .GetOrAdd((party, weightOverrides), key => new UtilityModel(scenario, scenario.Party(key.Party), key.Weights));

    public UtilityModel(Scenario scenario, PartySpec party, IReadOnlyDictionary<string, double>? weightOverrides = null)
    {
        _scenario = scenario;
        var weights = scenario.Terms
            .Select(t => weightOverrides is not null && weightOverrides.TryGetValue(t.Id, out var w) ? w
                : party.Preferences.TryGetValue(t.Id, out var p) ? p.Weight : 0.0)
            .ToArray();
        var total = weights.Sum();
        Weighted = scenario.Terms.Select((t, k) => t.Options
                .Select(o => total <= 0 || !party.Preferences.TryGetValue(t.Id, out var p) ? 0.0
                    : weights[k] / total * (p.Values.TryGetValue(o, out var v) ? v : 0.0))
                .ToArray())
            .ToArray();
    }

    public double[][] Weighted { get; }

    public double Utility(IReadOnlyList<int> choice)
    {
        var sum = 0.0;
        for (var k = 0; k < choice.Count; k++) sum += Weighted[k][choice[k]];
        return sum;
    }

    public double Utility(IReadOnlyDictionary<string, string> terms) => Utility(Terms.ToIndexes(_scenario, terms));
}
