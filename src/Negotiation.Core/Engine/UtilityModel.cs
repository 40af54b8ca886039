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
    // A model depends only on the party's preferences, the terms and the weights a world event set, so it is
    // built once per such triple and shared: by every rule and policy call of a round, and by every run of a
    // sweep, whose runs copy the scenario for their seed but keep its parties and terms.
    private static readonly ConditionalWeakTable<PartySpec, ConcurrentDictionary<(IReadOnlyList<TermDefinition> Terms, IReadOnlyDictionary<string, double>? Weights), UtilityModel>> Built = new();

    private readonly Scenario _scenario;

    public static UtilityModel For(Scenario scenario, string party, IReadOnlyDictionary<string, double>? weightOverrides)
    {
        var spec = scenario.Party(party);
        return Built.GetValue(spec, _ => new())
            .GetOrAdd((scenario.Terms, weightOverrides), static (key, built) => new UtilityModel(built.scenario, built.spec, key.Weights), (scenario, spec));
    }

    public UtilityModel(Scenario scenario, PartySpec party, IReadOnlyDictionary<string, double>? weightOverrides = null)
    {
        _scenario = scenario;
        var weights = scenario.Terms
            .Select(t => weightOverrides is not null && weightOverrides.TryGetValue(t.Id, out var w) ? w
                : party.Preferences.TryGetValue(t.Id, out var p) ? p.Weight : 0.0)
            .ToArray();
        var total = weights.Sum();
        Shares = scenario.Terms.Select((t, k) => total <= 0 || !party.Preferences.ContainsKey(t.Id) ? 0.0 : weights[k] / total).ToArray();
        Weighted = scenario.Terms.Select((t, k) => t.Options
                .Select(o => party.Preferences.TryGetValue(t.Id, out var p) && p.Values.TryGetValue(o, out var v) ? Shares[k] * v : 0.0)
                .ToArray())
            .ToArray();
    }

    /// <summary>Each term's share of the party's weight (the weights normalised to sum 1), as world events left them.</summary>
    public double[] Shares { get; }

    public double[][] Weighted { get; }

    public double Utility(IReadOnlyList<int> choice)
    {
        var sum = 0.0;
        for (var k = 0; k < choice.Count; k++) sum += Weighted[k][choice[k]];
        return sum;
    }

    private double Utility(ReadOnlySpan<int> choice)
    {
        var sum = 0.0;
        for (var k = 0; k < choice.Length; k++) sum += Weighted[k][choice[k]];
        return sum;
    }

    public double Utility(IReadOnlyDictionary<string, string> terms) => Utility(Terms.Indexes(_scenario, terms).AsSpan());
}
