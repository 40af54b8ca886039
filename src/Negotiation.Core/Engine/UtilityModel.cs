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
        // Plain loops: a run that draws a weight builds its parties' models anew (issue 24).
        var terms = scenario.Terms;
        var n = terms.Count;
        var weights = new double[n];
        var preferences = new Preference?[n];
        var total = 0.0;
        for (var k = 0; k < n; k++)
        {
            var id = terms[k].Id;
            preferences[k] = party.Preferences.TryGetValue(id, out var p) ? p : null;
            weights[k] = weightOverrides is not null && weightOverrides.TryGetValue(id, out var w) ? w : preferences[k]?.Weight ?? 0.0;
            total += weights[k];
        }
        Shares = new double[n];
        Weighted = new double[n][];
        var byWeight = total <= 0 ? null : new double[n][];
        for (var k = 0; k < n; k++)
        {
            Shares[k] = total <= 0 || preferences[k] is null ? 0.0 : weights[k] / total;
            var options = terms[k].Options;
            Weighted[k] = new double[options.Count];
            if (byWeight is not null) byWeight[k] = new double[options.Count];
            if (preferences[k] is not { } preference) continue;
            for (var o = 0; o < options.Count; o++)
            {
                if (!preference.Values.TryGetValue(options[o], out var v)) continue;
                Weighted[k][o] = Shares[k] * v;
                if (byWeight is not null) byWeight[k][o] = weights[k] * v;
            }
        }
        WeightSum = total > 0 ? total : 1.0;
        ByWeight = byWeight ?? Weighted;
    }

    /// <summary>
    /// Each option's value times its term's weight as given, before the weights are normalised: <see cref="Weighted"/>
    /// times <see cref="WeightSum"/>. The offer search's numbers: a term's stay the same whatever the other terms'
    /// weights, so a run that draws one weight shares what the search prepares for the others (issue 24).
    /// </summary>
    public double[][] ByWeight { get; }

    /// <summary>What the weights add up to (1 when they add up to nothing): <see cref="ByWeight"/> over it is <see cref="Weighted"/>.</summary>
    public double WeightSum { get; }

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
