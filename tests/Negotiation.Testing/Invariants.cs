using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Xunit;

namespace Negotiation.Testing;

/// <summary>
/// The invariants every run must keep (scenario format, "Invariants every run must keep"), checked event by
/// event against the state just before each event. Utilities are recomputed here from the preferences, not
/// by the engine's own code.
/// </summary>
public static class Invariants
{
    public static void Check(IReadOnlyList<RunEvent> events)
    {
        var state = RunState.Empty;
        foreach (var e in events)
        {
            switch (e)
            {
                case OfferMade offer:
                    var redLines = state.RedLinesInForce(offer.From, offer.Vendor);
                    Assert.Empty(RunState.Crossed(redLines, offer.Terms));
                    Assert.DoesNotContain(offer.Terms, kv => state.IsLocked(offer.From, kv.Key, kv.Value));
                    break;
                case AgreementSigned signed:
                    foreach (var party in new[] { state.AgencyId, signed.Vendor })
                    {
                        Assert.Empty(RunState.Crossed(state.RedLinesInForce(party, signed.Vendor), signed.Terms));
                        Assert.DoesNotContain(signed.Terms, kv => state.IsLocked(party, kv.Key, kv.Value));
                        var utility = Utility(state, party, signed.Terms);
                        Assert.Equal(utility, signed.Utilities[party], 9);
                        Assert.True(utility >= state.Reservation(party) - 1e-9,
                            $"{party} signed at {utility}, below its reservation {state.Reservation(party)}");
                    }
                    break;
                case RedLineAudited audited:
                    var dropped = state.Negotiation(audited.Vendor).DroppedRedLines.Contains(audited.RedLine);
                    Assert.Equal(dropped, audited.Dropped);
                    Assert.True(dropped || audited.Status != RedLineStatus.Crossed, $"{audited.Vendor}'s {audited.RedLine} reported crossed");
                    break;
            }
            state = Evolution.Evolve(state, e);
        }

        Assert.True(state.Concluded, "the run did not conclude");
        var concluded = Assert.IsType<RunConcluded>(events[^1]);
        Assert.Equal(state.Scenario.Vendors.Select(v => v.Id), concluded.Outcomes.Select(o => o.Vendor));
        Assert.Equal(Json(state.Outcomes()), Json(concluded.Outcomes));
        Assert.All(concluded.Outcomes, o => Assert.Equal(o.Result == OutcomeResult.Agreement, o.Terms is not null));
    }

    /// <summary>Sum of weight x value with weights normalised to 1, weights as changed by world events so far.</summary>
    public static double Utility(RunState state, string party, IReadOnlyDictionary<string, string> terms)
    {
        var spec = state.Scenario.Party(party);
        double Weight(string term) => state.OverridesOf(party).Weights.TryGetValue(term, out var w) ? w
            : spec.Preferences.TryGetValue(term, out var p) ? p.Weight : 0;
        var total = state.Scenario.Terms.Sum(t => Weight(t.Id));
        if (total <= 0) return 0;
        return terms.Sum(kv => spec.Preferences.TryGetValue(kv.Key, out var p) && p.Values.TryGetValue(kv.Value, out var v)
            ? Weight(kv.Key) / total * v
            : 0);
    }

    public static IReadOnlyList<string> Json(IEnumerable<RunEvent> events) => events.Select(e => EventTypes.NameOf(e) + EventJson.Serialize(e)).ToList();

    private static string Json(IReadOnlyList<Outcome> outcomes) => System.Text.Json.JsonSerializer.Serialize(outcomes, EventJson.Options);
}
