using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>
/// What every ending is worth to every party (format 1.2): an agreement its utility of the signed terms, the
/// other endings the party's <c>outcomes</c> with the format's defaults, a suing vendor's value lowered by the
/// litigation's cost per round from filing to ruling. The one home of values, used by the best responses, the
/// reports, the sweeps, the seat views and the debrief.
/// </summary>
public static class Endings
{
    /// <summary>The party's value of an ending, with the format's defaults: no_deal its reservation, designated 0,
    /// designation_lifted its no_deal, exited its designated.</summary>
    public static double Value(RunState s, string party, Ending ending)
    {
        var values = s.Scenario.Party(party).Outcomes;
        var noDeal = values?.NoDeal ?? s.Reservation(party);
        var designated = values?.Designated ?? 0;
        return ending switch
        {
            Ending.NoDeal => noDeal,
            Ending.Designated => designated,
            Ending.DesignationLifted => values?.DesignationLifted ?? noDeal,
            Ending.Exited => values?.Exited ?? designated,
            _ => throw new ArgumentOutOfRangeException(nameof(ending)),
        };
    }

    /// <summary>How an ended negotiation without a contract ended, for its values; null while open or once signed.</summary>
    public static Ending? EndingOf(NegotiationState n) => n.Status switch
    {
        NegotiationStatus.Designated when n.Lawsuit is { Status: LitigationStatus.InjunctionGranted } => Ending.DesignationLifted,
        NegotiationStatus.Designated => n.Exited ? Ending.Exited : Ending.Designated,
        NegotiationStatus.WalkedAway or NegotiationStatus.Deadline => n.Enjoined ? Ending.DesignationLifted : Ending.NoDeal,
        _ => null,
    };

    /// <summary>What the suing vendor's lawsuits cost it: the cost per round times the rounds from filing to ruling.</summary>
    public static double LitigationCost(RunState s, NegotiationState n) => s.Litigation.CostPerRound * n.LitigationRounds;

    /// <summary>Both parties' values of a negotiation that has ended (agency first), or null while it is open.</summary>
    public static IReadOnlyDictionary<string, double>? ValuesOf(RunState s, NegotiationState n)
    {
        if (n.IsOpen) return null;
        double Of(string party)
        {
            var value = n.Agreement is { } signed
                ? signed.Utilities.TryGetValue(party, out var u) ? u : s.Model(party).Utility(signed.Terms)
                : Value(s, party, EndingOf(n)!.Value);
            return party == n.Vendor ? value - LitigationCost(s, n) : value;
        }
        return new Dictionary<string, double> { [s.AgencyId] = Of(s.AgencyId), [n.Vendor] = Of(n.Vendor) };
    }

    /// <summary>
    /// Each party's payoff for the run: a vendor's its value, the agency's the mean of its values over the vendors.
    /// A party whose negotiations have not all ended has none yet.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Payoffs(RunState s)
    {
        var payoffs = new Dictionary<string, double>();
        var agency = new List<double>();
        foreach (var n in s.InVendorOrder)
        {
            if (ValuesOf(s, n) is not { } values) continue;
            agency.Add(values[s.AgencyId]);
            payoffs[n.Vendor] = values[n.Vendor];
        }
        if (agency.Count == s.Scenario.Vendors.Count && agency.Count > 0)
            return new Dictionary<string, double>(payoffs.Prepend(new(s.AgencyId, agency.Average())));
        return payoffs;
    }
}
