using Negotiation.Core.Engine;
using Negotiation.Core.Events;

namespace Negotiation.Core.Analysis;

/// <summary>
/// How good a signed deal was, judged against every contract both signers could have signed at that moment
/// (inside both sides' red lines in force, no locked option, clearing both reservations): whether another
/// contract was better for both (Pareto), and how it compares with the Nash bargaining solution, the
/// contract that maximises the product of both sides' gains over their reservations.
/// </summary>
public sealed record DealAnalysis(
    string Vendor,
    long PossibleDeals,
    int ParetoFrontier,
    bool ParetoOptimal,
    IReadOnlyDictionary<string, string>? BetterForBoth,
    double NashProduct,
    double BestNashProduct,
    IReadOnlyDictionary<string, string> NashSolution,
    IReadOnlyDictionary<string, double> NashUtilities)
{
    /// <summary>One analysis per signed contract, each on the state just before its signature.</summary>
    public static IReadOnlyList<DealAnalysis> Of(IEnumerable<RunEvent> events)
    {
        var analyses = new List<DealAnalysis>();
        var state = RunState.Empty;
        foreach (var e in events)
        {
            if (e is AgreementSigned signed && Analyse(state, signed) is { } analysis) analyses.Add(analysis);
            state = Evolution.Evolve(state, e);
        }
        return analyses;
    }

    public static DealAnalysis? Analyse(RunState state, AgreementSigned signed)
    {
        var scenario = state.Scenario;
        var vendor = signed.Vendor;
        var agency = state.AgencyId;
        if (SignableDeals.Of(state, vendor) is not { } deals) return null;
        var (ra, rv) = (state.Reservation(agency), state.Reservation(vendor));
        var ua = state.Model(agency).Utility(signed.Terms);
        var uv = state.Model(vendor).Utility(signed.Terms);
        const double eps = OfferSearch.Epsilon;

        // One pass, keeping only utility pairs and the two best contracts: a space of millions stays small.
        var points = new List<(double A, double V)>();
        int[]? nash = null, better = null;
        double bestNash = double.NegativeInfinity, bestGain = double.NegativeInfinity, nashA = 0, nashV = 0;
        foreach (var (choice, a, v) in deals)
        {
            points.Add((a, v));
            var product = (a - ra) * (v - rv);
            if (product > bestNash + eps)
            {
                (bestNash, nash, nashA, nashV) = (product, (int[])choice.Clone(), a, v);
            }
            var dominates = a >= ua - eps && v >= uv - eps && (a > ua + eps || v > uv + eps);
            if (dominates && a - ua + v - uv > bestGain + eps)
            {
                (bestGain, better) = (a - ua + v - uv, (int[])choice.Clone());
            }
        }
        if (nash is null) return null;

        return new DealAnalysis(
            vendor,
            points.Count,
            SignableDeals.Frontier(points).Count,
            better is null,
            better is null ? null : Terms.FromIndexes(scenario, better),
            (ua - ra) * (uv - rv),
            bestNash,
            Terms.FromIndexes(scenario, nash),
            new Dictionary<string, double> { [agency] = nashA, [vendor] = nashV });
    }
}
